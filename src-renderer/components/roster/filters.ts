import type { FilterModel } from 'ag-grid-community';
import type { ColumnFilter, ColumnInfo } from '../../../src-main/contract';

/**
 * AG Grid's filter models ↔ the roster query's column filters. The grid's own filters (text,
 * number, date) and the enumeration filter of this app are translated both ways: to ask the
 * core for a page, and to put a saved view's filters back on the grid.
 */
type TextOp = Extract<ColumnFilter, { kind: 'text' }>['op'];
const TEXT_OPS: readonly TextOp[] = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'];

interface AgModel {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: string | number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  values?: string[];
}

const day = (value: string | null | undefined): string | null => (value ? value.slice(0, 10) : null);

export function toColumnFilter(model: AgModel): ColumnFilter | null {
  switch (model.filterType) {
    case 'text': {
      const op = TEXT_OPS.find((o) => o === model.type);
      return op ? { kind: 'text', op, value: String(model.filter ?? '') } : null;
    }
    case 'set':
      return { kind: 'set', values: model.values ?? [] };
    case 'number': {
      const a = typeof model.filter === 'number' ? model.filter : null;
      const b = typeof model.filterTo === 'number' ? model.filterTo : null;
      if (model.type === 'equals') return { kind: 'range', from: a, to: a };
      if (model.type === 'greaterThanOrEqual') return { kind: 'range', from: a, to: null };
      if (model.type === 'lessThanOrEqual') return { kind: 'range', from: null, to: a };
      if (model.type === 'inRange') return { kind: 'range', from: a, to: b };
      return null;
    }
    case 'date': {
      const from = day(model.dateFrom);
      const to = day(model.dateTo);
      if (model.type === 'equals') return { kind: 'range', from, to: from };
      if (model.type === 'inRange') return { kind: 'range', from, to };
      return null;
    }
    default:
      return null;
  }
}

export function toColumnFilters(model: FilterModel): Record<string, ColumnFilter> {
  const filters: Record<string, ColumnFilter> = {};
  for (const [column, m] of Object.entries(model)) {
    const f = toColumnFilter(m as AgModel);
    if (f) filters[column] = f;
  }
  return filters;
}

export function toAgModel(filters: Record<string, ColumnFilter>, columns: ColumnInfo[]): FilterModel {
  const model: FilterModel = {};
  for (const [id, f] of Object.entries(filters)) {
    const column = columns.find((c) => c.id === id);
    if (!column) continue;
    if (f.kind === 'text') model[id] = { filterType: 'text', type: f.op, filter: f.value };
    else if (f.kind === 'set') model[id] = { filterType: 'set', values: f.values };
    else if (column.filter === 'date') {
      const from = f.from === null ? null : String(f.from);
      const to = f.to === null ? null : String(f.to);
      model[id] = from !== null && from === to ? { filterType: 'date', type: 'equals', dateFrom: from, dateTo: null } : { filterType: 'date', type: 'inRange', dateFrom: from, dateTo: to };
    } else {
      const from = f.from === null ? null : Number(f.from);
      const to = f.to === null ? null : Number(f.to);
      if (from !== null && from === to) model[id] = { filterType: 'number', type: 'equals', filter: from };
      else if (to === null) model[id] = { filterType: 'number', type: 'greaterThanOrEqual', filter: from };
      else if (from === null) model[id] = { filterType: 'number', type: 'lessThanOrEqual', filter: to };
      else model[id] = { filterType: 'number', type: 'inRange', filter: from, filterTo: to };
    }
  }
  return model;
}
