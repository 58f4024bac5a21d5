import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/core';
import { bundleForNode } from '../../helpers/bundle';
import { openData, snapshotsIn, sqliteIntegrity, tempDataDir, wasmPath } from '../../helpers/storage';

const RUNS = 24;

let writer = '';
beforeAll(async () => {
  writer = await bundleForNode(join(repoRoot, 'test', 'unit', 'storage', 'killWriter.ts'));
}, 60_000);

interface RunResult {
  acked: number[];
  killedAfterMs: number;
}

/**
 * Starts the writer and kills it with SIGKILL `delay` ms after it is ready to write (or, with
 * `duringStart`, after it was spawned: while it opens and replays). Collects what it acknowledged.
 * Timing from "ready" keeps the test meaningful on a loaded machine, where start-up is slow.
 */
function runAndKill(dataDir: string, delay: number, duringStart: boolean): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, wasmPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    const started = Date.now();
    let timer: NodeJS.Timeout | null = duringStart ? setTimeout(() => child.kill('SIGKILL'), delay) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
        if (line.startsWith('ready') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${code}): ${stderr}`));
      else resolve({ acked, killedAfterMs: Date.now() - started });
    });
  });
}

describe('crash safety: SIGKILL at random moments', () => {
  it(`keeps every acknowledged write over ${RUNS} kills, and every snapshot passes sqlite3's integrity check`, async () => {
    const dataDir = tempDataDir('scc-crash-');
    let expected = 0;
    let totalAcked = 0;
    let seed = 1234567;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < RUNS; run++) {
      // Every fourth kill lands while the child is still starting (opening, replaying, maybe
      // snapshotting after a recovery); the others during the stream of writes and snapshots.
      const duringStart = run % 4 === 3;
      const delay = duringStart ? 20 + Math.floor(random() * 200) : 30 + Math.floor(random() * 400);
      const { acked } = await runAndKill(dataDir, delay, duringStart);
      totalAcked += acked.length;
      if (acked.length > 0) {
        expect(acked[0], `run ${run} continues where the data ends`).toBe(expected + 1);
        expected = acked[acked.length - 1] ?? expected;
      }

      const data = await openData(dataDir, { inspect: true });
      // Killed before the new street's first snapshot was in place: nothing was acknowledged, nothing is there.
      if (data.state === 'empty' && expected === 0) {
        data.close();
        continue;
      }
      try {
        const codes = data
          .store()
          .db.all<{ code: string }>('SELECT code FROM department ORDER BY id')
          .map((r) => Number(r.code.slice(1)));
        // Every acknowledged write is there; at most the one in flight when killed is there too.
        expect(codes.slice(0, expected), `run ${run}`).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
        expect(codes.length - expected, `run ${run}: unacknowledged writes present`).toBeLessThanOrEqual(1);
        expected = codes.length;
        expect(data.notes.filter((n) => n.level === 'error'), `run ${run}`).toEqual([]);
      } finally {
        data.close();
      }
    }
    expect(totalAcked, 'the writer got to write between kills').toBeGreaterThan(RUNS * 5);
    const snapshots = snapshotsIn(dataDir);
    expect(snapshots.length).toBeGreaterThan(0);
    for (const file of snapshots) expect(sqliteIntegrity(file), file).toBe('ok');
  }, 180_000);
});
