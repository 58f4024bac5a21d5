import type { Api } from '../../src-main/contract';
import { tracked } from './activity';
import { createHttpApi } from './http';

/** Picked once at start-up: IPC when the Electron preload provided `window.api`, else HTTP. */
export const api: Api = tracked(window.api ?? createHttpApi());
export const transport: 'ipc' | 'http' = window.api ? 'ipc' : 'http';
