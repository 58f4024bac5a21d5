import type { EntityName } from '../../../dto/records';
import { entities, importOrder, type FieldDef } from '../../catalog/fields';
import { isBlankCell, type CellValue, type SheetRow } from './sheet';

/** SPEC §2: the header row is row 1 or the first of the first 5 rows that holds every required header. */
export const HEADER_SEARCH_ROWS = 5;

export interface ColumnBinding {
  index: number;
  header: string;
  field: FieldDef;
}

export interface HeaderMatch {
  entity: EntityName;
  headerRow: number;
  columns: ColumnBinding[];
  /** Columns no field of the template claims: reported, then ignored. */
  unknown: { index: number; header: string }[];
  /** The header texts of the row, in order: the source's signature for remembered mappings. */
  signature: string;
  /** True when a remembered or given mapping, not the template's own headers, bound the columns. */
  mapped: boolean;
}

/** {header text as the source writes it: field key} */
export type ColumnMapping = Record<string, string>;

export const headerText = (cell: CellValue): string => (cell === null ? '' : String(cell).replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''));

/** The header texts, trailing empty columns dropped, joined by a separator no header contains. */
export function signatureOf(row: SheetRow): string {
  const headers = row.cells.map(headerText);
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return headers.join('\u001f');
}

const requiredOf = (entity: EntityName): FieldDef[] => entities[entity].fields.filter((f) => f.required && !f.derived);

/** Binds a row's headers to an entity's fields, by the template's headers or a mapping. */
export function bindColumns(entity: EntityName, row: SheetRow, mapping?: ColumnMapping): Omit<HeaderMatch, 'entity' | 'headerRow' | 'mapped'> & { missing: FieldDef[] } {
  const byHeader = new Map(entities[entity].fields.map((f) => [f.header, f]));
  const byKey = new Map(entities[entity].fields.map((f) => [f.key, f]));
  const columns: ColumnBinding[] = [];
  const unknown: { index: number; header: string }[] = [];
  const taken = new Set<string>();
  row.cells.forEach((cell, index) => {
    const header = headerText(cell);
    if (header === '') return;
    const mappedKey = mapping?.[header];
    const field = mapping ? (mappedKey ? byKey.get(mappedKey) : undefined) : byHeader.get(header);
    if (field && !taken.has(field.key)) {
      taken.add(field.key);
      columns.push({ index, header, field });
    } else unknown.push({ index, header });
  });
  const missing = requiredOf(entity).filter((f) => !taken.has(f.key));
  return { columns, unknown, missing, signature: signatureOf(row) };
}

export type Detection =
  | { ok: true; match: HeaderMatch }
  | {
      ok: false;
      /** The first rows as they are, for a person to say which is the header and what each column is. */
      candidates: { row: number; headers: string[] }[];
      /** The template that came closest and the required headers it lacks. */
      closest: { entity: EntityName; headerRow: number; missing: string[] } | null;
    };

/**
 * Finds the header row and the template (SPEC §2). A remembered mapping for a row's exact
 * headers wins; then the first row holding all required headers of a template (the one matching
 * most headers when several qualify, the file name breaking ties).
 */
export function detectTemplate(firstRows: readonly SheetRow[], fileName: string, remembered: (signature: string) => { entity: EntityName; columns: ColumnMapping } | null): Detection {
  const rows = firstRows.filter((r) => r.row <= HEADER_SEARCH_ROWS && !r.cells.every(isBlankCell));
  for (const row of rows) {
    const known = remembered(signatureOf(row));
    if (known) {
      const bound = bindColumns(known.entity, row, known.columns);
      if (bound.missing.length === 0) return { ok: true, match: { entity: known.entity, headerRow: row.row, ...bound, mapped: true } };
    }
  }
  let closest: { entity: EntityName; headerRow: number; missing: string[]; matched: number } | null = null;
  for (const row of rows) {
    const qualified: { entity: EntityName; matched: number }[] = [];
    for (const entity of importOrder) {
      const bound = bindColumns(entity, row);
      if (bound.missing.length === 0) qualified.push({ entity, matched: bound.columns.length });
      else if (bound.columns.length > 0 && (!closest || bound.columns.length > closest.matched)) {
        closest = { entity, headerRow: row.row, missing: bound.missing.map((f) => f.header), matched: bound.columns.length };
      }
    }
    if (qualified.length > 0) {
      const named = (e: EntityName): number => (fileName.includes(entities[e].title) ? 1 : 0);
      qualified.sort((a, b) => b.matched - a.matched || named(b.entity) - named(a.entity));
      const entity = qualified[0]?.entity as EntityName;
      const bound = bindColumns(entity, row);
      return { ok: true, match: { entity, headerRow: row.row, columns: bound.columns, unknown: bound.unknown, signature: bound.signature, mapped: false } };
    }
  }
  return {
    ok: false,
    candidates: rows.map((r) => ({ row: r.row, headers: r.cells.map(headerText) })),
    closest: closest ? { entity: closest.entity, headerRow: closest.headerRow, missing: closest.missing } : null,
  };
}
