/**
 * The big screens at street scale, as a hall sees them: `scc serve` on the street's data, the
 * boards' figures fetched over HTTP exactly as a screen fetches them, and each board drawn by
 * Chromium on a 3840×2160 window, timed from navigation start to the moment every chart on it
 * has finished drawing (ECharts `finished`, marked by the board as `scc-board-rendered:<id>`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { percentile, serveScc } from './data';

const BOARDS = ['overview', 'party', 'grids', 'events'] as const;
const HTTP_RUNS = 20;
const RENDER_RUNS = 3;

export type ScreenFigures = Record<string, number>;

const ms = (from: number): number => Math.round((performance.now() - from) * 10) / 10;

/** Both calls a screen makes on each refresh, in parallel as it makes them; time to both answers parsed. */
async function fetchBoards(url: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const bodies = await Promise.all(
    ['dashboard.boards', 'screen.config'].map(async (method) => {
      const response = await fetch(`${url}/api/call/${method}`, { method: 'POST', body: '{}' });
      const text = await response.text();
      const body = JSON.parse(text) as { ok: boolean };
      if (!body.ok) throw new Error(`${method} failed: ${text.slice(0, 200)}`);
      return text.length;
    }),
  );
  return { ms: ms(t), bytes: bodies.reduce((a, b) => a + b, 0) };
}

async function call(url: string, method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${url}/api/call/${method}`, { method: 'POST', body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

/** What the edits need from the street: residents not yet in the party, a branch, a grid. */
export interface EditTargets {
  people: { idNumber: string; name: string }[];
  branch: string;
  grid: string;
}

type Edit = (i: number) => Promise<void>;

/** The two commonest changes on a working day: an event reported, a member added. */
function edits(url: string, targets: EditTargets, now: string): { event: Edit; member: Edit } {
  return {
    event: async (i) => {
      await call(url, 'records.save', {
        entity: 'event',
        mode: 'create',
        values: { code: `SJBENCH${String(i).padStart(6, '0')}`, title: '楼道堆物', gridCode: targets.grid, reportedAt: now, status: '受理', whistle: '问题哨' },
      });
    },
    member: async (i) => {
      const person = targets.people[i];
      if (!person) throw new Error('not enough candidate members');
      await call(url, 'records.save', {
        entity: 'partyMember',
        mode: 'create',
        values: { idNumber: person.idNumber, name: person.name, category: '预备党员', joinedOn: '2026-06-30', orgCode: targets.branch },
      });
    },
  };
}

/** Times the request after each edit (the edit itself is not timed). */
async function afterEdits(url: string, edit: Edit, runs: number, from: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await edit(from + i);
    samples.push((await fetchBoards(url)).ms);
  }
  return samples;
}

export async function measureScreens(root: string, dataDir: string, targets: EditTargets): Promise<ScreenFigures> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) throw new Error('out/ is not built: run `npm run build` first');
  const server = await serveScc(dataDir);
  try {
    // The first request after start reads every part, and warms the worker up.
    const first = await fetchBoards(server.url);
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
    const edit = edits(server.url, targets, now);
    const afterEvent = await afterEdits(server.url, edit.event, HTTP_RUNS, 0);
    const afterMember = await afterEdits(server.url, edit.member, HTTP_RUNS, 0);
    // Every other screen, and every timer refresh until the next change, shares those figures.
    const shared: number[] = [];
    let bytes = 0;
    for (let i = 0; i < HTTP_RUNS; i++) {
      const run = await fetchBoards(server.url);
      shared.push(run.ms);
      bytes = run.bytes;
    }

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const render: Record<string, number> = {};
    let eventNo = HTTP_RUNS;
    try {
      for (const board of BOARDS) {
        const runs: number[] = [];
        for (let i = 0; i < RENDER_RUNS; i++) {
          const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
          const page = await context.newPage();
          // As after a change: the board's data has to be read again when the page asks.
          await edit.event(eventNo++);
          await page.goto(`${server.url}/screen?board=${board}`);
          await page.locator(`[data-board=${board}][data-rendered=true]`).waitFor({ timeout: 30_000 });
          const at = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN, `scc-board-rendered:${board}`);
          runs.push(Math.round(at));
          await context.close();
        }
        render[board] = percentile(runs, 50);
      }
    } finally {
      await browser.close();
    }
    return {
      httpFirst: first.ms,
      httpEventP50: percentile(afterEvent, 50),
      httpEventP95: percentile(afterEvent, 95),
      httpMemberP50: percentile(afterMember, 50),
      httpMemberP95: percentile(afterMember, 95),
      httpSharedP50: percentile(shared, 50),
      httpSharedP95: percentile(shared, 95),
      payloadKb: Math.round(bytes / 1024),
      ...Object.fromEntries(BOARDS.map((b) => [`render_${b}`, render[b] ?? NaN])),
      renderMax: Math.max(...BOARDS.map((b) => render[b] ?? NaN)),
    };
  } finally {
    await server.stop();
  }
}
