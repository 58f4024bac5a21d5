import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Cipher } from './crypto';
import { writeFileAtomic, type FileIo } from './io';

/**
 * A generation's snapshot: the database file as `db.export()` gives it. Plain, it is an ordinary
 * SQLite file (the sqlite3 CLI opens it); encrypted, it is MAGIC | AES-GCM sealed bytes.
 */
const MAGIC = Buffer.from('SCCENC01', 'ascii');
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const pad = (generation: number): string => String(generation).padStart(6, '0');

export const snapshotName = (generation: number, encrypted: boolean): string => `gen-${pad(generation)}.sqlite${encrypted ? '.enc' : ''}`;
export const journalName = (generation: number): string => `gen-${pad(generation)}.journal`;

const GENERATION_FILE = /^gen-(\d{6})\.(journal|sqlite|sqlite\.enc)$/;

/** Every generation number that has any file in dir, newest first. */
export function listGenerations(io: FileIo, dir: string): number[] {
  const found = new Set<number>();
  for (const name of io.list(dir)) {
    const match = GENERATION_FILE.exec(name);
    if (match?.[1]) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => b - a);
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function sealSnapshot(bytes: Uint8Array, cipher: Cipher | null): Buffer {
  return cipher ? Buffer.concat([MAGIC, cipher.seal(bytes)]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function writeSnapshot(io: FileIo, dir: string, generation: number, bytes: Uint8Array, cipher: Cipher | null) {
  const file = snapshotName(generation, cipher !== null);
  const sealed = sealSnapshot(bytes, cipher);
  writeFileAtomic(io, join(dir, file), sealed);
  return { file, sha256: sha256(sealed), bytes: sealed.length };
}

export type SnapshotKind = 'sqlite' | 'encrypted' | 'unknown';

export function snapshotKind(data: Uint8Array): SnapshotKind {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(16, data.byteLength));
  if (head.subarray(0, MAGIC.length).equals(MAGIC)) return 'encrypted';
  if (head.equals(SQLITE_HEADER)) return 'sqlite';
  return 'unknown';
}

/** The database bytes inside a snapshot file (decrypted when needed). Throws when it cannot be read. */
export function unsealSnapshot(data: Uint8Array, cipher: Cipher | null): Uint8Array {
  const kind = snapshotKind(data);
  if (kind === 'sqlite') return data;
  if (kind === 'encrypted') {
    if (!cipher) throw new SnapshotError('encrypted', '快照已加密，需要口令才能打开。');
    try {
      return cipher.open(data.subarray(MAGIC.length));
    } catch {
      throw new SnapshotError('decrypt', '快照无法解密：口令错误或文件已损坏。');
    }
  }
  throw new SnapshotError('format', '文件不是本程序的数据库快照。');
}

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly reason: 'encrypted' | 'decrypt' | 'format' | 'checksum' | 'missing',
    message: string,
  ) {
    super(message);
  }
}
