import { readFileSync } from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

const loaded = new Map<string, Promise<SqlJsStatic>>();

/**
 * Loads sql.js with the wasm file shipped in resources/ (the same bytes as the package's own, a
 * unit test checks), so a packaged app never looks inside node_modules for it.
 */
export function loadSqlJs(wasmPath: string): Promise<SqlJsStatic> {
  let pending = loaded.get(wasmPath);
  if (!pending) {
    const bytes = readFileSync(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    pending = initSqlJs({ wasmBinary });
    loaded.set(wasmPath, pending);
  }
  return pending;
}
