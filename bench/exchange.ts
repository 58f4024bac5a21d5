/**
 * `npm run bench:exchange`: the exchange at scale, each measured part in a process of its own.
 *  - import of a 100k-row residents xlsx written by LibreOffice (the CSV is generated from the
 *    demo street's buildings, then `soffice --headless --convert-to xlsx`), end to end — read,
 *    validate, compare with the database (the dry run), then the one durable write — against
 *    exceljs' bare streaming read of the same file; then the batch undone;
 *  - the import's write once more: its journal entry replayed on the same snapshot by sql.js and
 *    by native SQLite (better-sqlite3), to tell the engine's share of the write from ours;
 *  - export of the street-scale database (200k residents) to a full exchange package, and that
 *    package received by an empty installation of the same street;
 *  - export of its residents as the city's template (实有人口信息表.xlsx).
 * Figures are printed with their targets, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { openCore } from '../src-main/core/core';
import { applyPlan } from '../src-main/core/exchange/import/apply';
import { undoBatch } from '../src-main/core/exchange/import/batches';
import { makePlan } from '../src-main/core/exchange/import/service';
import { receivePackage } from '../src-main/core/exchange/packages/receive';
import { makePackage, recordsIn } from '../src-main/core/exchange/packages/service';
import { exportTemplate } from '../src-main/core/exchange/export/templates';
import { readXlsxRows } from '../src-main/core/exchange/read/xlsx';
import { loadSqlJs, openDatabase } from '../src-main/core/db/sqljs';
import { SqlDb, type Params } from '../src-main/core/db/sqlite';
import { composeIdNumber } from '../src-main/core/people/idNumber';
import { prepareConnection } from '../src-main/core/storage/connection';
import { realIo } from '../src-main/core/storage/io';
import { readJournal, type JournalEntry } from '../src-main/core/storage/journal';
import { journalName } from '../src-main/core/storage/snapshot';
import { copyData, ensureData, NOW, root, snapshotFile, wasm } from './data';
import { machineLine, machineReference } from './machine';

const resourcesDir = join(root, 'resources');
const outDir = join(root, 'bench-output', 'exchange');
const ROWS = 100_000;

const { values } = parseArgs({
  options: { phase: { type: 'string' }, data: { type: 'string' }, file: { type: 'string' }, entry: { type: 'string' }, fresh: { type: 'boolean', default: false } },
});
/** The import's journal entry, kept for the replay phases. */
const entryFile = join(outDir, 'import-write.json');
/** The street's full package, kept for the receive phase. */
const packageDir = join(outDir, 'street-package');

type Figures = Record<string, number>;
const ms = (from: number): number => Math.round(performance.now() - from);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const HEADERS = ['公民身份号码', '姓名', '性别', '民族', '出生日期', '联系电话', '政治面貌', '人员类型', '居住状况', '所属网格编码', '楼栋编码', '单元号', '房号', '户籍地址', '现住址', '特殊人群'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** 100k new residents (valid IDs, in the demo street's buildings) as CSV, then as LibreOffice's xlsx. */
async function ensureResidentsXlsx(demoDir: string): Promise<string> {
  const xlsx = join(outDir, 'residents-100k.xlsx');
  if (!values.fresh && existsSync(xlsx)) return xlsx;
  mkdirSync(outDir, { recursive: true });
  console.log('生成 10 万行实有人口 CSV，并用 LibreOffice 转为 xlsx（只需一次）…');
  const core = await openCore({ dataDir: copyData(demoDir), resourcesDir, version: 'bench' });
  const buildings = core.data.store().db.all<{ code: string; grid: string; address: string | null }>('SELECT b.code, g.code AS grid, b.address FROM building b JOIN grid g ON g.id = b.grid_id ORDER BY b.id');
  await core.close();
  const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const b = buildings[i % buildings.length] ?? { code: '', grid: '', address: '' };
    const birth = new Date(Date.UTC(1940, 0, 1) + (i % 24_000) * 86_400_000).toISOString().slice(0, 10);
    // Area 152922 and sequence 9xx: numbers the demo street never gives out.
    const id = composeIdNumber('152922', birth, 900 + Math.floor(i / 24_000) * 2 + (i % 2));
    const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    const unit = String(1 + (i % 4));
    const room = `${1 + (i % 18)}0${1 + (i % 4)}`;
    lines.push(
      [id, name, gender, '汉族', birth, `139${String(i).padStart(8, '0')}`, '群众', i % 5 === 0 ? '流动人口' : '常住人口', '人户一致', b.grid, b.code, unit, room, '内蒙古自治区呼和浩特市新城区', `${b.address ?? ''}${unit}单元${room}`, i % 10 === 0 ? '独居老人' : '']
        .map(quote)
        .join(','),
    );
  }
  const csv = join(outDir, 'residents-100k.csv');
  writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
  // Every column text (format 2), as an office that knows its IDs would make it.
  const columns = HEADERS.map((_, i) => `${i + 1}/2`).join('/');
  const profile = mkdtempSync(join(tmpdir(), 'scc-lo-'));
  const result = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', `--infilter=CSV:44,34,76,1,${columns}`, '--convert-to', 'xlsx', '--outdir', outDir, csv], { encoding: 'utf8', timeout: 600_000 });
  rmSync(profile, { recursive: true, force: true });
  if (result.status !== 0 || !existsSync(xlsx)) throw new Error(`soffice failed: ${result.stderr}`);
  return xlsx;
}

async function phaseExceljs(file: string): Promise<Figures> {
  const t = performance.now();
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
    break;
  }
  return { read: ms(t), rows, cells, rss: peakRssMb() };
}

async function phaseReader(file: string): Promise<Figures> {
  const bytes = readFileSync(file);
  const t = performance.now();
  let rows = 0;
  for await (const row of readXlsxRows(bytes)) rows += row.cells.length > 0 ? 1 : 0;
  return { read: ms(t), rows, rss: peakRssMb() };
}

async function phaseImport(dataDir: string, file: string): Promise<Figures> {
  const core = await openCore({ dataDir, resourcesDir, version: 'bench' });
  const ctx = core.context({ actor: 'bench' });
  const generation = core.data.info()?.generation ?? 0;
  const t = performance.now();
  const plan = await makePlan(ctx, [{ name: 'residents-100k.xlsx', bytes: readFileSync(file) }]);
  const dryRun = ms(t);
  const t2 = performance.now();
  const applied = applyPlan(ctx, plan);
  const write = ms(t2);
  const total = ms(t);
  const journal = core.data.info()?.journalBytes ?? 0;
  // The import's peak, before the undo and before the journal is read back for the replays.
  const rss = peakRssMb();
  // A wrong file imported is taken back as a whole: the batch undone in one write.
  const t3 = performance.now();
  const undone = undoBatch(ctx, applied.batchId ?? 0);
  const undo = ms(t3);
  await core.close();
  // The replays start from the snapshot this generation was opened on: the import must be its first write.
  const entry = readJournal(realIo, join(dataDir, 'db', journalName(generation)), null).entries[0];
  if (entry?.seq !== applied.seq) throw new Error(`journal ${generation} should begin with the import's write (seq ${applied.seq})`);
  writeFileSync(entryFile, JSON.stringify(entry));
  return {
    dryRun,
    write,
    total,
    rows: applied.totals.rows,
    inserted: applied.totals.inserted,
    rejected: applied.totals.rejected,
    journalMb: Math.round(journal / 1024 / 1024),
    rss,
    undo,
    undoneSeq: undone.seq,
  };
}

/**
 * The import's write replayed as a restart would replay it: its statements and parameters on the
 * snapshot it was made on, in one transaction, with the connection the app prepares (foreign keys,
 * write context, audit triggers), by sql.js or by native SQLite. No lookups, no journal, no fsync.
 */
async function phaseReplay(engine: string, snapshot: string, file: string): Promise<Figures> {
  const entry = JSON.parse(readFileSync(file, 'utf8')) as JournalEntry;
  const bytes = readFileSync(snapshot);
  let db: Pick<SqlDb, 'exec' | 'all'> & { run(sql: string, params?: Params): unknown };
  if (engine === 'native') {
    const { default: Database } = await import('better-sqlite3');
    const { NativeDb } = await import('./nativeDb');
    db = new NativeDb(new Database(bytes));
  } else {
    db = new SqlDb(openDatabase(await loadSqlJs(wasm), bytes).db);
  }
  prepareConnection(db);
  const t = performance.now();
  db.exec('BEGIN');
  for (const [index, params] of entry.ops) db.run(entry.sql[index] as string, (params ?? undefined) as Params | undefined);
  db.exec('COMMIT');
  const replay = ms(t);
  const residents = db.all<{ n: number }>('SELECT count(*) AS n FROM resident')[0]?.n ?? 0;
  return { replay, ops: entry.ops.length, residents, rss: peakRssMb() };
}

async function phaseExport(dataDir: string): Promise<Figures> {
  const core = await openCore({ dataDir, resourcesDir, version: 'bench' });
  const t = performance.now();
  const made = makePackage(core.context({ actor: 'bench' }), { incremental: false });
  const exportMs = ms(t);
  const records = recordsIn(made.counts);
  const street = core.data.store().db.get<{ code: string; name: string }>('SELECT code, name FROM street');
  await core.close();
  const rss = peakRssMb();
  // Kept for the receive phase: the parts in the order they apply, and the street they belong to.
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  made.parts.forEach((part, i) => writeFileSync(join(packageDir, `${String(i).padStart(3, '0')}-${part.fileName}`), part.bytes));
  writeFileSync(join(packageDir, 'street.json'), JSON.stringify(street));
  return { export: exportMs, records, residents: made.counts.resident ?? 0, zipMb: Math.round((made.parts.reduce((n, p) => n + p.bytes.length, 0) / 1024 / 1024) * 10) / 10, rss };
}

/** The street's residents as the city platform's template, an xlsx of 200k rows. */
async function phaseTemplate(dataDir: string): Promise<Figures> {
  const core = await openCore({ dataDir, resourcesDir, version: 'bench' });
  const t = performance.now();
  const made = await exportTemplate(core.data.store().db, 'resident');
  const template = ms(t);
  await core.close();
  return { template, rows: made.records, xlsxMb: Math.round((made.bytes.length / 1024 / 1024) * 10) / 10, rss: peakRssMb() };
}

/** The street's full package received by an empty installation of the same street (a new workstation). */
async function phaseReceive(): Promise<Figures> {
  const street = JSON.parse(readFileSync(join(packageDir, 'street.json'), 'utf8')) as { code: string; name: string };
  const dataDir = mkdtempSync(join(tmpdir(), 'scc-bench-receive-'));
  const core = await openCore({ dataDir, resourcesDir, version: 'bench' });
  core.data.create((db) => db.run('INSERT INTO street (id, code, name, created_at) VALUES (1, ?, ?, ?)', [street.code, street.name, NOW]));
  const parts = readdirSync(packageDir).filter((n) => n.endsWith('.zip')).sort();
  let inserted = 0;
  const t = performance.now();
  for (const name of parts) {
    const outcome = await receivePackage(core.context({ actor: 'bench' }), name.slice(4), readFileSync(join(packageDir, name)));
    if (outcome.status !== 'applied') throw new Error(`${name} was not applied: ${outcome.status}`);
    inserted += outcome.inserted;
  }
  const receive = ms(t);
  const residents = core.data.store().db.value<number>('SELECT count(*) FROM resident') ?? 0;
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { receive, parts: parts.length, inserted, residents, rss: peakRssMb() };
}

function runPhase(args: string[]): Figures {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', self, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`phase ${args.join(' ')} failed (${child.status}):\n${child.stderr}\n${child.stdout}`);
  return JSON.parse(line.slice(7)) as Figures;
}

const verdict = (ok: boolean): string => (ok ? '✓' : '✗');

async function main(): Promise<void> {
  if (values.phase) {
    const file = values.file ?? '';
    const data = values.data ?? '';
    const result =
      values.phase === 'exceljs'
        ? await phaseExceljs(file)
        : values.phase === 'reader'
          ? await phaseReader(file)
          : values.phase === 'import'
            ? await phaseImport(data, file)
            : values.phase === 'replay-sqljs' || values.phase === 'replay-native'
              ? await phaseReplay(values.phase.slice(7), file, values.entry ?? '')
              : values.phase === 'receive'
                ? await phaseReceive()
                : values.phase === 'template'
                  ? await phaseTemplate(data)
                  : await phaseExport(data);
    console.log(`RESULT ${JSON.stringify(result)}`);
    return;
  }
  const referenceBefore = machineReference();
  const demo = await ensureData('demo', values.fresh);
  const xlsx = await ensureResidentsXlsx(demo);
  console.log(`xlsx：${xlsx}（${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB）`);
  console.log('测量 exceljs 流式读取 …');
  const bare = runPhase(['--phase', 'exceljs', '--file', xlsx]);
  console.log('测量本程序的 xlsx 读取 …');
  const reader = runPhase(['--phase', 'reader', '--file', xlsx]);
  console.log('测量导入（预览 + 写入）…');
  const importDir = copyData(demo);
  const imported = runPhase(['--phase', 'import', '--data', importDir, '--file', xlsx]);
  rmSync(importDir, { recursive: true, force: true });
  console.log('重放导入的写入：sql.js 与原生 SQLite（better-sqlite3）…');
  const replayed = runPhase(['--phase', 'replay-sqljs', '--file', snapshotFile(demo), '--entry', entryFile]);
  let native: Figures | null = null;
  try {
    native = runPhase(['--phase', 'replay-native', '--file', snapshotFile(demo), '--entry', entryFile]);
  } catch (error) {
    console.log(`  better-sqlite3 不可用，跳过对比：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  rmSync(entryFile, { force: true });
  if (native && native.residents !== replayed.residents) throw new Error(`the replays disagree: ${replayed.residents} residents in sql.js, ${native.residents} in native SQLite`);
  const street = await ensureData('street', values.fresh);
  console.log('测量街道规模全量数据包导出 …');
  const exportDir = copyData(street);
  const exported = runPhase(['--phase', 'export', '--data', exportDir]);
  console.log('测量街道规模实有人口模板导出 …');
  const template = runPhase(['--phase', 'template', '--data', exportDir]);
  rmSync(exportDir, { recursive: true, force: true });
  console.log('测量该数据包导入空库 …');
  const received = runPhase(['--phase', 'receive']);
  rmSync(packageDir, { recursive: true, force: true });
  if (received.inserted !== exported.records || received.residents !== exported.residents) {
    throw new Error(`the package rebuilt ${received.inserted} records (${received.residents} residents) of ${exported.records} (${exported.residents})`);
  }

  const r = (a: number | undefined, b: number | undefined): string => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : '');
  const lines = [
    '',
    `数据交换基准（${new Date().toISOString()}，Node ${process.version}）`,
    `10 万行实有人口 xlsx（LibreOffice 生成，${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB），导入演示街道（6 万人口）：`,
    `  exceljs 流式读取（基准）           ${String(bare.read).padStart(7)} ms`,
    `  本程序 xlsx 读取                   ${String(reader.read).padStart(7)} ms   ${r(reader.read, bare.read)}`,
    `  导入预览：读取 + 校验 + 比对        ${String(imported.dryRun).padStart(7)} ms   ${r(imported.dryRun, bare.read)}   目标 ≤ 10000 ms ${verdict((imported.dryRun ?? 0) <= 10_000)}、≤ 1.5× ${verdict((imported.dryRun ?? 0) <= 1.5 * (bare.read ?? 0))}`,
    `  写入（一次事务，审计 + 日志 fsync） ${String(imported.write).padStart(7)} ms`,
    `  导入端到端（预览 + 写入）           ${String(imported.total).padStart(7)} ms   ${r(imported.total, bare.read)}   目标 ≤ 10000 ms ${verdict((imported.total ?? 0) <= 10_000)}、≤ 1.5× ${verdict((imported.total ?? 0) <= 1.5 * (bare.read ?? 0))}`,
    `  行数 ${imported.rows}，新增 ${imported.inserted}，拒绝 ${imported.rejected}；日志 ${imported.journalMb} MB；峰值内存 ${imported.rss} MB（exceljs ${bare.rss} MB）`,
    `  撤销这一批次（一次写入）           ${String(imported.undo).padStart(7)} ms`,
    `  写入的语句重放（${replayed.ops} 条，一次事务，含审计触发器）：sql.js ${replayed.replay} ms` +
      (native ? `，原生 SQLite ${native.replay} ms（sql.js 为其 ${r(replayed.replay, native.replay)}）` : '，原生 SQLite 未测'),
    `街道规模（${exported.residents} 实有人口）全量数据包导出：${exported.export} ms，${exported.records} 条记录，zip ${exported.zipMb} MB，峰值内存 ${exported.rss} MB`,
    `  该数据包导入空库（新工作站）：${received.receive} ms，${received.parts} 个包，新增 ${received.inserted} 条，峰值内存 ${received.rss} MB`,
    `  实有人口信息表模板导出：${template.template} ms，${template.rows} 行，xlsx ${template.xlsxMb} MB，峰值内存 ${template.rss} MB`,
  ];
  const machine = { before: referenceBefore, after: machineReference() };
  lines.push(machineLine(machine.before, machine.after));
  console.log(lines.join('\n'));
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ at: new Date().toISOString(), machine, bare, reader, imported, replayed, native, exported, received, template }, null, 2));
}

await main();
