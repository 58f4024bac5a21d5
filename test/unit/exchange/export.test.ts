import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { entityNames, type EntityName } from '../../../src-main/dto/records';
import type { CoreRuntime } from '../../../src-main/core/core';
import type { Progress } from '../../../src-main/contract';
import { entities } from '../../../src-main/core/catalog/fields';
import { cellFor } from '../../../src-main/core/exchange/export/xlsx';
import { readRecords } from '../../../src-main/core/exchange/records';
import { parseCsv } from '../../../src-main/core/exchange/read/csv';
import { repositories } from '../../../src-main/core/records';
import { call, coresClosedAfterEach, testCore } from '../../helpers/core';
import { xlsxToCsv } from './libreoffice';
import { tempDir } from '../../helpers/tempDirs';

const cores = coresClosedAfterEach();
const demo = cores.demo;

const textOf = (entity: EntityName, key: string, value: unknown): string => {
  const field = entities[entity].fields.find((f) => f.key === key);
  const cell = field ? cellFor(field, value) : null;
  return cell === null ? '' : String(cell);
};

async function exportAll(core: CoreRuntime, dir: string): Promise<void> {
  for (const entity of entityNames) {
    const made = await call(core, 'exchange.exportTemplate', { entity });
    expect(made.fileName).toBe(`${entities[entity].title}.xlsx`);
    writeFileSync(join(dir, made.fileName), Buffer.from(made.contentBase64, 'base64'));
  }
}

describe('template export', () => {
  it('reads the same records the repositories read, set-wise', async () => {
    const core = await demo();
    const db = core.data.store().db;
    for (const entity of entityNames) {
      const all = readRecords(db, entity);
      expect(all.length, entity).toBeGreaterThan(0);
      for (const r of all.filter((_, i) => i % Math.ceil(all.length / 60) === 0)) {
        expect(r.record, `${entity} ${r.key}`).toEqual(repositories[entity].read(db, r.key));
        expect(r.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
    }
  });

  it('reports reading the records, then writing the rows with their count, then the end', async () => {
    const core = await demo();
    const events: Progress[] = [];
    const off = core.subscribe((event) => {
      if (event.name === 'progress' && event.payload.taskId === 'sheet') events.push(event.payload);
    });
    const made = await call(core, 'exchange.exportTemplate', { entity: 'resident', taskId: 'sheet' });
    off();
    expect(events.map((e) => [e.label, e.done, e.total, e.finished])).toEqual([
      ['正在读取 实有人口信息表 的记录', 0, null, false],
      ['正在写入 实有人口信息表', 0, made.records, false],
      ['模板已导出', 1, 1, true],
    ]);
  });

  it('writes the eight templates as xlsx whose IDs, codes and dates are text cells, and LibreOffice reads every value intact', async () => {
    const core = await demo();
    const dir = tempDir('scc-export-');
    await exportAll(core, dir);
    const book = unzipSync(readFileSync(join(dir, '实有人口信息表.xlsx')));
    const sheet = new TextDecoder().decode(book['xl/worksheets/sheet1.xml']);
    const idCells = [...sheet.matchAll(/<c r="A(\d+)"([^>]*)>/g)].filter((m) => m[1] !== '1');
    expect(idCells.length).toBeGreaterThan(100);
    // Text cells (not numbers, not formula results), in the text format ('@', numFmtId 49).
    for (const m of idCells) expect(m[2]).toBe(' s="1" t="inlineStr"');
    const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(new TextDecoder().decode(book['xl/styles.xml']))?.[1] ?? '';
    expect([...cellXfs.matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => m[1])[1]).toBe('49');

    const csvDir = xlsxToCsv(dir);
    const db = core.data.store().db;
    for (const entity of entityNames) {
      const rows = parseCsv(readFileSync(join(csvDir, `${entities[entity].title}.csv`), 'utf8'));
      const fields = entities[entity].fields;
      expect(rows[0]?.cells, entity).toEqual(fields.map((f) => f.header));
      const records = readRecords(db, entity);
      expect(rows.length - 1, entity).toBe(records.length);
      records.forEach((r, i) => {
        const expected = fields.map((f) => textOf(entity, f.key, (r.record as unknown as Record<string, unknown>)[f.key]));
        expect(rows[i + 1]?.cells, `${entity} row ${i + 2}`).toEqual(expected);
      });
    }
  }, 180_000);

  it('imports its own export back: unchanged into the same street, identical into an empty one', async () => {
    const core = await demo();
    const dir = tempDir('scc-export-');
    await exportAll(core, dir);
    const files = entityNames.map((e) => ({ name: `${entities[e].title}.xlsx`, contentBase64: readFileSync(join(dir, `${entities[e].title}.xlsx`)).toString('base64') }));
    const same = await call(core, 'exchange.importPreview', { files });
    for (const f of same.files) expect([f.template, f.rejected, f.inserted, f.updated], f.template).toEqual([f.template, 0, 0, 0]);

    const street = core.data.store().db.get<{ code: string; name: string }>('SELECT code, name FROM street') ?? { code: '', name: '' };
    const empty = await testCore();
    cores.keep(empty);
    await call(empty, 'setup.createEmpty', street);
    const applied = await call(empty, 'exchange.importApply', { planId: (await call(empty, 'exchange.importPreview', { files })).planId });
    expect(applied.totals.rejected).toBe(0);
    for (const entity of entityNames) {
      const before = readRecords(core.data.store().db, entity).map((r) => r.record);
      const after = readRecords(empty.data.store().db, entity).map((r) => r.record);
      const byKey = (list: unknown[]) => new Map(list.map((r) => [JSON.stringify(r), r]));
      expect(byKey(after), entity).toEqual(byKey(before));
    }
  });
});
