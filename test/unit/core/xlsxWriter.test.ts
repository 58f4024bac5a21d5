import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { Zip, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { declaredRows, readXlsxRows } from '../../../src-main/core/exchange/read/xlsx';
import { columnName, writeXlsx, xmlText, type XlsxCell } from '../../../src-main/core/xlsxWriter';
import { ZlibZipDeflate } from '../../../src-main/core/zipDeflate';
import { parseCsv } from '../../../src-main/core/exchange/read/csv';
import { tempDir } from '../../helpers/tempDirs';
import { xlsxToCsv } from '../exchange/libreoffice';

/** Every entry of a zip as its central directory lists it: name, CRC-32, sizes, where its data starts. */
function centralDirectory(zip: Uint8Array): { name: string; crc: number; compressed: number; size: number; method: number; data: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      data,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

const zipped = (write: (zip: Zip) => void): Uint8Array => {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  write(zip);
  zip.end();
  return Buffer.concat(chunks);
};

describe('zip files deflated by zlib', () => {
  it('joins chunks pushed at any size, flushed or not, into one deflate stream with the right checksum and sizes', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `{"line":${i},"name":"居民${i % 97}","address":"幸福路${i % 13}号"}\n`).join('');
    const bytes = new TextEncoder().encode(text);
    const cuts = [0, 7, 5000, 5001, 70_000, 300_000, 301_000, 900_000, bytes.length];
    const zip = zipped((z) => {
      const file = new ZlibZipDeflate('lines.ndjson');
      z.add(file);
      for (let i = 1; i < cuts.length; i++) {
        file.push(bytes.subarray(cuts[i - 1], cuts[i]));
        if (i % 3 === 0) file.flush();
      }
      file.push(new Uint8Array(0), true);
      const empty = new ZlibZipDeflate('empty.txt');
      z.add(empty);
      empty.push(new Uint8Array(0), true);
    });
    const [lines, empty] = centralDirectory(zip);
    expect(lines).toMatchObject({ name: 'lines.ndjson', method: 8, size: bytes.length, crc: crc32(bytes) });
    const inflated = inflateRawSync(zip.subarray(lines?.data ?? 0, (lines?.data ?? 0) + (lines?.compressed ?? 0)));
    expect(Buffer.compare(inflated, bytes)).toBe(0);
    expect(lines?.compressed).toBeLessThan(bytes.length / 5);
    expect(empty).toMatchObject({ name: 'empty.txt', size: 0, crc: 0 });
    expect(unzipSync(zip)['empty.txt']).toEqual(new Uint8Array(0));
  });
});

describe('xlsx writer', () => {
  // What dirty rosters hold: control characters, a carriage return, text that looks like an
  // OOXML escape, markup characters, edge spaces, an emoji and a lone surrogate.
  const tricky: XlsxCell[] = ['15010219900101001X', 'a\u0001b\u001Fc', '第一行\r\n第二行\t列', '_x0041_ 与 _x005F_', '<b>&amp;</b>', '  两端空格 ', '😀 表情', 'x\uD800y', '0012', 3.25, -7, 0, null, '', '最后'];

  it('writes text as text cells and numbers as numbers, read back unchanged by its own reader and by exceljs', async () => {
    const columns = tricky.map((value, i) => ({ header: `列${i + 1}`, width: 12, text: typeof value !== 'number' }));
    const bytes = await writeXlsx({ name: '测试表', columns, rows: [tricky, ['第二行']], rowCount: 2, creator: '街道指挥中心', created: new Date('2026-11-22T10:00:00Z') });
    // Declared up front, for an import's progress bar: the header and two rows.
    expect(declaredRows(bytes)).toBe(3);

    const rows = [];
    for await (const row of readXlsxRows(bytes)) rows.push(row);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0]?.cells).toEqual(columns.map((c) => c.header));
    // An empty string is an empty cell; the reader gives both as null.
    expect(rows[1]?.cells).toEqual(tricky.map((v) => (v === '' ? null : v)));
    expect(rows[2]?.cells).toEqual(['第二行']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('测试表');
    // exceljs does not decode OOXML's _xHHHH_ escapes (Excel and LibreOffice do: the next test).
    const plain = tricky.flatMap((v, i) => (typeof v === 'string' && xmlText(v).includes('_x') ? [] : [i]));
    expect(plain.length).toBe(tricky.length - 4);
    expect(plain.map((i) => sheet?.getRow(2).getCell(i + 1).value ?? null)).toEqual(plain.map((i) => (tricky[i] === '' ? null : tricky[i])));
    const id = sheet?.getRow(2).getCell(1);
    expect([id?.value, id?.numFmt]).toEqual(['15010219900101001X', '@']);
    expect(sheet?.getRow(2).getCell(10).value).toBe(3.25);
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.getColumn(1).width).toBe(12);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('is read by LibreOffice with every value intact, past column Z', async () => {
    const dir = tempDir('scc-xlsxwriter-');
    // LibreOffice's CSV cannot carry control characters: the printable ones only.
    const printable: XlsxCell[] = ['15010219900101001X', '_x0041_ 与 _x005F_', '<b>&amp;</b>', '  两端空格 ', '😀 表情', '0012', 3.25, -7, null, '最后'];
    const wide = Array.from({ length: 30 }, (_, i) => `第${i + 1}列`);
    const columns = [...printable, ...wide].map((value, i) => ({ header: `列${columnName(i)}`, width: 10, text: typeof value !== 'number' }));
    writeFileSync(join(dir, 'book.xlsx'), await writeXlsx({ name: '台账', columns, rows: [[...printable, ...wide]], creator: '测试' }));
    const csv = parseCsv(readFileSync(join(xlsxToCsv(dir), 'book.csv'), 'utf8'));
    expect(csv[0]?.cells).toEqual(columns.map((c) => c.header));
    expect(csv[1]?.cells).toEqual([...printable.map((v) => (v === null ? '' : String(v))), ...wide]);
    expect(columns.at(-1)?.header).toBe('列AN');
  }, 120_000);

  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
