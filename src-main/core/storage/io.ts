import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { roomyArray } from '../db/sqljs';

/**
 * The file operations the store needs, as one object: the real one below, or a test's wrapper
 * that fails on chosen operations (disk full, read-only) to prove nothing acknowledged is lost.
 */
export interface FileIo {
  open(path: string, flags: 'a' | 'r' | 'w' | 'wx'): number;
  /** Writes all of data at the fd's position. */
  write(fd: number, data: Uint8Array): void;
  fsync(fd: number): void;
  truncate(fd: number, length: number): void;
  size(fd: number): number;
  close(fd: number): void;
  /**
   * The file's bytes. With `room`, they sit at the start of a buffer that many zeroed bytes longer
   * (given the file's size), for `openDatabase` to adopt as its file without copying them.
   */
  readFile(path: string, room?: (size: number) => number): Buffer;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  exists(path: string): boolean;
  list(dir: string): string[];
  mkdir(dir: string): void;
  /** Makes a rename or a new file in dir durable. */
  fsyncDir(dir: string): void;
}

export const realIo: FileIo = {
  open: (path, flags) => openSync(path, flags),
  write(fd, data) {
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
  },
  fsync: (fd) => fsyncSync(fd),
  truncate: (fd, length) => ftruncateSync(fd, length),
  size: (fd) => fstatSync(fd).size,
  close: (fd) => closeSync(fd),
  readFile(path, room) {
    if (!room) return readFileSync(path);
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const roomy = roomyArray(size + room(size));
      const buffer = roomy ? Buffer.from(roomy.buffer, 0, size) : Buffer.alloc(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, size - read, read);
        if (n === 0) throw new Error(`${path} ended at ${read} of ${size} bytes`);
        read += n;
      }
      return buffer;
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
  exists: (path) => existsSync(path),
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  fsyncDir(dir) {
    // Windows cannot open a directory for fsync; NTFS makes renames durable by itself.
    if (process.platform === 'win32') return;
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
};

/** Writes a whole file so that after a crash it is either the old one or the new one, never half. */
export function writeFileAtomic(io: FileIo, path: string, data: Uint8Array): void {
  const temp = `${path}.tmp`;
  const fd = io.open(temp, 'w');
  try {
    io.write(fd, data);
    io.fsync(fd);
  } catch (error) {
    io.close(fd);
    try {
      io.unlink(temp);
    } catch {
      // The temp file is harmless; the next write replaces it.
    }
    throw error;
  }
  io.close(fd);
  io.rename(temp, path);
  io.fsyncDir(dirname(path));
}
