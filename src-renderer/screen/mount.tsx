import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ScreenApp } from './ScreenApp';
import { screenFeed } from './data/useScreenData';
import './screen.css';

export function mountScreen(root: HTMLElement): void {
  screenFeed.start();
  document.documentElement.classList.add('screen-mode');
  document.title = '街道指挥中心 · 数据大屏';
  createRoot(root).render(
    <StrictMode>
      <ScreenApp />
    </StrictMode>,
  );
}
