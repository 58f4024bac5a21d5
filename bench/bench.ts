/**
 * `npm run bench`: the data layer at street scale, sql.js (what the app uses) side by side with
 * better-sqlite3 (native SQLite, the limit) on the same schema, data and queries. Each measured
 * part runs in a process of its own, so open times are cold and peak RSS is the part's own.
 * Figures are printed, never asserted: tests check correctness, this measures speed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../src-main/core/dashboard/boards';
import type { ReadDb } from '../src-main/core/db/sqlite';
import { loadSqlJs } from '../src-main/core/db/sqljs';
import { DataDirectory } from '../src-main/core/storage/dataDirectory';
import { isoTimestamp } from '../src-main/core/time';
import { copyData, ensureData, NOW, percentile, root, snapshotFile, wasm } from './data';
import { measureScreens, type EditTargets, type ScreenFigures } from './screens';
import { allAggregates, firstFigures, pageQueries, residentCount, residentPage, rosterOperations } from './workload';

const clock: Clock = { now: NOW, today: NOW.slice(0, 10) };

const { values } = parseArgs({
  options: {
    phase: { type: 'string' },
    data: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'no-city': { type: 'boolean', default: false },
    'no-screens': { type: 'boolean', default: false },
    'screens-only': { type: 'boolean', default: false },
  },
});

type Figures = Record<string, number>;

const ms = (from: number): number => Math.round((performance.now() - from) * 100) / 100;

function timed(samples: number[], fn: () => void): void {
  const t = performance.now();
  fn();
  samples.push(performance.now() - t);
}

/** p50 and p95 of each roster operation (first page, sort, filter, quick search). */
function rosterFigures(db: ReadDb): Figures {
  const figures: Figures = {};
  for (const [op, requests] of Object.entries(rosterOperations(db))) {
    const samples: number[] = [];
    for (const r of requests) residentPage(db, r); // warm the statement cache and the pages the query touches
    for (const r of requests) timed(samples, () => residentPage(db, r));
    figures[`${op}P50`] = percentile(samples, 50);
    figures[`${op}P95`] = percentile(samples, 95);
    const counts: number[] = [];
    for (const r of requests) timed(counts, () => residentCount(db, r));
    figures[`${op}CountP95`] = percentile(counts, 95);
  }
  return figures;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function phaseSqlJs(dir: string): Promise<Figures> {
  const t0 = performance.now();
  const sql = await loadSqlJs(wasm);
  const data = DataDirectory.open({ dataDir: dir, sql, now: () => isoTimestamp(new Date()) });
  const store = data.store();
  firstFigures(store.db);
  const open = ms(t0);

  const pages: number[] = [];
  for (const q of pageQueries(store.db)) timed(pages, () => residentPage(store.db, q));
  const roster = rosterFigures(store.db);
  const aggregates: number[] = [];
  for (let i = 0; i < 12; i++) timed(aggregates, () => allAggregates(store.db, clock));

  const ids = store.db.all<{ id: number }>('SELECT id FROM person ORDER BY id LIMIT 300 OFFSET 5000').map((r) => r.id);
  const edits: number[] = [];
  ids.forEach((id, i) =>
    timed(edits, () => store.write({ actor: 'bench', action: 'person.phone' }, (db) => db.run('UPDATE person SET phone = ? WHERE id = ?', [`139${String(i).padStart(8, '0')}`, id]))),
  );
  const snapshots: number[] = [];
  for (let i = 0; i < 2; i++) timed(snapshots, () => store.snapshot());
  data.close({ snapshot: false });
  return {
    open,
    pageP50: percentile(pages, 50),
    pageP95: percentile(pages, 95),
    aggregatesP50: percentile(aggregates, 50),
    aggregatesP95: percentile(aggregates, 95),
    editP50: percentile(edits, 50),
    editP95: percentile(edits, 95),
    snapshot: percentile(snapshots, 50),
    rss: peakRssMb(),
    dbBytes: statSync(snapshotFile(dir)).size,
    ...roster,
  };
}

async function phaseNative(file: string): Promise<Figures> {
  const { default: Database } = await import('better-sqlite3');
  const { NativeDb } = await import('./nativeDb');
  const t0 = performance.now();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const db = new NativeDb(raw);
  firstFigures(db);
  const open = ms(t0);

  const pages: number[] = [];
  for (const q of pageQueries(db)) timed(pages, () => residentPage(db, q));
  const roster = rosterFigures(db);
  const aggregates: number[] = [];
  for (let i = 0; i < 12; i++) timed(aggregates, () => allAggregates(db, clock));

  // The same acknowledged edit: the row and its audit record, committed and fsynced.
  const ids = db.all<{ id: number }>('SELECT id FROM person ORDER BY id LIMIT 300 OFFSET 5000').map((r) => r.id);
  const update = raw.prepare('UPDATE person SET phone = ? WHERE id = ?');
  const audit = raw.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, row_id, op, before, after) VALUES (?, ?, 'bench', 'person.phone', 'person', ?, 'update', '{}', '{}')");
  const edit = raw.transaction((id: number, i: number) => {
    update.run(`139${String(i).padStart(8, '0')}`, id);
    audit.run(i, NOW, id);
  });
  const edits: number[] = [];
  ids.forEach((id, i) => timed(edits, () => edit(id, i)));
  raw.close();
  return {
    open,
    pageP50: percentile(pages, 50),
    pageP95: percentile(pages, 95),
    aggregatesP50: percentile(aggregates, 50),
    aggregatesP95: percentile(aggregates, 95),
    editP50: percentile(edits, 50),
    editP95: percentile(edits, 95),
    rss: peakRssMb(),
    ...roster,
  };
}

async function phaseOpen(dir: string): Promise<Figures> {
  const t0 = performance.now();
  const sql = await loadSqlJs(wasm);
  const data = DataDirectory.open({ dataDir: dir, sql, now: () => NOW, inspect: true });
  const residents = firstFigures(data.store().db);
  const open = ms(t0);
  const total = data
    .store()
    .db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .reduce((sum, { name }) => sum + (data.store().db.value<number>(`SELECT count(*) FROM "${name}"`) ?? 0), 0);
  data.close();
  return { open, residents, records: total, rss: peakRssMb(), dbBytes: statSync(snapshotFile(dir)).size };
}

function runPhase(phase: string, data: string): Figures {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', self, '--phase', phase, '--data', data], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`phase ${phase} failed (${child.status}):\n${child.stderr}\n${child.stdout}`);
  return JSON.parse(line.slice(7)) as Figures;
}

function row(label: string, a: number | undefined, b: number | undefined, unit: string, target: string, ratioTarget?: number): string {
  const fmt = (v: number | undefined): string => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
  const ratio = a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
  const ratioText = ratio === undefined ? '' : `${ratio.toFixed(2)}×${ratioTarget ? (ratio <= ratioTarget ? ' ✓' : ' ✗') : ''}`;
  return `${label.padEnd(34)} ${`${fmt(a)} ${unit}`.padStart(12)} ${`${fmt(b)} ${unit}`.padStart(12)} ${ratioText.padStart(10)}   ${target}`;
}

const check = (value: number | undefined, limit: number): string => (value !== undefined && value <= limit ? '✓' : '✗');

/** Residents who are not in the party yet, a branch and a grid, for the edits the screens bench makes. */
async function editTargets(file: string): Promise<EditTargets> {
  const sql = await loadSqlJs(wasm);
  const db = new sql.Database(readFileSync(file));
  try {
    const rows = (query: string): unknown[][] => db.exec(query)[0]?.values ?? [];
    const people = rows(
      "SELECT p.id_number, p.name FROM resident r JOIN person p ON p.id = r.person_id WHERE p.political = '群众' AND p.birth_date BETWEEN '1970-01-01' AND '2000-01-01' ORDER BY p.id LIMIT 40",
    ).map(([idNumber, name]) => ({ idNumber: String(idNumber), name: String(name) }));
    const branch = String(rows("SELECT code FROM party_org WHERE kind = '党支部' ORDER BY code LIMIT 1")[0]?.[0] ?? '');
    const grid = String(rows("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1")[0]?.[0] ?? '');
    return { people, branch, grid };
  } finally {
    db.close();
  }
}

/** The big screens against `scc serve` on a private copy of the street (bench/screens.ts). */
async function runScreens(street: string): Promise<ScreenFigures | null> {
  console.log('测量大屏（scc serve + Chromium 3840×2160）…');
  const dir = copyData(street);
  try {
    return await measureScreens(root, dir, await editTargets(snapshotFile(dir)));
  } catch (error) {
    console.log(`  大屏测量失败：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function screenLines(screens: ScreenFigures): string[] {
  const one = (label: string, value: number | undefined, target: string): string => row(label, value, undefined, 'ms', target);
  return [
    '',
    `大屏（scc serve 上的街道规模数据，每次刷新 ${screens.payloadKb} KB），Chromium 3840×2160`,
    one("boards' data over HTTP: first request", screens.httpFirst, 'every part read, worker cold'),
    one('… after an event is reported, p50', screens.httpEventP50, ''),
    one('… after an event is reported, p95', screens.httpEventP95, `≤ 150 ms ${check(screens.httpEventP95, 150)}`),
    one('… after a member is added, p50', screens.httpMemberP50, ''),
    one('… after a member is added, p95', screens.httpMemberP95, `≤ 150 ms ${check(screens.httpMemberP95, 150)}`),
    one('… nothing changed since (shared), p50', screens.httpSharedP50, ''),
    one('… nothing changed since (shared), p95', screens.httpSharedP95, ''),
    ...(['overview', 'party', 'grids', 'events'] as const).map((b) => one(`render at 4K: ${b}`, screens[`render_${b}`], '')),
    one('render at 4K: slowest board', screens.renderMax, `≤ 1500 ms ${check(screens.renderMax, 1500)}`),
  ];
}

async function main(): Promise<void> {
  if (values.phase) {
    const data = values.data ?? '';
    const result = values.phase === 'sqljs' ? await phaseSqlJs(data) : values.phase === 'native' ? await phaseNative(data) : await phaseOpen(data);
    console.log(`RESULT ${JSON.stringify(result)}`);
    return;
  }

  const street = await ensureData('street', values.fresh);
  if (values['screens-only']) {
    const screens = await runScreens(street);
    if (screens) console.log(screenLines(screens).join('\n'));
    return;
  }
  const sqljsDir = copyData(street);
  const nativeDir = copyData(street);
  console.log('测量 sql.js …');
  const s = runPhase('sqljs', sqljsDir);
  console.log('测量 better-sqlite3 …');
  let n: Figures | null = null;
  try {
    n = runPhase('native', snapshotFile(nativeDir));
  } catch (error) {
    console.log(`  better-sqlite3 不可用，跳过对比：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const screens = values['no-screens'] ? null : await runScreens(street);
  let city: Figures | null = null;
  if (!values['no-city']) {
    const cityDir = await ensureData('city', values.fresh);
    console.log('测量城市规模打开时间 …');
    city = runPhase('open', cityDir);
  }
  rmSync(sqljsDir, { recursive: true, force: true });
  rmSync(nativeDir, { recursive: true, force: true });

  const lines = [
    '',
    `街道规模（${((s.dbBytes ?? 0) / 1024 / 1024).toFixed(0)} MB 数据库），${new Date().toISOString()}，Node ${process.version}`,
    `${'measure'.padEnd(34)} ${'sql.js'.padStart(12)} ${'native'.padStart(12)} ${'ratio'.padStart(10)}   target`,
    row('cold open → first dashboard figures', s.open, n?.open, 'ms', `≤ 1000 ms ${check(s.open, 1000)}`),
    row('roster page (100 rows) p50', s.pageP50, n?.pageP50, 'ms', ''),
    row('roster page (100 rows) p95', s.pageP95, n?.pageP95, 'ms', `≤ 30 ms ${check(s.pageP95, 30)}, ≤ 2.5× native`, 2.5),
    row('roster: first page rows p95', s.firstPageP95, n?.firstPageP95, 'ms', `≤ 30 ms ${check(s.firstPageP95, 30)}`),
    row('roster: sort rows p95', s.sortP95, n?.sortP95, 'ms', `≤ 30 ms ${check(s.sortP95, 30)}`),
    row('roster: filter rows p95', s.filterP95, n?.filterP95, 'ms', `≤ 30 ms ${check(s.filterP95, 30)}`),
    row('roster: quick search rows p95', s.searchP95, n?.searchP95, 'ms', `≤ 30 ms ${check(s.searchP95, 30)}`),
    row('roster: count of the view p95 (max)', Math.max(s.firstPageCountP95 ?? 0, s.sortCountP95 ?? 0, s.filterCountP95 ?? 0, s.searchCountP95 ?? 0), n ? Math.max(n.firstPageCountP95 ?? 0, n.sortCountP95 ?? 0, n.filterCountP95 ?? 0, n.searchCountP95 ?? 0) : undefined, 'ms', 'asked beside the rows'),
    row('all dashboard aggregates p50', s.aggregatesP50, n?.aggregatesP50, 'ms', ''),
    row('all dashboard aggregates p95', s.aggregatesP95, n?.aggregatesP95, 'ms', `≤ 150 ms ${check(s.aggregatesP95, 150)}`),
    row('acknowledged single edit p50', s.editP50, n?.editP50, 'ms', ''),
    row('acknowledged single edit p95', s.editP95, n?.editP95, 'ms', `≤ 5 ms ${check(s.editP95, 5)}`),
    row('snapshot (write a generation)', s.snapshot, undefined, 'ms', ''),
    row('peak RSS', s.rss, n?.rss, 'MB', `≤ 600 MB ${check(s.rss, 600)}`),
  ];
  if (screens) lines.push(...screenLines(screens));
  if (city) {
    lines.push(
      row(`city scale open (${((city.records ?? 0) / 1e6).toFixed(2)}M records, ${((city.dbBytes ?? 0) / 1024 / 1024).toFixed(0)} MB)`, city.open, undefined, 'ms', `peak RSS ${city.rss} MB`),
    );
  }
  console.log(lines.join('\n'));
  mkdirSync(join(root, 'bench-output'), { recursive: true });
  writeFileSync(join(root, 'bench-output', 'results.json'), JSON.stringify({ at: new Date().toISOString(), sqljs: s, native: n, screens, city }, null, 2));
}

await main();
