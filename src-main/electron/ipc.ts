/**
 * The main-process half of the IPC transport: every contract call gets one `ipcMain.handle`
 * channel that forwards to the backend, and backend events go to every window. Together with
 * preload.ts this is the only code allowed to touch ipcMain/ipcRenderer.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannel, ipcEventChannel, methods } from '../contract';
import type { Backend } from '../core/core';
import type { CallMeta } from '../core/context';
import type { Result } from '../dto/result';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const refused: Result<never> = { ok: false, error: { code: 'UNAUTHORIZED', message: '来源不明的调用已被拒绝。' } };

export function registerContract(backend: Backend, trusted: SenderCheck, meta: CallMeta): () => void {
  for (const method of methods) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => (trusted(event) ? backend.call(method, input, meta) : refused));
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(ipcChannel(method));
  };
}

export function forwardEvents(backend: Backend, targets: () => WebContents[]): () => void {
  return backend.subscribe((event) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel, event);
    }
  });
}
