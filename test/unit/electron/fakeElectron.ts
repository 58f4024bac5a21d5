import { vi } from 'vitest';
import { tempDir } from '../../helpers/tempDirs';

/**
 * A fake `electron` module: records what the shell asks of Electron, so the wiring (IPC
 * registration, preload exposure, window options, menu) is tested without the binary.
 */
export function createFakeElectron() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const exposed = new Map<string, unknown>();
  const windows: FakeWindow[] = [];
  const appEvents = new Map<string, ((...args: unknown[]) => void)[]>();
  const screenEvents = new Map<string, (() => void)[]>();
  const appData = tempDir('scc-fake-appdata-');
  let menuTemplate: unknown[] = [];
  let nextId = 1;

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly webContents;
    readonly loaded: string[] = [];
    readonly events = new Map<string, (() => void)[]>();
    destroyed = false;
    bounds: { x: number; y: number; width: number; height: number };
    kiosk: boolean;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
      this.kiosk = options.kiosk === true;
      const id = nextId++;
      this.webContents = {
        id,
        sent: [] as unknown[][],
        send(...args: unknown[]) {
          this.sent.push(args);
        },
        isDestroyed: () => false,
        setWindowOpenHandler: vi.fn(),
        on: vi.fn(),
        session: { setPermissionRequestHandler: vi.fn() },
      };
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on(name: string, fn: () => void) {
      this.events.set(name, [...(this.events.get(name) ?? []), fn]);
    }
    getBounds() {
      return { ...this.bounds };
    }
    setBounds(bounds: { x: number; y: number; width: number; height: number }) {
      this.bounds = { ...bounds };
    }
    isKiosk() {
      return this.kiosk;
    }
    setKiosk(on: boolean) {
      this.kiosk = on;
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    focus() {}
    restore() {}
    show() {}
    close() {
      this.destroyed = true;
      for (const fn of this.events.get('closed') ?? []) fn();
    }
    static getAllWindows() {
      return windows;
    }
  }

  const display = (id: number, x: number) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 }, size: { width: 1920, height: 1080 } });
  let displays = [display(1, 0), display(2, 1920)];

  const electron = {
    ipcMain: {
      handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, fn);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    ipcRenderer: {
      invoke: vi.fn((channel: string, ...args: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
        return Promise.resolve(handler({ sender: { id: 1 } }, ...args));
      }),
      on: vi.fn((channel: string, fn: (event: unknown, message: unknown) => void) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(fn);
        rendererListeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, fn: (event: unknown, message: unknown) => void) => {
        rendererListeners.get(channel)?.delete(fn);
      }),
    },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
        exposed.set(key, value);
      }),
    },
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      commandLine: { appendSwitch: vi.fn() },
      whenReady: vi.fn(() => Promise.resolve()),
      getAppPath: vi.fn(() => '/app'),
      getVersion: vi.fn(() => '9.9.9'),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => {
        appEvents.set(name, [...(appEvents.get(name) ?? []), fn]);
      }),
      quit: vi.fn(),
      exit: vi.fn(),
      setLoginItemSettings: vi.fn(),
      getPath: vi.fn((_name: string) => appData),
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => {
        menuTemplate = template;
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    screen: {
      getAllDisplays: vi.fn(() => displays),
      getPrimaryDisplay: vi.fn(() => display(1, 0)),
      on: vi.fn((name: string, fn: () => void) => {
        screenEvents.set(name, [...(screenEvents.get(name) ?? []), fn]);
      }),
    },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
  };

  return {
    electron,
    handlers,
    exposed,
    windows,
    appEvents,
    menu: () => menuTemplate,
    /** Delivers a pushed event to the renderer side, as webContents.send would. */
    deliver(channel: string, message: unknown) {
      for (const fn of rendererListeners.get(channel) ?? []) fn({}, message);
    },
    listenerCount: (channel: string) => rendererListeners.get(channel)?.size ?? 0,
    appData,
    /** Replaces the connected displays (id, x offset) and reports it as Electron would. */
    changeDisplays(next: { id: number; x: number }[]) {
      const added = next.length > displays.length;
      displays = next.map((d) => display(d.id, d.x));
      for (const fn of screenEvents.get(added ? 'display-added' : 'display-removed') ?? []) fn();
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
