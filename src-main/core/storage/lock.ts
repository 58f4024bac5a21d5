import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { AppError } from '../errors';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process writes a data directory at a time: the desktop app, `scc serve` and a CLI command
 * on the same folder would otherwise append to one journal. A lock left by a process that died
 * (same machine, pid gone) is taken over.
 */
export function acquireLock(dataDir: string, startedAt: string): DataDirLock | 'read-only' {
  const path = join(dataDir, 'scc.lock');
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      return {
        release() {
          try {
            const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
            if (current.pid === mine.pid && current.host === mine.host) unlinkSync(path);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
      if (code !== 'EEXIST') throw error;
      let holder: LockInfo | null;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        holder = null; // half-written by a process that died while writing it
      }
      if (holder && (holder.host !== mine.host || alive(holder.pid))) {
        throw new AppError(
          'LOCKED',
          `数据目录正被另一个程序使用（${holder.host === mine.host ? '本机' : `计算机 ${holder.host}`}进程 ${holder.pid}，启动于 ${holder.startedAt}）。` +
            `请先关闭它；若确认没有其他程序在使用，可删除 ${path} 后重试。`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new AppError('LOCKED', `无法锁定数据目录：${dataDir}`);
}

/**
 * Removes the lock a worker thread of this very process left when it died (a lock of another
 * process, or none, is left alone): the host is about to start the worker again.
 */
export function releaseOwnLock(dataDir: string): void {
  const path = join(dataDir, 'scc.lock');
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    if (holder.pid === process.pid && holder.host === hostname()) unlinkSync(path);
  } catch {
    // No lock, or one half-written: acquiring it again deals with both.
  }
}
