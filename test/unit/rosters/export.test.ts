import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime;
beforeAll(async () => {
  core = await demoCore();
});
afterAll(async () => core.close());

const community = (): string => core.data.store().db.value<string>('SELECT code FROM community ORDER BY code LIMIT 1') ?? '';

describe('exporting the current view', () => {
  it('writes an xlsx of the view’s rows and columns with IDs and codes as text cells', async () => {
    const query = { roster: 'residents' as const, scope: { communityCode: community() }, sort: [{ column: 'idNumber', desc: true }] };
    const expected = await call(core, 'roster.page', { ...query, limit: 1000 });
    const file = await call(core, 'roster.export', { query, columns: ['idNumber', 'name', 'gridCode', 'phone', 'birthDate'], format: 'xlsx' });
    expect(file.fileName).toMatch(/^实有人口_\d{8}-\d{4}\.xlsx$/);
    expect(file.rows).toBe(expected.total);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('实有人口');
    expect(sheet.getRow(1).values).toEqual([undefined, '公民身份号码', '姓名', '所属网格编码', '联系电话', '出生日期']);
    expect(sheet.rowCount).toBe((expected.total ?? 0) + 1);
    expected.rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      const id = row.getCell(1);
      expect(id.value).toBe(r.key);
      expect(typeof id.value).toBe('string');
      expect(id.numFmt).toBe('@');
      expect(row.getCell(3).value).toBe(r.gridCode);
    });
    expect(expected.rows.some((r) => r.key.endsWith('X'))).toBe(true);
  });

  it('writes counts as numbers', async () => {
    const file = await call(core, 'roster.export', { query: { roster: 'grids' }, columns: ['code', 'residentCount'], format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const cell = book.worksheets[0]?.getRow(2).getCell(2);
    expect(typeof cell?.value).toBe('number');
  });

  it('writes CSV in UTF-8 with a BOM and CRLF, quoting where needed, IDs kept from becoming numbers in Excel', async () => {
    const key = (await call(core, 'roster.page', { roster: 'residents', limit: 1 })).rows[0]?.key ?? '';
    await call(core, 'roster.edit', { roster: 'residents', rows: [{ key, values: { address: '幸福路1号,"东"门' } }] });
    const file = await call(core, 'roster.export', { query: { roster: 'residents', search: key }, columns: ['idNumber', 'name', 'address'], format: 'csv' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('公民身份号码,姓名,现住址');
    expect(lines[1]).toMatch(new RegExp(`^\\t${key},[^,]+,"幸福路1号,""东""门"$`));
    expect(lines[2]).toBe('');
  });

  it('refuses a column the roster does not have', async () => {
    const refused = await core.call('roster.export', { query: { roster: 'residents' }, columns: ['idNumber', 'secret'], format: 'csv' });
    expect(refused.ok ? '' : refused.error.message).toContain('没有“secret”这一列');
  });
});
