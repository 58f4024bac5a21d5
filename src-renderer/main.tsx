import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isScreenLocation } from './screen/location';
import { prefetchScreenData } from './screen/prefetch';
import './styles/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// The big screen is an app of its own (fixed canvas, carousel): it loads without the office UI.
if (isScreenLocation(window.location)) {
  prefetchScreenData();
  void import('./screen/mount').then(({ mountScreen }) => mountScreen(root));
} else {
  void import('./app/App').then(({ App }) =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
