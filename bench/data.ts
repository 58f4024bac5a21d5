import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from '../src-main/core/db/migrations';
import { loadSqlJs } from '../src-main/core/db/sqljs';
import { GENERATOR_VERSION, generateStreet } from '../src-main/core/demo/generate';
import type { SizeName } from '../src-main/core/demo/sizes';
import { DataDirectory } from '../src-main/core/storage/dataDirectory';
import { startScc, type ServedScc } from '../test/helpers/sccServe';

// The generated streets the benchmarks measure, shared by `npm run bench`, `bench:rosters` and
// `bench:exchange`.

/** The repository: the first folder up from this (bundled) module that holds package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const root = repoRoot();
export const wasm = join(root, 'resources', 'sql-wasm.wasm');
const dataRoot = join(root, 'bench-output', 'data');
export const SEED = 20261121;
// A fixed clock: the generated year of events and the board figures agree on what "today" is.
export const NOW = '2026-11-21T09:30:00+08:00';

/** The generated street for a size, made once and reused while schema and seed stay the same. */
export async function ensureData(size: SizeName, fresh = false): Promise<string> {
  const dir = join(dataRoot, size);
  const key = JSON.stringify({ size, seed: SEED, now: NOW, generator: GENERATOR_VERSION, migrations: migrations.map((m) => m.checksum) });
  const keyFile = join(dataRoot, `${size}.key`);
  if (!fresh && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`生成 ${size} 规模的测试数据（只需一次）…`);
  const t = performance.now();
  const sql = await loadSqlJs(wasm);
  const data = DataDirectory.open({ dataDir: dir, sql, now: () => NOW });
  data.create((db) => generateStreet(db, { size, seed: SEED, now: NOW }));
  data.close();
  writeFileSync(keyFile, key);
  console.log(`  用时 ${((performance.now() - t) / 1000).toFixed(1)} 秒`);
  return dir;
}

/** A private copy, so edits and snapshots of one run never change the next run's input. */
export function copyData(source: string): string {
  const target = mkdtempSync(join(tmpdir(), 'scc-bench-'));
  mkdirSync(join(target, 'db'));
  for (const name of readdirSync(join(source, 'db'))) copyFileSync(join(source, 'db', name), join(target, 'db', name));
  return target;
}

export const snapshotFile = (dir: string): string => {
  const name = readdirSync(join(dir, 'db'))
    .filter((n) => n.endsWith('.sqlite'))
    .sort()
    .at(-1);
  if (!name) throw new Error(`no snapshot in ${dir}`);
  return join(dir, 'db', name);
};

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** `scc serve --port 0` on a data directory (the built app), once it prints its address. */
export function serveScc(dataDir: string): Promise<ServedScc> {
  // A street-scale database takes a while to open on a busy machine.
  return startScc(join(root, 'bin', 'scc.js'), dataDir, { timeoutMs: 120_000 });
}
