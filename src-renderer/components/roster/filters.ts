import type { ColumnFilter } from '../../../src-main/contract';

/**
 * What a roster's own column filters (text, number, date) ask the core for, from what the person
 * typed in them. An empty box filters nothing.
 */
export type TextOp = Extract<ColumnFilter, { kind: 'text' }>['op'];

export const TEXT_OPS: readonly { op: TextOp; label: string }[] = [
  { op: 'contains', label: '包含' },
  { op: 'notContains', label: '不包含' },
  { op: 'equals', label: '等于' },
  { op: 'notEqual', label: '不等于' },
  { op: 'startsWith', label: '开头是' },
  { op: 'endsWith', label: '结尾是' },
  { op: 'blank', label: '为空' },
  { op: 'notBlank', label: '不为空' },
];

/** Whether the operation reads the typed value (为空 / 不为空 do not). */
export const takesValue = (op: TextOp): boolean => op !== 'blank' && op !== 'notBlank';

export function textFilterOf(op: TextOp, typed: string): ColumnFilter | null {
  if (!takesValue(op)) return { kind: 'text', op, value: '' };
  const value = typed.trim();
  return value === '' ? null : { kind: 'text', op, value };
}

export type RangeKind = 'number' | 'date';

function bound(kind: RangeKind, typed: string): string | number | null {
  const value = typed.trim();
  if (value === '') return null;
  if (kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** From and to, both included; given the wrong way round, they are swapped. */
export function rangeFilterOf(kind: RangeKind, typedFrom: string, typedTo: string): ColumnFilter | null {
  const from = bound(kind, typedFrom);
  const to = bound(kind, typedTo);
  if (from === null && to === null) return null;
  if (from !== null && to !== null && from > to) return { kind: 'range', from: to, to: from };
  return { kind: 'range', from, to };
}

const SET_SHOWN = 3;

/** A column filter in words, as the status line lists it: 开头是“张”, 流动人口、境外人员, 1980-01-01 至 1989-12-31. */
export function describeFilter(filter: ColumnFilter): string {
  if (filter.kind === 'text') {
    const label = TEXT_OPS.find((o) => o.op === filter.op)?.label ?? filter.op;
    return takesValue(filter.op) ? `${label}“${filter.value}”` : label;
  }
  if (filter.kind === 'set') {
    const shown = filter.values.slice(0, SET_SHOWN).join('、');
    return filter.values.length > SET_SHOWN ? `${shown}等 ${filter.values.length} 项` : shown;
  }
  if (filter.from !== null && filter.to !== null) return filter.from === filter.to ? `${filter.from}` : `${filter.from} 至 ${filter.to}`;
  return filter.from !== null ? `≥ ${filter.from}` : `≤ ${filter.to}`;
}
