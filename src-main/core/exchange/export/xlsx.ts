import type { EntityName } from '../../../dto/records';
import { entities, type FieldDef } from '../../catalog/fields';
import { writeXlsx } from '../../xlsxWriter';

/**
 * A template as the city platform defines it (SPEC §2): the fixed Chinese headers in row 1, one
 * record a row. IDs, codes, phones and dates are text cells (a spreadsheet never turns an ID into
 * 1.5E+17 or a date into a serial number); the columns are formatted as text so a person typing
 * into them keeps text too. Written as it streams (xlsxWriter), so 200k rows stay small in memory.
 */
export type CellOut = string | number | null;

/** One record field as a template cell. */
export function cellFor(field: FieldDef, value: unknown): CellOut {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value : String(value);
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'list':
      return Array.isArray(value) ? value.join('、') : String(value);
    default:
      return String(value);
  }
}

const WIDTH: Partial<Record<FieldDef['type'], number>> = { idNumber: 22, code: 22, timestamp: 26, date: 12, phone: 15, geojson: 40 };

const isText = (field: FieldDef): boolean => field.type !== 'number' && field.type !== 'integer';

export interface SheetOptions {
  /** Columns after the template's (a refused row's reason, its row in the source file). */
  extraHeaders?: readonly string[];
}

/** Writes the rows (cells in template order, then the extra columns) as an xlsx, in memory. */
export async function writeTemplateXlsx(
  entity: EntityName,
  rows: Iterable<readonly CellOut[]> | AsyncIterable<readonly CellOut[]>,
  options: SheetOptions & { rowCount?: number } = {},
): Promise<Buffer> {
  const def = entities[entity];
  return writeXlsx({
    name: def.title,
    creator: '街道指挥中心',
    columns: [
      ...def.fields.map((f) => ({ header: f.header, width: WIDTH[f.type] ?? Math.max(10, f.header.length * 2 + 2), text: isText(f) })),
      ...(options.extraHeaders ?? []).map((h) => ({ header: h, width: h.length * 2 + 30, text: true })),
    ],
    rows,
    ...(options.rowCount === undefined ? {} : { rowCount: options.rowCount }),
  });
}

/** A record as the template's row of cells. */
export function rowOf(entity: EntityName, record: Record<string, unknown>): CellOut[] {
  return entities[entity].fields.map((f) => cellFor(f, record[f.key]));
}
