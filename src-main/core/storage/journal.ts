import { crc32 } from 'node:zlib';
import type { Cipher } from './crypto';
import { writeFileAtomic, type FileIo } from './io';

/**
 * The journal of one generation: a header record, then one record per acknowledged write.
 * Record = u32 length | u32 crc32(payload) | payload. The header is plain JSON (it holds no
 * personal data); entries are JSON, sealed with AES-GCM when encryption is on.
 */

export interface JournalHeader {
  kind: 'scc-journal';
  format: 1;
  generation: number;
  /** Sequence number of the last write contained in this generation's snapshot. */
  baseSeq: number;
  snapshot: { file: string; sha256: string; bytes: number };
  encrypted: boolean;
  createdAt: string;
}

/** One acknowledged write: the statements it ran, to be run again on replay. */
export interface JournalEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** Distinct SQL texts of the write; `ops` refer to them by index, so a 100k-row import stays small. */
  sql: string[];
  ops: [number, unknown][];
}

export type JournalTail =
  | { kind: 'clean' }
  /** An append that never finished: it was not acknowledged, so nothing is lost. */
  | { kind: 'torn'; offset: number; bytes: number }
  /** A damaged record with more data after it: the writes from there on cannot be recovered. */
  | { kind: 'corrupt'; offset: number; bytes: number; reason: string };

export interface JournalContents {
  header: JournalHeader;
  entries: JournalEntry[];
  tail: JournalTail;
  /** Byte length of the readable part (header and good entries). */
  goodBytes: number;
}

const FRAME = 8;

function frame(payload: Uint8Array): Buffer {
  const head = Buffer.alloc(FRAME);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Creates a generation's journal holding only its header, atomically. */
export function createJournal(io: FileIo, path: string, header: JournalHeader): void {
  writeFileAtomic(io, path, frame(Buffer.from(JSON.stringify(header), 'utf8')));
}

export function readJournal(io: FileIo, path: string, cipher: Cipher | null): JournalContents {
  const data = io.readFile(path);
  let offset = 0;
  const next = (): Buffer | null => {
    if (offset + FRAME > data.length) return null;
    const length = data.readUInt32LE(offset);
    const sum = data.readUInt32LE(offset + 4);
    if (offset + FRAME + length > data.length) return null;
    const payload = data.subarray(offset + FRAME, offset + FRAME + length);
    if (crc32(payload) !== sum) return null;
    offset += FRAME + length;
    return payload;
  };

  const headerBytes = next();
  if (!headerBytes) throw new JournalError(`journal header unreadable: ${path}`);
  const header = JSON.parse(headerBytes.toString('utf8')) as JournalHeader;
  if (header.kind !== 'scc-journal' || header.format !== 1) throw new JournalError(`not a journal: ${path}`);
  if (header.encrypted && !cipher) throw new JournalError('journal is encrypted and no key was given');

  const entries: JournalEntry[] = [];
  let tail: JournalTail = { kind: 'clean' };
  while (offset < data.length) {
    const start = offset;
    const payload = next();
    if (!payload) {
      const declared = start + FRAME <= data.length ? data.readUInt32LE(start) : 0;
      const reachesEnd = start + FRAME + declared >= data.length;
      tail = reachesEnd
        ? { kind: 'torn', offset: start, bytes: data.length - start }
        : { kind: 'corrupt', offset: start, bytes: data.length - start, reason: 'checksum mismatch' };
      break;
    }
    try {
      const plain = header.encrypted && cipher ? cipher.open(payload) : payload;
      entries.push(JSON.parse(plain.toString('utf8')) as JournalEntry);
    } catch {
      tail = { kind: 'corrupt', offset: start, bytes: data.length - start, reason: 'entry cannot be decrypted or parsed' };
      break;
    }
  }
  return { header, entries, tail, goodBytes: tail.kind === 'clean' ? data.length : tail.offset };
}

/** Appends entries to an open journal; each append is on disk (fsync) before it returns. */
export class JournalWriter {
  private fd: number;
  private length: number;
  private entryCount = 0;

  constructor(
    private readonly io: FileIo,
    readonly path: string,
    private readonly cipher: Cipher | null,
    entriesAlready = 0,
  ) {
    this.fd = io.open(path, 'a');
    this.length = io.size(this.fd);
    this.entryCount = entriesAlready;
  }

  get bytes(): number {
    return this.length;
  }

  get entries(): number {
    return this.entryCount;
  }

  /**
   * Appends one entry durably. On failure the file is cut back to where it was, so a later
   * append never lands behind a half-written record; if even that fails, the error says so.
   */
  append(entry: JournalEntry): void {
    const json = Buffer.from(JSON.stringify(entry), 'utf8');
    const record = frame(this.cipher ? this.cipher.seal(json) : json);
    try {
      this.io.write(this.fd, record);
      this.io.fsync(this.fd);
    } catch (error) {
      try {
        this.io.truncate(this.fd, this.length);
        this.io.fsync(this.fd);
      } catch (truncateError) {
        throw new JournalTruncateError(error, truncateError);
      }
      throw error;
    }
    this.length += record.length;
    this.entryCount++;
  }

  close(): void {
    if (this.fd >= 0) this.io.close(this.fd);
    this.fd = -1;
  }
}

/** The append failed and the partial record could not be removed: the journal must not be used again. */
export class JournalTruncateError extends Error {
  override readonly name = 'JournalTruncateError';
  constructor(
    readonly appendError: unknown,
    readonly truncateError: unknown,
  ) {
    super('journal append failed and the partial record could not be removed');
  }
}
