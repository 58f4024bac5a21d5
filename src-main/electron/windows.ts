import { BrowserWindow, screen, shell, type Display, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WindowPaths {
  preload: string;
  rendererIndex: string;
  /** electron-vite's dev server, when running `electron-vite dev`. */
  devServerUrl?: string;
}

export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: false,
});

function appUrl(paths: WindowPaths, route: string): string {
  const base = paths.devServerUrl ?? pathToFileURL(paths.rendererIndex).href;
  return `${base}#${route}`;
}

/** Only our own pages load in our windows; links to anywhere else open in the system browser. */
function harden(win: BrowserWindow, paths: WindowPaths): void {
  const own = (url: string): boolean =>
    url.startsWith(pathToFileURL(paths.rendererIndex).href) || (paths.devServerUrl !== undefined && url.startsWith(paths.devServerUrl));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!own(url)) event.preventDefault();
  });
  win.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: '街道指挥中心',
    backgroundColor: '#f3f5f9',
    webPreferences: secureWebPreferences(paths.preload),
  });
  harden(win, paths);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl(paths, '/'));
  return win;
}

/** The display a big screen goes to: the first one that is not the primary, else the primary. */
export function pickScreenDisplay(displays: Display[], primary: Display, wantedId?: number): Display {
  return displays.find((d) => d.id === wantedId) ?? displays.find((d) => d.id !== primary.id) ?? primary;
}

export function createScreenWindow(paths: WindowPaths, options: { kiosk: boolean; displayId?: number }): BrowserWindow {
  const display = pickScreenDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay(), options.displayId);
  const { x, y, width, height } = display.bounds;
  const win = new BrowserWindow({
    x,
    y,
    width,
    height,
    show: false,
    title: '街道指挥中心 · 大屏',
    backgroundColor: '#061329',
    autoHideMenuBar: true,
    fullscreen: options.kiosk,
    kiosk: options.kiosk,
    webPreferences: secureWebPreferences(paths.preload),
  });
  harden(win, paths);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl(paths, '/screen'));
  return win;
}

export const preloadPath = (mainDir: string): string => join(mainDir, '..', 'preload', 'preload.cjs');
export const rendererIndexPath = (mainDir: string): string => join(mainDir, '..', 'renderer', 'index.html');
