import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { startWorkerBackend } from '../../../src-main/core/host/workerBackend';
import type { RosterPage } from '../../../src-main/dto/rosters';
import { bundleForNode } from '../../helpers/bundle';
import { repoRoot, resourcesDir, testCore } from '../../helpers/core';
import { tempDataDir } from '../../helpers/storage';

let workerFile: string;
beforeAll(async () => {
  workerFile = await bundleForNode(join(repoRoot, 'src-main', 'core', 'host', 'worker.ts'));
}, 60_000);

const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close();
});

async function street(): Promise<string> {
  const dataDir = tempDataDir('scc-restart-');
  const core = await testCore({ dataDir });
  core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 5, now: core.now() }));
  await core.close();
  return dataDir;
}

async function until<T>(ask: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await ask();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the core worker host', () => {
  it('starts a worker that died unasked again, answers calls meanwhile, keeps every acknowledged write, and tells the UIs', async () => {
    const dataDir = await street();
    const workers: Worker[] = [];
    const backend = await startWorkerBackend(
      workerFile,
      { dataDir, resourcesDir, version: 'test' },
      {
        createWorker: (file, data) => {
          const w = new Worker(file, { workerData: data });
          workers.push(w);
          return w;
        },
        restartDelayMs: 200,
      },
    );
    backends.push(backend);
    const pushed: string[] = [];
    backend.subscribe((e) => pushed.push(e.name));

    const page = await backend.call('roster.page', { roster: 'residents', limit: 1 });
    if (!page.ok) throw new Error(page.error.message);
    const key = (page.value as RosterPage).rows[0]?.key ?? '';
    const edited = await backend.call('roster.edit', { roster: 'residents', rows: [{ key, values: { address: '重启巷1号' } }] });
    expect(edited.ok).toBe(true);

    const inFlight = backend.call('dashboard.boards', {});
    await workers[0]?.terminate();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await backend.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('正在自动重新启动') } });

    const found = await until(async () => {
      const r = await backend.call('roster.page', { roster: 'residents', search: '重启巷', limit: 10 });
      return r.ok ? (r.value as RosterPage).rows.map((row) => row.key) : null;
    });
    expect(found).toEqual([key]);
    expect(workers).toHaveLength(2);
    expect(pushed).toContain('data-changed');
    expect(JSON.parse(readFileSync(join(dataDir, 'scc.lock'), 'utf8')).pid).toBe(process.pid);

    await backend.close();
    backends.splice(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(workers).toHaveLength(2);
    expect(existsSync(join(dataDir, 'scc.lock'))).toBe(false);
    expect(await backend.call('app.status', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('已停止') } });
  }, 60_000);
});
