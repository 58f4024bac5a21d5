import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import type { CellValue, SheetRow } from './sheet';

/**
 * The first sheet of an xlsx, row by row, through exceljs' streaming reader (a 100k-row roster
 * never sits in memory as a workbook). Cells come out as what a person sees: rich text joined,
 * formulas as their cached result, date cells as text in the wall-clock time they show.
 */
const pad = (n: number): string => String(n).padStart(2, '0');

/** exceljs gives a date cell as a Date whose UTC fields are the wall-clock value shown. */
function dateText(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

export function cellOf(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : cellOf(v.result);
    if (typeof v.error === 'string') return v.error;
    if (v.text !== undefined) return cellOf(v.text);
  }
  return String(value);
}

export async function* readXlsxRows(bytes: Uint8Array, signal?: AbortSignal): AsyncGenerator<SheetRow> {
  const input = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (signal?.aborted) return;
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
      yield { row: row.number, cells };
    }
    // The first sheet only (SPEC §2): the rest are notes, pivot tables, instructions.
    return;
  }
}

/**
 * Rows the first sheet declares (`<dimension ref="A1:P4306"/>`), read from the first kilobytes of
 * the sheet without inflating the rest: the progress bar's total. Null when absent.
 */
export function declaredRows(bytes: Uint8Array): number | null {
  let found: number | null = null;
  let done = false;
  const unzip = new Unzip((file) => {
    if (done || !/^xl\/worksheets\/sheet1\.xml$/.test(file.name)) return;
    let head = '';
    file.ondata = (error, chunk, final) => {
      if (done || error) return;
      head += new TextDecoder().decode(chunk);
      const match = /<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
      if (match?.[1]) found = Number(match[1]);
      if (match || head.includes('<sheetData') || final || head.length > 65536) {
        done = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    const step = 64 * 1024;
    for (let i = 0; i < bytes.length && !done; i += step) unzip.push(bytes.subarray(i, Math.min(bytes.length, i + step)), i + step >= bytes.length);
  } catch {
    return null;
  }
  return found;
}

/** A zip file (xlsx, or a package) starts with PK\x03\x04. */
export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The legacy binary .xls (and .doc, .ppt): an OLE compound file. */
export const isOleCompound = (bytes: Uint8Array): boolean => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
