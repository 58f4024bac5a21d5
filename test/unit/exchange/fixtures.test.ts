import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportFileReport, ImportRejection } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { call, repoRoot, testCore } from '../../helpers/core';

/**
 * The shared fixtures, imported as their README and expected.json say — or, where the README
 * contradicts the SPEC, as the SPEC requires (precision loss is refused, never repaired).
 */
const fixtures = join(repoRoot, '..', 'shared', 'fixtures');
const messy = join(fixtures, 'messy');
const qingcheng = join(fixtures, 'street-qingcheng');

const file = (dir: string, name: string) => ({ name, contentBase64: readFileSync(join(dir, name)).toString('base64') });

let core: CoreRuntime;
afterEach(async () => core.close());

async function emptyStreet(): Promise<CoreRuntime> {
  core = await testCore();
  await call(core, 'setup.createEmpty', { name: '青城街道', code: '150102005' });
  return core;
}

async function importFiles(dir: string, names: string[]) {
  const preview = await call(core, 'exchange.importPreview', { files: names.map((n) => file(dir, n)) });
  expect(preview.unrecognised).toEqual([]);
  return call(core, 'exchange.importApply', { planId: preview.planId });
}

const rejectionsByRow = (report: ImportFileReport): Map<number, ImportRejection[]> => {
  const rows = new Map<number, ImportRejection[]>();
  for (const r of report.rejections) rows.set(r.row, [...(rows.get(r.row) ?? []), r]);
  return rows;
};

/** Rows of a sheet whose cell in `column` is a number past 2^53 (read from the XML, not through the app). */
function numericRows(path: string, columns: string[]): Set<number> {
  const entries = unzipSync(readFileSync(path), { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' });
  const xml = new TextDecoder().decode(entries['xl/worksheets/sheet1.xml']);
  const rows = new Set<number>();
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(?:<v>([^<]*)<\/v>)?/g)) {
    const [, col, row, attrs, value] = m;
    const typed = /t="(\w+)"/.exec(attrs ?? '')?.[1] ?? 'n';
    if (typed === 'n' && columns.includes(col ?? '') && value !== undefined && Number(value) > Number.MAX_SAFE_INTEGER) rows.add(Number(row));
  }
  return rows;
}

const resident = (key: string) => core.call('records.get', { entity: 'resident', key });

describe('messy fixtures (what real offices send)', () => {
  it('imports the GB18030 residents file exactly as expected.json says, row by row', async () => {
    await emptyStreet();
    const geo = await importFiles(messy, ['社区信息表.csv', '网格信息表.csv', '楼栋信息表.csv']);
    expect(geo.files.map((f) => [f.template, f.encoding, f.rows, f.accepted])).toEqual([
      ['社区信息表', 'UTF-8（带 BOM）', 3, 3],
      ['网格信息表', 'UTF-8（带 BOM）', 12, 12],
      ['楼栋信息表', 'UTF-8（带 BOM）', 60, 60],
    ]);

    const expected = JSON.parse(readFileSync(join(messy, '实有人口信息表-GB18030.expected.json'), 'utf8')) as {
      rows: number;
      accepted: number;
      rejected: number;
      rows_expected: Record<string, string>;
    };
    const applied = await importFiles(messy, ['实有人口信息表-GB18030.csv']);
    const report = applied.files[0] as ImportFileReport;
    expect(report).toMatchObject({ template: '实有人口信息表', encoding: 'GB18030/GBK', headerRow: 1, rows: expected.rows, accepted: expected.accepted, rejected: expected.rejected });

    const rejected = rejectionsByRow(report);
    const csv = new TextDecoder('gb18030').decode(readFileSync(join(messy, '实有人口信息表-GB18030.csv'))).split(/\r?\n/);
    for (const [row, outcome] of Object.entries(expected.rows_expected)) {
      const n = Number(row);
      const [verdict, kind, id] = outcome.split(':');
      if (verdict === 'reject') {
        expect(rejected.get(n)?.[0]?.reason, `row ${row}`).toBe(kind);
        continue;
      }
      expect(rejected.has(n), `row ${row} accepted`).toBe(false);
      const rawId = (csv[n - 1] ?? '').split(',')[0] ?? '';
      const key = kind === 'upgraded' ? (id as string) : rawId.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)).trim().toUpperCase();
      if (kind === 'upgraded') expect(report.upgraded).toContainEqual({ row: n, from: rawId, to: id });
      const stored = await resident(key);
      expect(stored.ok, `row ${row} stored as ${key}`).toBe(true);
    }
    // Every row the expectations do not name is accepted.
    const named = new Set(Object.keys(expected.rows_expected).map(Number));
    expect([...rejected.keys()].filter((r) => !named.has(r))).toEqual([]);
    expect(core.data.store().db.value('SELECT count(*) FROM resident')).toBe(expected.accepted);
  });

  it('reads GB18030 text without garbling it, and normalises what offices type', async () => {
    await emptyStreet();
    await importFiles(messy, ['社区信息表.csv', '网格信息表.csv', '楼栋信息表.csv', '实有人口信息表-GB18030.csv']);
    const get = async (key: string) => {
      const r = await resident(key);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { name: string; birthDate: string; ethnicity: string; idNumber: string };
    };
    expect(await get('150102194209174458')).toMatchObject({ name: '戴琼', ethnicity: '汉族' });
    expect(await get('150102196902289551')).toMatchObject({ name: '赖瑞', ethnicity: '蒙古族', birthDate: '1969-02-28' }); // 1969年2月28日
    expect(await get('150102199706218899')).toMatchObject({ birthDate: '1997-06-21' }); // 1997/6/21
    expect(await get('15010220170902554X')).toMatchObject({ name: '卢纯' }); // lower-case x
    expect(await get('150102199709054471')).toMatchObject({ name: '史纨玲' }); // full-width digits
    expect(await get('150102199704022737')).toMatchObject({ name: '胡婵娣' }); // stray spaces
  });

  it('refuses every ID the careless save turned into a number as precision, and says how to fix the file', async () => {
    await emptyStreet();
    await importFiles(qingcheng, ['社区信息表.xlsx', '网格信息表.xlsx', '党组织信息表.xlsx']);
    const path = join(messy, '党员信息表-数字格式.xlsx');
    const numeric = numericRows(path, ['A']);
    const preview = await call(core, 'exchange.importPreview', { files: [file(messy, '党员信息表-数字格式.xlsx')] });
    const report = preview.files[0] as ImportFileReport;
    const rejected = rejectionsByRow(report);
    const precision = [...rejected].filter(([, r]) => r[0]?.reason === 'precision').map(([row]) => row);
    expect(new Set(precision)).toEqual(numeric);
    // README: "every row must be rejected as 精度丢失". The SPEC refuses only the damaged IDs: the
    // rows whose ID ends in X stayed text cells (a spreadsheet cannot make them numbers) and are valid.
    expect(numeric.size).toBe(315);
    expect(report.rows).toBe(348);
    expect(report.accepted).toBe(348 - 315);
    expect(report.notes.join('')).toMatch(/“公民身份号码”列有 315 行被表格软件当作数字保存.*设为“文本”格式后重新导出/);
  });
});

describe('street-qingcheng (a city-platform export)', () => {
  const counts = JSON.parse(readFileSync(join(qingcheng, 'counts.json'), 'utf8')) as Record<string, number>;
  /** Columns holding 18-digit IDs or 19-digit building codes, per template (sheet letters). */
  const longColumns: Record<string, string[]> = {
    社区信息表: [],
    网格信息表: [],
    楼栋信息表: ['A'],
    实有人口信息表: ['A', 'K'],
    党组织信息表: ['E'],
    党员信息表: ['A'],
    工作力量信息表: ['A', 'D'],
    事件信息表: [],
  };

  it('imports all eight files together as the SPEC requires: numbers that lost digits are refused as precision, the rest accepted', async () => {
    await emptyStreet();
    const names = readdirSync(qingcheng).filter((n) => n.endsWith('.xlsx'));
    const preview = await call(core, 'exchange.importPreview', { files: names.map((n) => file(qingcheng, n)) });
    expect(preview.unrecognised).toEqual([]);
    // Applied in dependency order whatever order they were given in.
    expect(preview.files.map((f) => f.entity)).toEqual(['community', 'grid', 'building', 'partyOrg', 'resident', 'partyMember', 'staff', 'event']);
    const figures: Record<string, { rows: number; rejected: number }> = {};
    for (const report of preview.files) {
      expect(report.rows, report.template).toBe(counts[report.entity]);
      const damaged = numericRows(join(qingcheng, report.file), longColumns[report.template] ?? []);
      const rejected = rejectionsByRow(report);
      expect(new Set(rejected.keys()), report.template).toEqual(damaged);
      for (const [row, problems] of rejected) expect(problems[0]?.reason, `${report.template} row ${row}`).toBe('precision');
      figures[report.template] = { rows: report.rows, rejected: report.rejected };
    }
    // The README says every row is accepted; the files store IDs and building codes as numbers.
    expect(figures).toEqual({
      社区信息表: { rows: 3, rejected: 0 },
      网格信息表: { rows: 12, rejected: 0 },
      楼栋信息表: { rows: 60, rejected: 60 },
      党组织信息表: { rows: 16, rejected: 0 },
      实有人口信息表: { rows: 4305, rejected: 4305 },
      党员信息表: { rows: 348, rejected: 315 },
      工作力量信息表: { rows: 48, rejected: 42 },
      事件信息表: { rows: 72, rejected: 0 },
    });
    const applied = await call(core, 'exchange.importApply', { planId: preview.planId });
    expect(applied.totals).toMatchObject({ rows: 4864, accepted: 142, rejected: 4722, inserted: 142 });
    expect(core.data.store().db.value("SELECT count(*) FROM exchange_quarantine WHERE status = 'open'")).toBe(4722);
  });
});
