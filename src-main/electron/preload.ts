/**
 * Runs sandboxed, before the page. Exposes exactly one object, `window.api`: the typed contract.
 * The page never sees ipcRenderer, and a call whose name is not in the contract never leaves.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, ipcChannel, ipcEventChannel, isMethod, type Api } from '../contract';
import type { AnyEvent } from '../core/events/bus';

const api: Api = {
  call(method, input) {
    if (typeof method !== 'string' || !isMethod(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的调用：${String(method)}` } });
    }
    return ipcRenderer.invoke(ipcChannel(method), input);
  },
  on(name, listener) {
    if (!eventNames.includes(name)) throw new Error(`Unknown event: ${String(name)}`);
    const handler = (_event: IpcRendererEvent, message: AnyEvent): void => {
      if (message.name === name) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(ipcEventChannel, handler);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
