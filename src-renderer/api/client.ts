import type { Api } from '../../src-main/contract';
import { createHttpApi } from './http';

/** Picked once at start-up: IPC when the Electron preload provided `window.api`, else HTTP. */
export const api: Api = window.api ?? createHttpApi();
export const transport: 'ipc' | 'http' = window.api ? 'ipc' : 'http';
