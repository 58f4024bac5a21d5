import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/core/exchange/read/csv';
import { decodeText } from '../../../src-main/core/exchange/read/decode';
import { detectTemplate } from '../../../src-main/core/exchange/read/header';
import { columnLetter, type SheetRow } from '../../../src-main/core/exchange/read/sheet';
import { declaredRows, readXlsxRows } from '../../../src-main/core/exchange/read/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { xlsx } from './files';

describe('reading import files', () => {
  it('detects UTF-8 with and without BOM, UTF-16 with BOM and GB18030 (GBK) without garbling', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('社区编码', 'utf8')]))).toEqual({ text: '社区编码', encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from('姓名,性别', 'utf8'))).toEqual({ text: '姓名,性别', encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0xff, 0xfe, ...Buffer.from('姓名', 'utf16le')]))).toEqual({ text: '姓名', encoding: 'utf-16le' });
    // 中文 in GBK, 𠀀 (U+20000) only in GB18030's four-byte range.
    expect(decodeText(Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x95, 0x32, 0x82, 0x36]))).toEqual({ text: '中文𠀀', encoding: 'gb18030' });
  });

  it('parses CSV as Excel writes it: quotes, doubled quotes, line breaks in cells, CRLF; row numbers as Excel shows them', () => {
    const text = '姓名,地址\r\n"张三","青城路""1号""\r\n2单元"\r\n李四,\r\n\r\n王五,"a,b"\r\n';
    expect(parseCsv(text)).toEqual([
      { row: 1, cells: ['姓名', '地址'] },
      { row: 2, cells: ['张三', '青城路"1号"\r\n2单元'] },
      { row: 3, cells: ['李四', ''] },
      { row: 4, cells: [''] },
      { row: 5, cells: ['王五', 'a,b'] },
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
  });

  it('finds the header row within the first five rows and the template whose required headers it holds', () => {
    const rows: SheetRow[] = [
      { row: 1, cells: ['党员信息表'] },
      { row: 2, cells: [null] },
      { row: 3, cells: ['公民身份号码', '姓名', '人员类别', '入党日期', '所在党组织编码', '民族'] },
    ];
    const found = detectTemplate(rows, 'x.xlsx', () => null);
    expect(found.ok && found.match).toMatchObject({ entity: 'partyMember', headerRow: 3, unknown: [] });
    const staffLike: SheetRow[] = [{ row: 1, cells: ['公民身份号码', '姓名', '岗位'] }];
    const missing = detectTemplate(staffLike, 'x.csv', () => null);
    expect(missing.ok ? null : missing.closest).toEqual({ entity: 'staff', headerRow: 1, missing: ['范围编码', '上岗日期'] });
    expect(columnLetter(0) + columnLetter(25) + columnLetter(26)).toBe('AZAA');
  });

  it('streams the first sheet of an xlsx and reads its declared size for the progress bar', async () => {
    const bytes = await xlsx([['a', 'b'], [1, new Date(Date.UTC(2026, 10, 21, 9, 30))], [null, { richText: [{ text: 'x' }, { text: 'y' }] }]]);
    const rows = [];
    for await (const row of readXlsxRows(bytes)) rows.push(row);
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: [1, '2026-11-21 09:30:00'] },
      { row: 3, cells: [null, 'xy'] },
    ]);
    expect(declaredRows(bytes)).toBe(3);
  });
});

describe('reading a large xlsx', () => {
  it('never splits a Chinese character across the chunks it inflates (exceljs’ streaming reader does)', async () => {
    const chars = '青城街道社区网格楼栋单元户籍党员服务中心居民反映问题处理';
    const rows = Array.from({ length: 20_000 }, (_, i) => [`${chars.slice(i % 20)}${i}号${chars.slice(0, i % 23)}`, i]);
    const bytes = await xlsx(rows);
    let n = 0;
    for await (const row of readXlsxRows(bytes)) {
      expect(row.cells).toEqual(rows[n]);
      n++;
    }
    expect(n).toBe(rows.length);
  });

  it('reads the sheet whether its zip stores or deflates it, and says so when the sheet is damaged', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`居民${i}`, i]);
    const files = unzipSync(await xlsx(rows));
    const read = async (bytes: Uint8Array): Promise<unknown[]> => {
      const out = [];
      for await (const row of readXlsxRows(bytes)) out.push(row.cells);
      return out;
    };
    expect(await read(zipSync(files, { level: 0 }))).toEqual(rows);
    expect(await read(zipSync(files, { level: 9 }))).toEqual(rows);

    // The sheet's deflate stream cut short and padded: an error, not a shorter list of rows.
    const sheet = files['xl/worksheets/sheet1.xml'] ?? new Uint8Array(0);
    const deflated = zipSync({ ...files, 'xl/worksheets/sheet1.xml': sheet }, { level: 6 });
    const at = Buffer.from(deflated).indexOf(Buffer.from(strToU8('xl/worksheets/sheet1.xml'))) + 200;
    deflated.fill(0xff, at, at + 64);
    await expect(read(deflated)).rejects.toThrow();
  });
});
