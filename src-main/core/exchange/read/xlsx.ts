import { createInflateRaw } from 'node:zlib';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import type { CellValue, SheetRow } from './sheet';
import { breathe } from '../tasks';

/**
 * The first sheet of an xlsx, row by row, streamed out of the zip (a 100k-row roster never sits
 * in memory as a workbook or as one XML string). Cells come out as a person sees them: shared and
 * rich text joined, formulas as their cached result, date cells as text in the wall-clock time
 * they show.
 *
 * Not exceljs' streaming reader, on purpose: exceljs 4.4 decodes every 16 KB chunk of XML on its
 * own (lib/utils/parse-sax.js), so a Chinese character split across two chunks becomes U+FFFD —
 * names and addresses silently garbled (exceljs issues #2063, #2084, #2316, unfixed) — and when the
 * shared strings follow the sheet in the zip, as in every file LibreOffice writes, it copies the
 * sheet (IDs and phone numbers in plain text) to the system temp folder, outside the data directory.
 * The app's own xlsx files are written by core/xlsxWriter.ts.
 */

const decodeEntities = (text: string): string =>
  text.includes('&') || text.includes('_x')
    ? text
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/&(?:#(\d+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));/g, (_, dec?: string, hex?: string, name?: string) => {
          if (dec) return String.fromCodePoint(Number(dec));
          if (hex) return String.fromCodePoint(parseInt(hex, 16));
          return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
        })
    : text;

const attributes = new Map<string, RegExp>();

/** An attribute's value in a tag's attribute text (patterns made once per name: this runs per cell). */
function attr(attrs: string, name: string): string | undefined {
  let pattern = attributes.get(name);
  if (!pattern) attributes.set(name, (pattern = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  return pattern.exec(attrs)?.[1];
}

/** The text of <t> runs, phonetic guides (<rPh>) left out. */
function runsText(xml: string): string {
  const clean = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  for (const m of clean.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += m[1] ?? '';
  return decodeEntities(text);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\s*\/>/g)) strings.push(m[1] === undefined ? '' : runsText(m[1]));
  return strings;
}

// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the CJK ones).
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index: does it show a date? */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), decodeEntities(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateCode(code) : BUILT_IN_DATES.has(id);
  });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An Excel serial (days since 1899-12-30, with 1900's phantom 29 February) as the text it shows. */
export function serialText(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let days = serial + (date1904 ? 1462 : 0);
  if (!date1904 && days < 61) days += 1;
  const ms = Math.round((days - 25569) * 86400) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A1 → 0, AA7 → 26. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

interface Workbook {
  sheetPath: string;
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

function readWorkbook(bytes: Uint8Array, withContents = true): Workbook {
  const wanted = new Set(withContents ? [WORKBOOK, WORKBOOK_RELS, 'xl/sharedStrings.xml', 'xl/styles.xml'] : [WORKBOOK, WORKBOOK_RELS]);
  const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  const text = (name: string): string | undefined => (files[name] ? new TextDecoder().decode(files[name]) : undefined);
  const workbook = text(WORKBOOK) ?? '';
  const rels = text(WORKBOOK_RELS) ?? '';
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const relId = attr(firstSheet, 'r:id');
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === relId);
  const target = rel ? (attr(rel, 'Target') ?? '') : 'worksheets/sheet1.xml';
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  return {
    sheetPath,
    strings: sharedStrings(text('xl/sharedStrings.xml')),
    dates: dateStyles(text('xl/styles.xml')),
    date1904: /<workbookPr\b[^>]*date1904="(?:1|true)"/.test(workbook),
  };
}

function cellValue(book: Workbook, attrs: string, inner: string): CellValue {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') return runsText(inner);
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return null;
  switch (type) {
    case 's':
      return book.strings[Number(v)] ?? null;
    case 'str':
    case 'e':
      return decodeEntities(v);
    case 'b':
      return v === '1' || v === 'true';
    case 'd':
      return decodeEntities(v).replace('T', ' ').replace(/(?: 00:00:00)?(?:\.\d+)?Z?$/, '');
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeEntities(v);
      const style = Number(attr(attrs, 's') ?? 0);
      return book.dates[style] ? serialText(n, book.date1904) : n;
    }
  }
}

function parseRow(book: Workbook, attrs: string, body: string, fallbackRow: number): SheetRow {
  const row = Number(attr(attrs, 'r') ?? fallbackRow);
  const cells: CellValue[] = [];
  let next = 0;
  for (const m of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const cellAttrs = m[1] ?? '';
    const ref = attr(cellAttrs, 'r');
    const index = ref ? columnIndex(ref) : next;
    next = index + 1;
    const value = m[2] === undefined ? null : cellValue(book, cellAttrs, m[2]);
    while (cells.length < index) cells.push(null);
    cells[index] = value;
  }
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return { row, cells };
}

export async function* readXlsxRows(bytes: Uint8Array, signal?: AbortSignal): AsyncGenerator<SheetRow> {
  const book = readWorkbook(bytes);
  const decoder = new TextDecoder('utf-8');
  let xml = '';
  let lastRow = 0;
  const rowsIn = (text: string): { rows: SheetRow[]; rest: string } => {
    let from = 0;
    const pattern = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
    let m: RegExpExecArray | null;
    const rows: SheetRow[] = [];
    while ((m = pattern.exec(text)) !== null) {
      const parsed = parseRow(book, m[1] ?? '', m[2] ?? '', lastRow + 1);
      lastRow = parsed.row;
      rows.push(parsed);
      from = pattern.lastIndex;
    }
    return { rows, rest: text.slice(from) };
  };
  for await (const chunk of sheetXml(bytes, book.sheetPath, signal)) {
    if (signal?.aborted) return;
    // stream: a character split across two inflated chunks is kept whole.
    const { rows, rest } = rowsIn(xml + decoder.decode(chunk, { stream: true }));
    xml = rest;
    for (const row of rows) yield row;
    if (rows.length > 0) await breathe();
  }
}

/**
 * The sheet's XML as it is inflated, by Node's zlib on its worker threads: the next chunk inflates
 * while this one is parsed (the reader read 100k rows in 0.84 s instead of 1.40 s with fflate's
 * inflate on the same thread). The entry is found through the zip's central directory; a zip this
 * does not understand (ZIP64, another method) is read whole by fflate instead.
 */
async function* sheetXml(bytes: Uint8Array, path: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const entry = zipEntry(bytes, path);
  if (!entry || (entry.method !== 0 && entry.method !== 8)) {
    const whole = unzipSync(bytes, { filter: (f) => f.name === path })[path];
    if (!whole) throw new Error(`找不到工作表 ${path}`);
    yield whole;
    return;
  }
  if (entry.method === 0) {
    yield entry.data;
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  inflater.end(entry.data);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      if (signal?.aborted) return;
      yield chunk;
    }
  } finally {
    inflater.destroy();
  }
}

/** A file's compressed bytes and method, from the zip's central directory; null when not found. */
function zipEntry(bytes: Uint8Array, name: string): { method: number; data: Uint8Array } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes and a comment of at most 65535.
  let end = bytes.length - 22;
  const stop = Math.max(0, end - 65535);
  while (end >= stop && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < stop) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const wanted = new TextEncoder().encode(name);
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (nameLength === wanted.length && wanted.every((b, k) => bytes[at + 46 + k] === b)) {
      const compressed = view.getUint32(at + 20, true);
      const local = view.getUint32(at + 42, true);
      if (compressed === 0xffffffff || local === 0xffffffff || local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return null;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + compressed > bytes.length) return null;
      return { method: view.getUint16(at + 10, true), data: bytes.subarray(start, start + compressed) };
    }
    at = next;
  }
  return null;
}

/**
 * Rows the first sheet declares (`<dimension ref="A1:P4306"/>`), read from the first kilobytes of
 * the sheet without inflating the rest: the progress bar's total. Null when absent.
 */
export function declaredRows(bytes: Uint8Array): number | null {
  let sheetPath: string;
  try {
    // Only where the sheet is: its shared strings (most of a LibreOffice file's text) are not needed.
    sheetPath = readWorkbook(bytes, false).sheetPath;
  } catch {
    return null;
  }
  let found: number | null = null;
  let done = false;
  const unzip = new Unzip((file) => {
    if (done || file.name !== sheetPath) return;
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
