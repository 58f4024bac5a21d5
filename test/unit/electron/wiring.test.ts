import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, ipcEventChannel, methods, type Api } from '../../../src-main/contract';
import type { Backend } from '../../../src-main/core/core';
import { EventBus } from '../../../src-main/core/events/bus';
import { applyPatch } from '../../../src-main/core/settings/file';
import type { Result } from '../../../src-main/dto/result';
import { settingsPatchInput, settingsSchema, type Settings } from '../../../src-main/dto/settings';
import { createFakeElectron, type FakeElectron } from './fakeElectron';

let fake: FakeElectron;
const calls: { method: string; input: unknown }[] = [];
const bus = new EventBus();
const answer = (method: string): Result<unknown> => ({ ok: true, value: `answer to ${method}` });
/** What the backend answers; the big-screen tests swap in one that keeps settings. */
let respond: (method: string, input: unknown) => Result<unknown> = answer;
const backend: Backend = {
  call: (method, input) => {
    calls.push({ method, input });
    return Promise.resolve(respond(method, input));
  },
  subscribe: (listener) => bus.subscribe(listener),
  close: vi.fn(() => Promise.resolve()),
};

// doMock (not hoisted) after resetModules: every test imports the shell afresh against a new fake.
beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  const current = fake;
  vi.doMock('electron', () => current.electron);
  vi.doMock('../../../src-main/core/host/workerBackend', () => ({ startWorkerBackend: vi.fn(() => Promise.resolve(backend)) }));
  calls.length = 0;
  respond = answer;
});

/** A backend holding settings as DATA/settings.json would, starting from `initial`. */
function keepSettings(initial: Partial<Settings['screen']> = {}): () => Settings {
  let settings = settingsSchema.parse({ screen: initial });
  respond = (method, input) => {
    if (method === 'settings.get') return { ok: true, value: settings };
    if (method === 'settings.update') {
      settings = applyPatch(settings, settingsPatchInput.parse(input));
      return { ok: true, value: settings };
    }
    return answer(method);
  };
  return () => settings;
}

type MenuItem = { label?: string; type?: string; checked?: boolean; click?: (item: { checked: boolean }) => void; submenu?: MenuItem[] };
const screenMenu = (): MenuItem[] => (fake.menu() as MenuItem[]).find((m) => m.label === '大屏')?.submenu ?? [];
const screenMenuItem = (label: string): MenuItem | undefined => screenMenu().find((i) => i.label?.includes(label));

describe('IPC transport', () => {
  it('registers one handler per contract call, each forwarding to the backend', async () => {
    const { registerContract } = await import('../../../src-main/electron/ipc');
    registerContract(backend, () => true, { actor: 'test' });
    expect([...fake.handlers.keys()].sort()).toEqual(methods.map(ipcChannel).sort());
    for (const method of methods) {
      const handler = fake.handlers.get(ipcChannel(method));
      expect(await handler?.({ sender: { id: 1 } }, { probe: method })).toEqual({ ok: true, value: `answer to ${method}` });
    }
    expect(calls.map((c) => c.method)).toEqual(methods);
  });

  it('refuses calls from a sender that is not one of our windows', async () => {
    const { registerContract } = await import('../../../src-main/electron/ipc');
    registerContract(backend, () => false, { actor: 'test' });
    const handler = fake.handlers.get(ipcChannel('app.status'));
    expect(await handler?.({ sender: { id: 99 } }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toEqual([]);
  });
});

describe('preload', () => {
  it('exposes exactly one object, api, with call and on', async () => {
    await import('../../../src-main/electron/preload');
    expect([...fake.exposed.keys()]).toEqual(['api']);
    const api = fake.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(JSON.stringify(api)).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('reaches every contract call through its own channel, and nothing else', async () => {
    const { registerContract } = await import('../../../src-main/electron/ipc');
    registerContract(backend, () => true, { actor: 'test' });
    await import('../../../src-main/electron/preload');
    const api = fake.exposed.get('api') as Api;
    for (const method of methods) {
      expect(await api.call(method, {} as never)).toEqual({ ok: true, value: `answer to ${method}` });
    }
    const invoked = fake.electron.ipcRenderer.invoke.mock.calls.map((c) => c[0]);
    expect(invoked).toEqual(methods.map(ipcChannel));

    const stray = await (api.call as (m: string, i: unknown) => Promise<unknown>)('fs.readFile', {});
    expect(stray).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenCalledTimes(methods.length);
  });

  it('delivers pushed events to subscribers until they unsubscribe', async () => {
    await import('../../../src-main/electron/preload');
    const api = fake.exposed.get('api') as Api;
    const seen: number[] = [];
    const off = api.on('data-changed', (e) => seen.push(e.seq));
    fake.deliver(ipcEventChannel, { name: 'data-changed', payload: { entities: ['grid'], seq: 1 } });
    fake.deliver(ipcEventChannel, { name: 'progress', payload: { taskId: 't', label: '', done: 1, total: 2, finished: false } });
    off();
    fake.deliver(ipcEventChannel, { name: 'data-changed', payload: { entities: ['grid'], seq: 2 } });
    expect(seen).toEqual([1]);
    expect(fake.listenerCount(ipcEventChannel)).toBe(0);
    expect(() => api.on('nope' as 'progress', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('desktop shell', () => {
  it('takes the single-instance lock, opens a sandboxed window, wires IPC and a Chinese menu', async () => {
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');

    const [win] = fake.windows;
    const prefs = win?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(win?.loaded[0]).toMatch(/renderer\/index\.html#\/$/);

    expect([...fake.handlers.keys()].sort()).toEqual(methods.map(ipcChannel).sort());

    const labels = (fake.menu() as { label: string }[]).map((m) => m.label);
    expect(labels).toEqual(['文件', '编辑', '视图', '大屏', '帮助']);

    // Backend pushes reach the window.
    bus.emit('data-changed', { entities: ['grid'], seq: 5 });
    expect(win?.webContents.sent).toContainEqual([ipcEventChannel, { name: 'data-changed', payload: { entities: ['grid'], seq: 5 } }]);
  });

  it('opens the big screen in kiosk on the secondary display from the menu', async () => {
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(screenMenu().length).toBeGreaterThan(0));
    screenMenuItem('展厅模式')?.click?.({ checked: false });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    const screenWindow = fake.windows[1];
    expect(screenWindow?.options).toMatchObject({ kiosk: true, fullscreen: true, x: 1920 });
    expect(screenWindow?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(screenWindow?.loaded[0]).toMatch(/#\/screen$/);
  });

  it('quits when another instance already runs', async () => {
    fake.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../src-main/electron/main');
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('closes the backend before the process quits', async () => {
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const event = { preventDefault: vi.fn() };
    for (const fn of fake.appEvents.get('before-quit') ?? []) fn(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.exit).toHaveBeenCalledWith(0));
    expect(backend.close).toHaveBeenCalled();
  });
});

describe('big screen window', () => {
  it('opens on the display chosen in the menu, and remembers the choice and kiosk', async () => {
    const settings = keepSettings({ kiosk: false });
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(screenMenu().length).toBeGreaterThan(0));
    const displays = screenMenuItem('大屏显示器')?.submenu ?? [];
    expect(displays.map((d) => [d.label, d.checked])).toEqual([
      ['显示器 1（1920×1080，主显示器）', false],
      ['显示器 2（1920×1080）', true],
    ]);
    displays[0]?.click?.({ checked: true });
    await vi.waitFor(() => expect(settings().screen.displayId).toBe(1));

    screenMenuItem('展厅模式')?.click?.({ checked: false });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    expect(fake.windows[1]?.options).toMatchObject({ kiosk: true, x: 0 });
    await vi.waitFor(() => expect(settings().screen.kiosk).toBe(true));
  });

  it('comes back at start, in kiosk on its display, when set to open on start', async () => {
    keepSettings({ openOnStart: true, kiosk: true, displayId: 2 });
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    const [main, screen] = fake.windows;
    expect(main?.loaded[0]).toMatch(/#\/$/);
    expect(screen?.options).toMatchObject({ kiosk: true, fullscreen: true, x: 1920 });
    expect(screen?.loaded[0]).toMatch(/#\/screen$/);
    // The screen window is one of ours: its calls (saving the board it shows) are served.
    const handler = fake.handlers.get(ipcChannel('settings.update'));
    expect(await handler?.({ sender: { id: screen?.webContents.id } }, { screen: { lastBoard: 'events' } })).toMatchObject({ ok: true });
  });

  it('stays closed at start unless set to open on start', async () => {
    keepSettings({ openOnStart: false });
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(screenMenu().length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.windows).toHaveLength(1);
  });

  it('turns opening on start on and off, starting the app at login with it', async () => {
    const settings = keepSettings();
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(screenMenu().length).toBeGreaterThan(0));
    const entry = join(fake.appData, 'autostart', 'street-command-center.desktop');

    screenMenuItem('开机后自动打开大屏')?.click?.({ checked: true });
    await vi.waitFor(() => expect(settings().screen.openOnStart).toBe(true));
    await vi.waitFor(() => expect(screenMenuItem('开机后自动打开大屏')?.checked).toBe(true));
    if (process.platform === 'linux') {
      expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.+$/m);
    } else {
      expect(fake.electron.app.setLoginItemSettings).toHaveBeenLastCalledWith(expect.objectContaining({ openAtLogin: true }));
    }

    screenMenuItem('开机后自动打开大屏')?.click?.({ checked: false });
    await vi.waitFor(() => expect(settings().screen.openOnStart).toBe(false));
    if (process.platform === 'linux') await vi.waitFor(() => expect(existsSync(entry)).toBe(false));
  });

  it('moves an open screen to the secondary display when it is plugged in after start', async () => {
    fake.changeDisplays([{ id: 1, x: 0 }]);
    keepSettings({ openOnStart: true, kiosk: true });
    await import('../../../src-main/electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    const screen = fake.windows[1];
    expect(screen?.getBounds().x).toBe(0);

    fake.changeDisplays([
      { id: 1, x: 0 },
      { id: 7, x: 1920 },
    ]);
    await vi.waitFor(() => expect(screen?.getBounds().x).toBe(1920));
    expect(screen?.isKiosk()).toBe(true);
  });
});
