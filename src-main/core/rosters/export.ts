import type { CellValue, ExportFile, RosterQuery, RosterRow } from '../../dto/rosters';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import { writeXlsx, type XlsxCell } from '../xlsxWriter';
import type { ColumnSpec, RosterDef } from './definition';
import { columnOf, countRows, pageIds, rowsByIds } from './query';
import { T } from './texts';

/** Excel's sheet holds 1,048,576 rows; one less for the header. */
export const MAX_EXPORT_ROWS = 1_048_575;
const CHUNK = 2000;

/** Columns whose digits are identifiers: kept as text so no spreadsheet turns them into numbers. */
const TEXT_DIGITS = new Set(['code', 'idNumber', 'phone']);
const isNumeric = (c: ColumnSpec): boolean => c.type === 'number' || c.type === 'integer';

export interface ExportProgress {
  (done: number, total: number): void;
}

/** Every row of the query in its order, read a chunk at a time. */
function* exportRows(db: ReadDb, def: RosterDef, q: RosterQuery, columns: ColumnSpec[], today: string): Generator<RosterRow[]> {
  const ids = pageIds(db, def, q, 0, MAX_EXPORT_ROWS, today);
  for (let i = 0; i < ids.length; i += CHUNK) yield rowsByIds(db, def, ids.slice(i, i + CHUNK), today, columns);
}

const stamp = (now: string): string => `${now.slice(0, 10).replace(/-/g, '')}-${now.slice(11, 16).replace(':', '')}`;

/**
 * An xlsx of the current view. Every non-numeric cell is a string cell formatted as text ('@'):
 * Excel, WPS and LibreOffice then show an ID as typed, keep an X check character and the leading
 * zeros of a code, and never round an 18-digit number to 15 significant digits.
 */
async function toXlsx(def: RosterDef, columns: ColumnSpec[], chunks: Iterable<RosterRow[]>, total: number, progress: (rows: number) => void): Promise<Buffer> {
  function* rows(): Generator<XlsxCell[]> {
    let written = 0;
    for (const chunk of chunks) {
      for (const r of chunk) yield columns.map((c) => cellFor(c, r[c.id] ?? null));
      written += chunk.length;
      progress(written);
    }
  }
  return writeXlsx({
    name: def.title,
    creator: '街道指挥中心',
    columns: columns.map((c) => ({ header: c.header, width: Math.max(8, Math.round((c.width ?? 120) / 7)), text: !isNumeric(c) })),
    rows: rows(),
    rowCount: total,
  });
}

function cellFor(c: ColumnSpec, value: CellValue): string | number | null {
  if (value === null) return null;
  if (isNumeric(c)) return typeof value === 'number' ? value : Number(value);
  return String(value);
}

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV in UTF-8 with a BOM, which Excel and WPS on Chinese Windows need to read it as UTF-8. Excel
 * turns a long digit string in a CSV into a rounded number on opening; a leading tab keeps it text
 * there, and every reader of this app and of the city platform trims it away (SPEC §1).
 */
function toCsv(columns: ColumnSpec[], chunks: Iterable<RosterRow[]>, progress: (rows: number) => void): Buffer {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  let rows = 0;
  for (const chunk of chunks) {
    for (const r of chunk) {
      lines.push(
        columns
          .map((c) => {
            const v = r[c.id];
            if (v === null || v === undefined) return '';
            const text = String(v);
            return csvField(TEXT_DIGITS.has(c.type) && /^\d/.test(text) ? `\t${text}` : text);
          })
          .join(','),
      );
    }
    rows += chunk.length;
    progress(rows);
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function exportView(
  db: ReadDb,
  def: RosterDef,
  request: { query: RosterQuery; columns: string[]; format: 'xlsx' | 'csv' },
  now: string,
  progress: ExportProgress,
): Promise<ExportFile> {
  const today = now.slice(0, 10);
  const columns = request.columns.map((id) => columnOf(def, id));
  const total = countRows(db, def, request.query, today);
  if (total > MAX_EXPORT_ROWS) throw new AppError('INVALID_INPUT', T.exportTooLarge(total, MAX_EXPORT_ROWS));
  const report = (rows: number): void => progress(rows, total);
  const chunks = exportRows(db, def, request.query, columns, today);
  const fileName = `${def.title}_${stamp(now)}.${request.format}`;
  if (request.format === 'csv') {
    const bytes = toCsv(columns, chunks, report);
    return { fileName, mime: 'text/csv;charset=utf-8', base64: bytes.toString('base64'), rows: total };
  }
  const bytes = await toXlsx(def, columns, chunks, total, report);
  return { fileName, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64'), rows: total };
}
