import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Directories the tests make (data directories, downloads, exports) are removed when the test
 * file that made them ends: a street's data directory is tens of megabytes, and runs add up until
 * the disk is full. SCC_KEEP_TEST_DIRS=1 keeps them for a look after a failure.
 */
const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  if (process.env.SCC_KEEP_TEST_DIRS === '1') return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
