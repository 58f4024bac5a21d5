import { Zip } from 'fflate';
import { ZlibZipDeflate } from './zipDeflate';

/**
 * One-sheet xlsx files written as they stream: rows become sheet XML a few hundred kilobytes at
 * a time and go straight into the zip, so memory holds the compressed file and one chunk, never
 * the rows. exceljs' writer kept every distinct string for its shared-strings part (1.4 GB peak
 * for a street's 200k residents); text here is written in the cell (`t="inlineStr"`), as Apache
 * POI's streaming writer does, which Excel, WPS and LibreOffice read as ordinary text cells.
 */
export type XlsxCell = string | number | null;

export interface XlsxColumn {
  header: string;
  /** In characters, as spreadsheets measure columns. */
  width: number;
  /** Formatted as text ('@'), so what a person types into the column stays text too. */
  text: boolean;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  /** A cell past the columns is written without a column of its own. */
  rows: Iterable<readonly XlsxCell[]> | AsyncIterable<readonly XlsxCell[]>;
  /** Rows to come, when known: declared in the sheet, so a reader's progress bar has its total. */
  rowCount?: number;
  creator: string;
  /** The file's creation time (docProps); now when absent. */
  created?: Date;
}

// Styles (cellXfs): 0 general, 1 text, 2 bold (header of a number column), 3 bold text.
const TEXT = 1;
const BOLD = 2;
const BOLD_TEXT = 3;

const CHUNK_CHARS = 256 * 1024;
const encoder = new TextEncoder();

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// Characters XML 1.0 cannot hold (and a carriage return, which XML readers turn into a line feed),
// and a literal "_xHHHH_" a reader would take for an escape: all written as OOXML's own escape
// (_xHHHH_), so a stray control character in the data survives the round trip.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const PLAIN = /^[^\u0000-\u001F&<>_\uD800-\uDFFF\uFFFE\uFFFF]*$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNWRITABLE = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const MARKUP = /[&<>]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function xmlText(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.replace(UNWRITABLE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`).replace(MARKUP, (c) => ENTITY[c] as string);
}

function cellXml(ref: string, value: XlsxCell, style: number): string {
  if (value === null || value === '') return '';
  const s = style === 0 ? '' : ` s="${style}"`;
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const text = xmlText(String(value));
  // Leading or trailing spaces are kept only when the text says so.
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

/** The xlsx file, in memory. */
export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const failed: Error[] = [];
  const zip = new Zip((error, data) => {
    if (error) failed.push(error);
    else {
      chunks.push(data);
      size += data.length;
    }
  });
  const mtime = sheet.created ?? new Date();
  const entry = (name: string): ZlibZipDeflate => {
    const file = new ZlibZipDeflate(name);
    file.mtime = mtime;
    zip.add(file);
    return file;
  };
  const add = (name: string, text: string): void => entry(name).push(encoder.encode(text), true);

  add('[Content_Types].xml', contentTypes);
  add('_rels/.rels', rootRels);
  add('docProps/app.xml', appXml);
  add('docProps/core.xml', coreXml(sheet.creator, mtime));
  add('xl/workbook.xml', workbookXml(sheet.name));
  add('xl/_rels/workbook.xml.rels', workbookRels);
  add('xl/styles.xml', stylesXml);

  const body = entry('xl/worksheets/sheet1.xml');
  let pending = sheetHead(sheet.columns, sheet.rowCount);
  const flush = (last: boolean): void => {
    body.push(encoder.encode(pending), last);
    pending = '';
  };
  const refs = sheet.columns.map((_c, i) => columnName(i));
  const styles = sheet.columns.map((c) => (c.text ? TEXT : 0));
  pending += `<row r="1">${sheet.columns.map((c, i) => cellXml(`${refs[i]}1`, c.header, c.text ? BOLD_TEXT : BOLD)).join('')}</row>`;
  let r = 1;
  for await (const cells of sheet.rows) {
    r++;
    let row = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) row += cellXml(`${refs[i] ?? (refs[i] = columnName(i))}${r}`, cells[i] ?? null, styles[i] ?? 0);
    pending += `${row}</row>`;
    if (pending.length >= CHUNK_CHARS) flush(false);
  }
  pending += '</sheetData></worksheet>';
  flush(true);
  zip.end();
  if (failed[0]) throw failed[0];
  return Buffer.concat(chunks, size);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function sheetHead(columns: readonly XlsxColumn[], rowCount: number | undefined): string {
  const dimension = rowCount === undefined || columns.length === 0 ? '' : `<dimension ref="A1:${columnName(columns.length - 1)}${rowCount + 1}"/>`;
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.text ? ` style="${TEXT}"` : ''}/>`).join('');
  return (
    `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${dimension}` +
    // The header row stays in view while scrolling.
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`
  );
}

const contentTypes =
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const rootRels =
  `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const appXml = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>街道指挥中心</Application></Properties>`;

function coreXml(creator: string, created: Date): string {
  const at = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise). */
function workbookXml(name: string): string {
  const safe = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1';
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(safe).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

const workbookRels =
  `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
  '</Relationships>';

// numFmtId 49 is the built-in text format ('@').
const stylesXml =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
