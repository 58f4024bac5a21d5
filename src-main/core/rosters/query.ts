import type { ColumnFilter, RosterPage, RosterQuery, RosterRow } from '../../dto/rosters';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import { filterKind, type ColumnSpec, type RosterDef, type SearchPlan } from './definition';
import { Binder, prefixRange, type Condition } from './sql';
import { searchText } from './search';

/** The joins a set of names needs, with their own dependencies, in the roster's join order. */
function joinClause(def: RosterDef, names: Iterable<string>): string {
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name)) return;
    const join = def.joins.find((j) => j.name === name);
    if (!join) throw new Error(`${def.name}: unknown join ${name}`);
    wanted.add(name);
    for (const n of join.needs ?? []) add(n);
  };
  for (const n of names) add(n);
  return def.joins
    .filter((j) => wanted.has(j.name))
    .map((j) => j.sql)
    .join(' ');
}

export function columnOf(def: RosterDef, id: string): ColumnSpec {
  const column = def.columns.find((c) => c.id === id);
  if (!column) throw new AppError('INVALID_INPUT', `${def.title}没有“${id}”这一列。`);
  return column;
}

function textFilter(expr: string, op: Extract<ColumnFilter, { kind: 'text' }>['op'], value: string, b: Binder, caseless: boolean): string {
  const e = caseless ? `lower(${expr})` : expr;
  const v = (): string => b.bind(caseless ? value.toLowerCase() : value);
  switch (op) {
    case 'contains':
      return `instr(${e}, ${v()}) > 0`;
    case 'notContains':
      return `(${expr} IS NULL OR instr(${e}, ${v()}) = 0)`;
    case 'equals':
      return `${e} = ${v()}`;
    case 'notEqual':
      return `(${expr} IS NULL OR ${e} <> ${v()})`;
    case 'startsWith': {
      const p = v();
      return caseless ? `substr(${e}, 1, length(${p})) = ${p}` : prefixRange(expr, p);
    }
    case 'endsWith': {
      const p = v();
      return `substr(${e}, -length(${p})) = ${p}`;
    }
    case 'blank':
      return `(${expr} IS NULL OR ${expr} = '')`;
    case 'notBlank':
      return `(${expr} IS NOT NULL AND ${expr} <> '')`;
  }
}

/**
 * `rows`: the condition of a page query. An enumeration has a handful of values, each matching a
 * large share of the street: walking its index and sorting what it finds (150k 常住人口 by birth
 * date) is far slower than walking the sort's index and testing each row, so a page query keeps
 * the planner off it (the unary + makes the column unindexable). A count still uses it.
 */
function filterCondition(column: ColumnSpec, filter: ColumnFilter, b: Binder, rows: boolean): string | null {
  const custom = column.filterSql?.(filter, b);
  if (custom !== undefined && custom !== null) return custom;
  const kind = column.filter === undefined ? filterKind(column.type) : column.filter;
  if (kind === null) throw new AppError('INVALID_INPUT', `“${column.header}”列不能筛选。`);
  switch (filter.kind) {
    case 'text': {
      const value = searchText(filter.value);
      if (value === '' && filter.op !== 'blank' && filter.op !== 'notBlank') return null;
      // Free text with Latin letters matches either case; Chinese text, codes and ID numbers (an X
      // check character) compare as they are, which lets a prefix walk an index.
      const caseless = (column.type === 'text' || column.type === 'list') && /[A-Za-z]/.test(value);
      return textFilter(column.sql, filter.op, column.type === 'idNumber' ? value.toUpperCase() : value, b, caseless);
    }
    case 'set':
      return filter.values.length === 0 ? '0' : `${rows ? `+(${column.sql})` : column.sql} IN (${filter.values.map((v) => b.bind(v)).join(', ')})`;
    case 'range': {
      const parts: string[] = [];
      if (filter.from !== null && filter.from !== '') parts.push(`${column.sql} >= ${b.bind(filter.from)}`);
      // A date range ends on the last day given, whatever the time of day a timestamp holds.
      if (filter.to !== null && filter.to !== '') parts.push(column.type === 'timestamp' ? `substr(${column.sql}, 1, 10) <= ${b.bind(filter.to)}` : `${column.sql} <= ${b.bind(filter.to)}`);
      return parts.length > 0 ? parts.join(' AND ') : null;
    }
  }
}

export interface BuiltWhere {
  where: string;
  needs: Set<string>;
}

/** Scope, organisation, column filters and the quick search of a query, as one WHERE clause. */
export function buildWhere(def: RosterDef, q: RosterQuery, b: Binder, purpose: 'rows' | 'count' = 'count', plan?: SearchPlan): BuiltWhere {
  const conditions: Condition[] = [];
  const scope = def.scope(q.scope, b);
  if (scope) conditions.push(scope);
  if (q.orgCode) {
    if (!def.orgFilter) throw new AppError('INVALID_INPUT', `${def.title}不能按党组织筛选。`);
    conditions.push(def.orgFilter(q.orgCode, b));
  }
  for (const [id, filter] of Object.entries(q.filters)) {
    const column = columnOf(def, id);
    const sql = filterCondition(column, filter, b, purpose === 'rows');
    if (sql) conditions.push({ sql, needs: column.needs ?? [] });
  }
  const text = searchText(q.search);
  if (text) {
    const search = def.search(text, b, plan);
    if (search) conditions.push(search);
  }
  const needs = new Set(conditions.flatMap((c) => c.needs));
  return { where: conditions.length > 0 ? `WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}` : '', needs };
}

/** ORDER BY for the chosen sort, ending in the rowid so equal values keep one order across pages. */
export function buildOrder(def: RosterDef, sort: RosterQuery['sort']): { sql: string; needs: Set<string> } {
  const terms: string[] = [];
  const needs = new Set<string>();
  const chosen = sort.length > 0 ? sort : def.defaultSort;
  for (const s of chosen) {
    const column = columnOf(def, s.column);
    if (column.sort === false) throw new AppError('INVALID_INPUT', `“${column.header}”列不能排序。`);
    for (const term of column.sort ?? [column.sql]) terms.push(`${term} ${s.desc ? 'DESC' : 'ASC'}`);
    for (const n of column.needs ?? []) needs.add(n);
  }
  // The tie-breaker runs the same way as the last term, so an index on (value, rowid) serves both.
  const last = chosen.at(-1);
  terms.push(`${def.rowId} ${last?.desc ? 'DESC' : 'ASC'}`);
  return { sql: terms.join(', '), needs };
}

/** Columns relative to today (党龄) use `$today`: bound only where the statement has it. */
function withToday<P extends Record<string, unknown>>(sql: string, params: P, today: string): P & { $today?: string } {
  return sql.includes('$today') ? { ...params, $today: today } : params;
}

function selectList(def: RosterDef, columns: readonly ColumnSpec[]): string {
  return [`${def.rowId} AS "_rowId"`, `${def.keySql} AS "key"`, ...columns.map((c) => `${c.sql} AS "${c.id}"`)].join(', ');
}

/** Full rows for the given row ids, in that order (one statement, whatever the page size). */
export function rowsByIds(db: ReadDb, def: RosterDef, ids: number[], today: string, columns: readonly ColumnSpec[] = def.columns): RosterRow[] {
  if (ids.length === 0) return [];
  const needs = new Set<string>([...def.keyNeeds, ...columns.flatMap((c) => c.needs ?? [])]);
  const sql = `SELECT ${selectList(def, columns)} FROM ${def.base} ${joinClause(def, needs)} WHERE ${def.rowId} IN (SELECT value FROM json_each($ids))`;
  const rows = db.all<RosterRow & { _rowId: number }>(sql, withToday(sql, { $ids: JSON.stringify(ids) }, today));
  const byId = new Map(rows.map((r) => [r._rowId, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { _rowId: _ignored, ...rest } = row;
    return [rest as RosterRow];
  });
}

/** Row ids of one page of the query, in its order: only the joins the filters and sort need. */
export function pageIds(db: ReadDb, def: RosterDef, q: RosterQuery, offset: number, limit: number, today: string): number[] {
  const b = new Binder();
  const sortColumn = (q.sort.length > 0 ? q.sort : def.defaultSort)[0]?.column ?? null;
  const text = searchText(q.search);
  const plan = text ? def.searchPlan?.(db, text, sortColumn, offset) : undefined;
  const { where, needs } = buildWhere(def, q, b, 'rows', plan);
  const order = buildOrder(def, q.sort);
  const joins = joinClause(def, [...needs, ...order.needs]);
  const sql = `SELECT ${def.rowId} AS id FROM ${def.base} ${joins} ${where} ORDER BY ${order.sql} LIMIT ${b.bind(limit)} OFFSET ${b.bind(offset)}`;
  return db.all<{ id: number }>(sql, withToday(sql, b.params, today)).map((r) => r.id);
}

export function countRows(db: ReadDb, def: RosterDef, q: RosterQuery, today: string): number {
  const b = new Binder();
  const { where, needs } = buildWhere(def, q, b);
  const sql = `SELECT count(*) FROM ${def.base} ${joinClause(def, needs)} ${where}`;
  return db.value<number>(sql, withToday(sql, b.params, today)) ?? 0;
}

/**
 * One page of a roster. The page is found first by row id with only the joins its filters and
 * sort need, then its rows are read whole: skipped rows (a deep offset) never pay for the joins
 * of columns they do not show.
 */
export function rosterPage(db: ReadDb, def: RosterDef, q: RosterQuery, page: { offset: number; limit: number; withTotal: boolean; today: string }): RosterPage {
  const rows = rowsByIds(db, def, pageIds(db, def, q, page.offset, page.limit, page.today), page.today);
  return { rows, total: page.withTotal ? countRows(db, def, q, page.today) : null };
}
