/**
 * The Electron shell: windows, menu, single instance, and the IPC transport of the contract.
 * The core itself runs in a worker thread; nothing here knows about the database.
 */
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startWorkerBackend } from '../core/host/workerBackend';
import { defaultDataDir, entryDirOf } from '../core/paths';
import type { Backend } from '../core/core';
import { forwardEvents, registerContract } from './ipc';
import { menuTemplate } from './menu';
import { ScreenWindows } from './screenWindows';
import { createMainWindow, preloadPath, rendererIndexPath, type WindowPaths } from './windows';

const mainDir = entryDirOf(import.meta.url);

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return '本机用户';
  }
}

/** `--data DIR` works for the desktop app as for every `scc` command. */
export function dataDirFromArgv(argv: string[]): string {
  const i = argv.indexOf('--data');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
  return given ?? defaultDataDir();
}

export async function startDesktop(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const dataDir = dataDirFromArgv(process.argv);
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const paths: WindowPaths = {
    preload: preloadPath(mainDir),
    rendererIndex: rendererIndexPath(mainDir),
    ...(process.env.ELECTRON_RENDERER_URL ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
  };

  // The UI is Simplified Chinese whatever the system's locale (a 统信UOS install is often en_US), and
  // so are Chromium's own parts: context menus, form validation messages, the file dialog's texts.
  app.commandLine.appendSwitch('lang', 'zh-CN');
  await app.whenReady();
  let backend: Backend;
  try {
    backend = await startWorkerBackend(join(mainDir, 'coreWorker.js'), { dataDir, resourcesDir, version: app.getVersion() });
  } catch (error) {
    dialog.showErrorBox('街道指挥中心无法启动', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  let mainWindow = createMainWindow(paths);
  // Started again at login (a hall PC after a power cut) with the same data directory.
  const explicitData = process.argv.some((a) => a === '--data' || a.startsWith('--data='));
  const relaunch = [process.execPath, ...(app.isPackaged ? [] : [app.getAppPath()]), ...(explicitData ? ['--data', dataDir] : [])];
  const screens = new ScreenWindows(paths, backend, relaunch, () => void buildMenu());
  const ours = (): BrowserWindow[] => [mainWindow, ...screens.windows()].filter((w) => !w.isDestroyed());

  registerContract(backend, (event) => ours().some((w) => w.webContents.id === event.sender.id), { actor: `桌面:${userName()}` });
  forwardEvents(backend, () => ours().map((w) => w.webContents));

  async function buildMenu(): Promise<void> {
    const screenState = await screens.menuState();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            openScreen(kiosk) {
              void screens.openScreen(kiosk);
            },
            closeScreens() {
              screens.closeAll();
            },
            chooseScreenDisplay(id) {
              void screens.chooseDisplay(id);
            },
            setScreenOnStart(on) {
              void screens.setOpenOnStart(on);
            },
            showDataDir() {
              void shell.openPath(dataDir);
            },
            about() {
              void dialog.showMessageBox(mainWindow, {
                title: '关于',
                message: `街道指挥中心 ${app.getVersion()}`,
                detail: `党建引领网格化治理 · 数据目录：${dataDir}`,
              });
            },
          },
          process.platform === 'darwin',
          screenState,
        ),
      ),
    );
  }
  await buildMenu();
  await screens.restore();

  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) mainWindow = createMainWindow(paths);
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(paths);
  });
  app.on('window-all-closed', () => app.quit());

  // Quit waits for the core to close, so the database is snapshotted before the process ends.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void backend.close().finally(() => app.exit(0));
  });
}

void startDesktop();
