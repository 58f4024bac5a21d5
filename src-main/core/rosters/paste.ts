import type { EditPlan, RosterQuery } from '../../dto/rosters';
import { entities } from '../catalog/fields';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import type { RosterDef } from './definition';
import { planEdits, type EditInputRow } from './editing';
import { pageIds, rowsByIds } from './query';
import { T } from './texts';

export const MAX_PASTE_ROWS = 5000;

/**
 * Cells of a block copied from Excel, WPS or LibreOffice: tab-separated, one row per line; a cell
 * holding a tab, a line break or a quote comes quoted ("" for a quote). Every cell stays text: an
 * ID is never turned into a number on the way in.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const atCellStart = (): boolean => cell === '' && (i === 0 || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r');
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"' && atCellStart()) {
      const end = quotedEnd(text, i + 1);
      if (end !== -1) {
        cell = text.slice(i + 1, end).replace(/""/g, '"');
        i = end + 1;
        continue;
      }
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The closing quote of a quoted cell (followed by a tab, a line end or the end), or -1. */
function quotedEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] !== '"') continue;
    if (text[j + 1] === '"') {
      j++;
      continue;
    }
    const next = text[j + 1];
    return next === undefined || next === '\t' || next === '\n' || next === '\r' ? j : -1;
  }
  return -1;
}

const isBlankLine = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

/** Headers that name a column: the roster's own and the city template's (they differ for derived names). */
function headerIndex(def: RosterDef): Map<string, string> {
  const index = new Map<string, string>();
  if (def.entity) for (const f of entities[def.entity].fields) index.set(f.header, f.key);
  for (const c of def.columns) index.set(c.header, c.id);
  return index;
}

export interface PasteRequest {
  query: RosterQuery;
  startIndex: number | null;
  columns: string[];
  text: string;
}

/**
 * Lays a pasted block over the roster the way a spreadsheet would: its first line on the row it
 * was pasted at (in the roster's current order), its first cell in the column pasted at, lines
 * past the last row becoming new rows. A first line of headers maps the cells by header instead.
 * Returns the plan an apply would carry out; nothing is written.
 */
export function pastePlan(db: ReadDb, def: RosterDef, request: PasteRequest, today: string): EditPlan {
  const lines = parseTsv(request.text);
  if (lines.length === 0 || lines.every(isBlankLine)) throw new AppError('INVALID_INPUT', T.pasteEmpty);
  const notes: string[] = [];

  let columns: (string | null)[] = request.columns;
  let first = 0;
  const index = headerIndex(def);
  const head = lines[0] ?? [];
  const named = head.filter((c) => c.trim() !== '');
  if (named.length > 0 && named.every((c) => index.has(c.trim())) && named.length >= Math.min(2, head.length)) {
    columns = head.map((c) => index.get(c.trim()) ?? null);
    first = 1;
    notes.push(T.pasteHeader);
  } else if (named.length > 0 && named.length === head.length && head.length > 1) {
    const unknown = named.filter((c) => !index.has(c.trim()));
    // Mostly headers with a few we do not know: say which, rather than read them as a data row.
    if (unknown.length > 0 && unknown.length < named.length / 2) {
      columns = head.map((c) => index.get(c.trim()) ?? null);
      first = 1;
      notes.push(T.pasteHeader, T.pasteUnknownHeaders(unknown));
    }
  }

  const data = lines.slice(first);
  const blank = data.filter(isBlankLine).length;
  if (blank > 0) notes.push(T.pasteBlankLines(blank));
  const width = Math.max(0, ...data.map((l) => l.length));
  if (first === 0 && width > columns.length) notes.push(T.pasteTooWide(width - columns.length));
  if (data.length - blank > MAX_PASTE_ROWS) throw new AppError('INVALID_INPUT', T.pasteTooMany(MAX_PASTE_ROWS));

  const targets =
    request.startIndex === null ? [] : rowsByIds(db, def, pageIds(db, def, request.query, request.startIndex, data.length, today), today, []).map((r) => r.key);
  const rows: EditInputRow[] = [];
  data.forEach((cells, i) => {
    if (isBlankLine(cells)) return;
    const values: Record<string, string> = {};
    columns.forEach((column, j) => {
      if (column !== null && j < cells.length) values[column] = cells[j] ?? '';
    });
    rows.push({ line: i + 1 + first, key: targets[i], values });
  });

  const { plan } = planEdits(db, def, rows, today);
  return { ...plan, notes: [...notes, ...plan.notes] };
}
