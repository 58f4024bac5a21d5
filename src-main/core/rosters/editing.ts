import type { FieldProblem } from '../../dto/result';
import type { CellChange, EditAction, EditPlan, EditResult, PlanKind, PlannedRow, RowProblem } from '../../dto/rosters';
import type { CoreContext } from '../context';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import { toCell, type ColumnSpec, type RosterDef, type RosterEditor } from './definition';
import { withDeferredSearchIndex } from './searchIndex';
import { T } from './texts';

export type GivenValues = Record<string, string | number | boolean | null>;

export interface EditInputRow {
  line: number;
  key?: string | undefined;
  values: GivenValues;
}

interface InternalRow {
  planned: PlannedRow;
  record: Record<string, unknown> | null;
  /** Which record the row is (two rows of one edit must not be the same one). */
  identity: string | null;
}

export interface InternalPlan {
  plan: EditPlan;
  rows: InternalRow[];
}

const same = (a: unknown, b: unknown): boolean => toCell(a) === toCell(b) || String(toCell(a) ?? '') === String(toCell(b) ?? '');

function editorOf(def: RosterDef): RosterEditor {
  if (!def.editor) throw new AppError('INVALID_INPUT', T.notEditable(def.title));
  return def.editor;
}

/**
 * What an edit would do, row by row, without doing it: the rows it adds and changes (each change
 * with its value before and after), the rows that stay the same, and the rows that are invalid
 * with every problem in Chinese. A preview shows this; `applyEdits` writes exactly it.
 */
export function planEdits(db: ReadDb, def: RosterDef, input: readonly EditInputRow[], today: string): InternalPlan {
  const editor = editorOf(def);
  const columns = new Map(def.columns.map((c) => [c.id, c]));
  const editable = def.columns.filter((c) => c.editable === true);
  const ignored = new Set<string>();
  const rows: InternalRow[] = [];

  for (const row of input) {
    const problems: RowProblem[] = [];
    const given: GivenValues = {};
    for (const [id, value] of Object.entries(row.values)) {
      const column = columns.get(id);
      if (!column) problems.push({ column: id, header: id, message: T.unknownColumn(id) });
      else if (column.editable !== true) ignored.add(column.header);
      else given[id] = typeof value === 'string' ? value.trim() : value;
    }

    let key = row.key ?? null;
    let stored: Record<string, unknown> | null = null;
    if (key !== null) {
      stored = editor.read(db, key);
      if (!stored) problems.push({ column: def.labelColumn, header: columns.get(def.labelColumn)?.header ?? '', message: T.gone(def.label) });
    } else {
      if (!def.canAdd) problems.push({ column: def.labelColumn, header: '', message: T.cannotAdd(def.title) });
      key = editor.keyOf(db, given);
      if (key !== null) stored = editor.read(db, key);
    }

    const merged: Record<string, unknown> = { ...(stored ?? {}) };
    // Gender and birth date are read off the ID number: a corrected number brings its own.
    if (stored && 'idNumber' in given && !same(given.idNumber, stored.idNumber)) {
      if (!('gender' in given)) delete merged.gender;
      if (!('birthDate' in given)) delete merged.birthDate;
    }
    Object.assign(merged, given);

    let record: Record<string, unknown> | null = null;
    let notes: string[] = [];
    let identity: string | null = null;
    if (problems.length === 0) {
      const checked = editor.check(db, merged, { today, stored, given });
      notes = checked.notes;
      if (!checked.ok) {
        for (const p of checked.problems) problems.push({ column: p.column, header: columns.get(p.column)?.header ?? p.column, message: p.message });
      } else {
        record = checked.record;
        identity = checked.identity;
        if (stored && key !== null && checked.key !== null && checked.key !== key && editor.read(db, checked.key)) {
          const keyColumn = editable.find((c) => !same(stored?.[c.id], checked.record[c.id])) ?? editable[0];
          problems.push({ column: keyColumn?.id ?? '', header: keyColumn?.header ?? '', message: T.keyTaken(def.label, checked.key) });
        }
      }
    }

    const changes: CellChange[] = [];
    if (record) {
      for (const c of editable) {
        if (!same(stored?.[c.id], record[c.id])) changes.push({ column: c.id, header: c.header, before: toCell(stored?.[c.id]), after: toCell(record[c.id]) });
      }
    }
    const kind: PlanKind = problems.length > 0 ? 'invalid' : !stored ? 'add' : changes.length > 0 ? 'change' : 'same';
    const label = toCell(record?.[def.labelColumn] ?? stored?.[def.labelColumn] ?? given[def.labelColumn]);
    rows.push({
      planned: {
        line: row.line,
        kind,
        key: stored ? key : null,
        label: label === null ? '' : String(label),
        changes,
        problems,
        notes,
        values: given,
      },
      record: problems.length > 0 ? null : record,
      identity,
    });
  }

  // One record twice in one edit: which row is right is a person's call (SPEC §2 duplicate).
  const seen = new Map<string, InternalRow>();
  for (const row of rows) {
    if (row.identity === null) continue;
    const first = seen.get(row.identity);
    if (!first) {
      seen.set(row.identity, row);
      continue;
    }
    for (const [a, b] of [
      [row, first],
      [first, row],
    ] as const) {
      a.planned.problems.push({ column: def.labelColumn, header: columns.get(def.labelColumn)?.header ?? '', message: T.duplicateRow(b.planned.line) });
      a.planned.kind = 'invalid';
      a.record = null;
    }
  }

  const counts: Record<PlanKind, number> = { add: 0, change: 0, same: 0, invalid: 0 };
  for (const r of rows) counts[r.planned.kind]++;
  const notes = ignored.size > 0 ? [T.ignoredColumns([...ignored])] : [];
  return { plan: { roster: def.name, rows: rows.map((r) => r.planned), counts, notes }, rows };
}

function summaryOf(def: RosterDef, action: EditAction, plan: EditPlan, headers: (c: string) => string): string {
  const touched = plan.rows.filter((r) => r.kind === 'add' || r.kind === 'change');
  const { add, change } = plan.counts;
  const only = touched.length === 1 ? touched[0] : undefined;
  if (action === 'paste') return T.summaryPaste(def.label, add, change);
  if (action === 'bulk') {
    // What the person set, not what followed from it (a grid move clearing a building).
    const columns = [...new Set(touched.flatMap((r) => Object.keys(r.values).map(headers)))];
    return T.summaryBulk(def.label, touched.length, columns);
  }
  if (only?.kind === 'add') return T.summaryAdd(def.label, only.label);
  if (only && only.changes.length === 1 && only.changes[0]) return T.summaryCell(def.label, only.label, only.changes[0].header);
  if (only) return T.summaryRow(def.label, only.label);
  return T.summaryPaste(def.label, add, change);
}

/** Problems of an invalid plan as the VALIDATION error carries them: row, column and reason. */
function refusal(def: RosterDef, plan: EditPlan, single: boolean): AppError {
  const invalid = plan.rows.filter((r) => r.kind === 'invalid');
  const problems: FieldProblem[] = invalid.flatMap((r) => r.problems.map((p) => ({ row: r.line, field: p.column, reason: 'rule', message: p.message })));
  const first = invalid
    .slice(0, 3)
    .flatMap((r) => r.problems.slice(0, 2).map((p) => (single ? p.message : T.rowProblem(r.line, p.header, p.message))));
  const message = single ? first.join('；') : T.refused(invalid.length, first);
  return new AppError('VALIDATION', message, problems);
}

/**
 * Applies an edit as one write: one transaction, one journal entry, one audit `seq`, so one paste
 * or one bulk edit is one step for undo. Nothing is written when any row is invalid: the person
 * fixes or removes those rows first (the preview shows them).
 */
export function applyEdits(ctx: CoreContext, def: RosterDef, action: EditAction, input: readonly EditInputRow[]): EditResult {
  const editor = editorOf(def);
  const today = ctx.now().slice(0, 10);
  const { plan, rows } = planEdits(ctx.db(), def, input, today);
  if (plan.counts.invalid > 0) throw refusal(def, plan, input.length === 1);
  const header = (id: string): string => def.columns.find((c: ColumnSpec) => c.id === id)?.header ?? id;
  const notes = plan.rows.flatMap((r) => r.notes.map((n) => (plan.rows.length > 1 ? `${r.label}：${n}` : n)));
  const todo = rows.filter((r) => (r.planned.kind === 'add' || r.planned.kind === 'change') && r.record !== null);
  if (todo.length === 0) {
    return { seq: 0, added: 0, changed: 0, summary: T.nothingChanged, notes, keys: rows.map((r) => r.planned.key ?? '') };
  }
  const now = ctx.now();
  const written = ctx.write(`roster.${action}:${def.name}`, (w) => {
    const writeAll = (): string[] =>
      rows.map((r) => (r.record && (r.planned.kind === 'add' || r.planned.kind === 'change') ? editor.write(w, r.record, now, r.planned.key) : (r.planned.key ?? '')));
    // A single edit indexes its row at once; a pasted block or a bulk edit defers to one statement.
    return todo.length > 1 ? withDeferredSearchIndex(w, writeAll) : writeAll();
  });
  return {
    seq: written.seq,
    added: plan.counts.add,
    changed: plan.counts.change,
    summary: summaryOf(def, action, plan, header),
    notes,
    keys: written.value,
  };
}
