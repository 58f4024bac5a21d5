import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../context';
import { realIo, writeFileAtomic } from '../storage/io';
import type { DataDirectory } from '../storage/dataDirectory';

/**
 * Packages the exchange keeps between calls: the outbox (waiting for upload) and the inbox
 * (waiting for a person to settle conflicts). They live in the data directory, sealed with the
 * database key when encryption is on, written atomically; in memory for an in-memory core.
 */
export type Folder = 'outbox' | 'inbox';

const memory = new WeakMap<DataDirectory, Map<string, Uint8Array>>();

function memoryOf(data: DataDirectory): Map<string, Uint8Array> {
  let files = memory.get(data);
  if (!files) memory.set(data, (files = new Map()));
  return files;
}

const folderPath = (dataDir: string, folder: Folder): string => join(dataDir, 'exchange', folder);

export const exchangeFiles = {
  write(ctx: CoreContext, folder: Folder, name: string, bytes: Uint8Array): void {
    const dir = ctx.data.dataDir;
    if (!dir) {
      memoryOf(ctx.data).set(`${folder}/${name}`, bytes);
      return;
    }
    mkdirSync(folderPath(dir, folder), { recursive: true });
    writeFileAtomic(realIo, join(folderPath(dir, folder), name), ctx.data.sealBlob(bytes));
  },
  read(ctx: CoreContext, folder: Folder, name: string): Uint8Array | null {
    const dir = ctx.data.dataDir;
    if (!dir) return memoryOf(ctx.data).get(`${folder}/${name}`) ?? null;
    const path = join(folderPath(dir, folder), name);
    return existsSync(path) ? ctx.data.openBlob(readFileSync(path)) : null;
  },
  remove(ctx: CoreContext, folder: Folder, name: string): void {
    const dir = ctx.data.dataDir;
    if (!dir) {
      memoryOf(ctx.data).delete(`${folder}/${name}`);
      return;
    }
    const path = join(folderPath(dir, folder), name);
    if (existsSync(path)) unlinkSync(path);
  },
};
