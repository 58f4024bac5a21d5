import { readFileSync } from 'node:fs';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { SqlDb } from './sqlite';

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

/**
 * Room to grow beyond the file's bytes by default: as much again, and at least 256 MB, which a
 * 100k-row import and its undo into the demo street (66 MB → 234 MB) stay within.
 */
export const roomFor = (bytes: number): number => Math.max(bytes, 256 * 1024 * 1024);

export interface OpenOptions {
  /** Bytes of room beyond the file's; `roomFor` its size when not given. */
  room?: number;
  /**
   * The bytes' buffer may become the file itself when it already holds the room past them (as
   * the store's `io.readFile(path, roomFor)` reads a snapshot): no copy. The caller must not use
   * the buffer again.
   */
  adopt?: boolean;
}

/**
 * Opens a database from its file's bytes (a new, empty one without them) with room for the file
 * to grow in place. sql.js keeps the file in one JS array (Emscripten's MEMFS) and, once the
 * file passes the array's end, grows it by only 1/8, copying the whole file each time: a
 * 100k-row import into a 64 MB street copied 1.4 GB in 12 growths, a fifth of its write. MEMFS
 * takes the first write's `buffer.slice()` as the file's array, so bytes whose `slice` returns a
 * longer array give it that room. Pages never written stay untouched, so they cost no memory.
 * Returns whether sql.js took the room, which a unit test keeps watching across sql.js updates.
 */
export function openDatabase(sql: SqlJsStatic, bytes?: Uint8Array, options: OpenOptions = {}): { db: Database; roomy: boolean; capacity: number } {
  // A new database starts as the image of an empty one: a file of zero bytes is never sliced.
  const image = bytes && bytes.length > 0 ? bytes : emptyImage(sql);
  const wanted = image.length + (options.room ?? roomFor(image.length));
  const adopted = options.adopt === true && image.byteOffset === 0 && image.buffer.byteLength >= wanted;
  const capacity = adopted ? image.buffer.byteLength : wanted;
  let roomy = false;
  const offered = new Uint8Array(image.buffer, image.byteOffset, image.length);
  Object.defineProperty(offered, 'slice', {
    value(start?: number, end?: number): Uint8Array {
      // Only the whole file, as MEMFS asks for it; any other slice is an ordinary one.
      if ((start ?? 0) !== 0 || (end ?? image.length) !== image.length) return Uint8Array.prototype.slice.call(offered, start, end);
      if (adopted) {
        roomy = true;
        return new Uint8Array(image.buffer as ArrayBuffer, 0, capacity);
      }
      const file = roomyArray(capacity);
      if (!file) return Uint8Array.prototype.slice.call(offered);
      file.set(image);
      roomy = true;
      return file;
    },
  });
  const db = new sql.Database(offered);
  return { db, roomy, capacity: roomy ? capacity : image.length };
}

/**
 * A zeroed array of this length, or null where the system will not give that much address space
 * (a 32-bit process, strict overcommit): the database then opens without room, as sql.js would.
 */
export function roomyArray(length: number): Uint8Array | null {
  try {
    return new Uint8Array(length);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** `openDatabase` for the store: the database wrapped, knowing its room. */
export function openSqlDb(sql: SqlJsStatic, bytes?: Uint8Array, options?: OpenOptions): SqlDb {
  const opened = openDatabase(sql, bytes, options);
  return new SqlDb(opened.db, opened.capacity);
}

/**
 * Makes sure the file can grow by `bytes` in place, before a write expected to add that much: if
 * not, reopens the database from its own image with that room (and the usual room besides). One
 * copy of the file instead of the many sql.js would make while the write grows it.
 */
export function makeRoom(sql: SqlJsStatic, db: SqlDb, bytes: number): boolean {
  const size = db.fileBytes();
  if (size + bytes <= db.capacity) return false;
  const image = db.export();
  const opened = openDatabase(sql, image, { room: bytes + roomFor(image.length) });
  db.reopen(opened.db, opened.capacity);
  return true;
}

let empty: Uint8Array | null = null;

/** The smallest valid database file: one page, no tables. */
function emptyImage(sql: SqlJsStatic): Uint8Array {
  if (!empty) {
    const db = new sql.Database();
    db.exec('PRAGMA user_version = 0');
    empty = db.export();
    db.close();
  }
  return empty;
}
