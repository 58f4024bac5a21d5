import type { Api } from '../src-main/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the HTTP client is used. */
    api?: Api;
  }
}

declare module '*.css';
