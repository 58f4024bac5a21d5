import type { EntityName } from '../../dto/records';
import type { CellValue, ColumnFilter, ColumnType, RosterName, Scope } from '../../dto/rosters';
import { entities, type FieldDef, type FieldType } from '../catalog/fields';
import type { ReadDb, SqlDb } from '../db/sqlite';
import type { Binder, Condition } from './sql';

/** A table joined to a roster's base table when a column, filter or sort needs it. */
export interface JoinSpec {
  name: string;
  sql: string;
  /** Joins this one's ON clause refers to. */
  needs?: readonly string[];
}

/** One column: what it shows (SQL), how it sorts and filters, whether people may edit it. */
export interface ColumnSpec {
  id: string;
  header: string;
  type: ColumnType;
  values?: readonly string[];
  sql: string;
  needs?: readonly string[];
  /** ORDER BY terms ascending; the roster's rowid is appended as the tie-breaker. False: not sortable. */
  sort?: readonly string[] | false;
  /** A filter that cannot be written on `sql` (a tag list): returns the WHERE fragment. */
  filterSql?: (filter: ColumnFilter, b: Binder) => string | null;
  /** Shown for the column's filter; null: none. Derived from the type when absent. */
  filter?: 'text' | 'set' | 'date' | 'number' | null;
  editable?: boolean;
  required?: boolean;
  width?: number;
  hidden?: boolean;
  pinned?: boolean;
}

/** Reads, checks and writes the records behind a roster's rows. */
export interface RosterEditor {
  /** The stored values of a row's editable columns, or null when there is no such row. */
  read(db: ReadDb, key: string): Record<string, unknown> | null;
  /** The key of the stored record a new row's values name, if any (a pasted row = upsert). */
  keyOf(db: ReadDb, values: Record<string, unknown>): string | null;
  /**
   * Checks the merged values of one row (stored + changed). `given` are the columns the person
   * changed, so a check can tell a stale stored value from a deliberate one.
   */
  check(db: ReadDb, merged: Record<string, unknown>, context: CheckContext): Checked;
  /** Writes a checked record; returns its key. */
  write(db: SqlDb, record: Record<string, unknown>, now: string, existingKey: string | null): string;
}

export interface CheckContext {
  today: string;
  stored: Record<string, unknown> | null;
  given: Record<string, unknown>;
}

export interface CheckProblem {
  column: string;
  message: string;
}

export type Checked =
  | {
      ok: true;
      record: Record<string, unknown>;
      /** The record's key after the write; null when the database assigns it (a new room). */
      key: string | null;
      /** What makes two rows of one edit the same record (they must not both be in it). */
      identity: string;
      notes: string[];
    }
  | { ok: false; problems: CheckProblem[]; notes: string[] };

/**
 * The rows of a roster per area in one query: `sql` returns `grid_id, community_id, n`, a row per
 * grid (community_id NULL) and one per community for rows placed in a community but in no grid.
 */
export interface Tally {
  sql: string;
  /** The tables it reads, grid and community included. */
  tables: readonly string[];
}

export interface SearchPlan {
  walkSort: boolean;
}

export interface RosterDef {
  name: RosterName;
  title: string;
  label: string;
  labelColumn: string;
  /** `resident r`: the table a row is one row of. */
  base: string;
  rowId: string;
  keySql: string;
  /** Joins the key needs. */
  keyNeeds: readonly string[];
  joins: readonly JoinSpec[];
  columns: readonly ColumnSpec[];
  /** The sort when nobody chose one (the rowid is appended). */
  defaultSort: readonly { column: string; desc: boolean }[];
  scope(scope: Scope, b: Binder): Condition | null;
  search(text: string, b: Binder, plan?: SearchPlan): Condition | null;
  /**
   * How a page query should find the search's rows, decided against the data: a term that holds
   * a large share of the roster is tested row by row along the sort's index (walkSort) rather than
   * found by its own index and sorted whole.
   */
  searchPlan?(db: ReadDb, text: string, sortColumn: string | null, offset: number): SearchPlan;
  orgFilter?(orgCode: string, b: Binder): Condition;
  /** How the governance tree counts this roster's rows; held equal to `scope` by a test. */
  tally?: Tally;
  searchHint: string;
  editor: RosterEditor | null;
  canAdd: boolean;
  /** The record kind of the city templates behind the roster, when there is one. */
  entity?: EntityName;
}

const TYPE_OF: Record<FieldType, ColumnType> = {
  text: 'text',
  date: 'date',
  timestamp: 'timestamp',
  enum: 'enum',
  code: 'code',
  idNumber: 'idNumber',
  phone: 'phone',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  list: 'list',
  geojson: 'text',
};

const WIDTH: Record<ColumnType, number> = {
  text: 140,
  code: 180,
  idNumber: 190,
  phone: 130,
  date: 120,
  timestamp: 180,
  enum: 110,
  number: 100,
  integer: 90,
  boolean: 90,
  list: 160,
};

export const YES_NO = ['是', '否'] as const;

export function filterKind(type: ColumnType): ColumnSpec['filter'] {
  switch (type) {
    case 'enum':
    case 'boolean':
      return 'set';
    case 'date':
    case 'timestamp':
      return 'date';
    case 'number':
    case 'integer':
      return 'number';
    default:
      return 'text';
  }
}

/** Wide enough for the header with its sort arrow and filter button (about 14 px a Chinese character). */
export const widthOf = (c: ColumnSpec): number => Math.max(c.width ?? WIDTH[c.type], [...c.header].length * 14 + 80);

/**
 * A column for a field of a city template: header, type, enumeration and requiredness come from
 * the catalog, so the roster, the import and the export spell them the same way.
 */
export function fieldColumn(entity: EntityName, key: string, sql: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  const field: FieldDef | undefined = entities[entity].fields.find((f) => f.key === key);
  if (!field) throw new Error(`${entity} has no field ${key}`);
  const type = TYPE_OF[field.type];
  return {
    id: key,
    header: field.header,
    type,
    ...(field.type === 'boolean' ? { values: YES_NO } : field.values ? { values: field.values } : {}),
    sql,
    editable: !field.derived,
    required: field.required === true,
    ...extra,
  };
}

/** A column computed from other records (a count, the name behind a code): never edited. */
export function derivedColumn(id: string, header: string, type: ColumnType, sql: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { id, header, type, sql, editable: false, ...extra };
}

/** A stored value as a grid cell shows it: lists joined by 、, booleans as 是/否. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' || typeof value === 'string') return value === '' ? null : value;
  return String(value);
}
