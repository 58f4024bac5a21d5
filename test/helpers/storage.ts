import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSqlJs } from '../../src-main/core/db/sqljs';
import { DataDirectory, type DataDirectoryOptions } from '../../src-main/core/storage/dataDirectory';
import { realIo, type FileIo } from '../../src-main/core/storage/io';
import { isoTimestamp } from '../../src-main/core/time';
import { resourcesDir } from './core';
import { tempDir } from './tempDirs';

export const wasmPath = join(resourcesDir, 'sql-wasm.wasm');

export function tempDataDir(prefix = 'scc-store-'): string {
  return tempDir(prefix);
}

let tick = 0;
/** A clock that moves one second per call, so timestamps differ and sort. */
export const steppingNow = (): string => isoTimestamp(new Date(Date.UTC(2026, 10, 21, 1, 0, 0) + 1000 * tick++));

export async function openData(dataDir: string, extra: Partial<DataDirectoryOptions> = {}): Promise<DataDirectory> {
  const sql = await loadSqlJs(wasmPath);
  return DataDirectory.open({ dataDir, sql, now: steppingNow, ...extra });
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Runs Debian's sqlite3 CLI `PRAGMA integrity_check` on a snapshot file. */
export function sqliteIntegrity(file: string): string {
  const result = spawnSync('sqlite3', ['-readonly', file, 'PRAGMA integrity_check;'], { encoding: 'utf8' });
  if (result.error) throw new Error(`sqlite3 CLI not available: ${result.error.message} (apt install sqlite3)`);
  return `${result.stdout}${result.stderr}`.trim();
}

export function snapshotsIn(dataDir: string): string[] {
  return filesUnder(join(dataDir, 'db')).filter((f) => f.endsWith('.sqlite'));
}

export const bytesOf = (file: string): Buffer => readFileSync(file);

/** A FileIo that fails chosen operations the way a full or read-only disk does. */
export function faultyIo(shouldFail: (op: keyof FileIo, path: string | number) => NodeJS.ErrnoException | null): FileIo & { paths: Map<number, string> } {
  const paths = new Map<number, string>();
  const guard = <A extends unknown[], R>(op: keyof FileIo, fn: (...args: A) => R) =>
    (...args: A): R => {
      const target = typeof args[0] === 'number' ? (paths.get(args[0]) ?? args[0]) : (args[0] as string);
      const error = shouldFail(op, target);
      if (error) throw error;
      return fn(...args);
    };
  return {
    ...realIo,
    paths,
    open: (path, flags) => {
      const error = shouldFail('open', path);
      if (error) throw error;
      const fd = realIo.open(path, flags);
      paths.set(fd, path);
      return fd;
    },
    write: guard('write', realIo.write),
    fsync: guard('fsync', realIo.fsync),
    truncate: guard('truncate', realIo.truncate),
    rename: guard('rename', realIo.rename),
    mkdir: guard('mkdir', realIo.mkdir),
  };
}

export function errno(code: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: simulated`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}
