import { createHash, randomUUID } from 'node:crypto';
import type { ColumnMappingInput, ImportFileReport, ImportRejection, ImportTotals, PreviewRow, UnrecognisedFile } from '../../../dto/exchange';
import type { AnyRecord, EntityName, ReasonCode } from '../../../dto/records';
import { entities, fieldOf, importOrder, naturalKey, type FieldDef } from '../../catalog/fields';
import { validateRecord, type Problem } from '../../catalog/validate';
import { parseValue, normaliseText } from '../../catalog/values';
import type { ReadDb } from '../../db/sqlite';
import { existsInDb, validationContext } from '../../records';
import { recordsByKey } from '../records';
import { bindColumns, detectTemplate, HEADER_SEARCH_ROWS, type ColumnBinding, type HeaderMatch } from '../read/header';
import { openSheet } from '../read/open';
import { isBlankCell, type CellValue, type SheetRow } from '../read/sheet';
import { asStored, changedFields } from './asStored';
import { texts } from '../texts';
import { breathe } from '../tasks';

/**
 * The dry run of an import (SPEC §2): every row read, validated and compared with the database,
 * nothing written. The plan it returns is what `applyPlan` writes, in one transaction.
 */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
  mapping?: ColumnMappingInput;
}

export interface PlanOptions {
  today: string;
  signal?: AbortSignal;
  /** Rows read / validated so far, for the progress bar. */
  onProgress?: (label: string, done: number, total: number | null) => void;
  /** A source's remembered column mapping, by its header row's texts. */
  remembered?: (signature: string) => { entity: EntityName; columns: Record<string, string> } | null;
  /** Preview rows kept per kind and file (counts are always complete). */
  sampleSize?: number;
}

type Ref = { entity: EntityName | 'person'; key: string };

export interface PlannedRow {
  row: number;
  cells: CellValue[];
  key: string | null;
  record: AnyRecord | null;
  problems: Problem[];
  upgraded: { field: string; from: string; to: string }[];
  /** References satisfied by nothing in the database: the file's own rows must provide them. */
  deferred: Ref[];
  /** An identical row earlier in the import holds the same record: this one adds nothing. */
  repeatOf: number | null;
  outcome: 'insert' | 'update' | 'unchanged' | 'rejected';
  changes: string[];
}

export interface PlannedFile {
  name: string;
  match: HeaderMatch;
  kind: 'xlsx' | 'csv';
  encoding: string | null;
  rows: PlannedRow[];
  notes: string[];
}

export interface ImportPlan {
  id: string;
  files: PlannedFile[];
  unrecognised: UnrecognisedFile[];
  /** Signatures to remember: a person's mapping, applied to the next file with these headers. */
  mappings: { signature: string; entity: EntityName; columns: Record<string, string> }[];
  /** The stored records the accepted rows were compared with, by entity and key. */
  stored: Map<EntityName, Map<string, AnyRecord>>;
}

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

/** Order of reasons when a row has several: the first is the one a report leads with. */
const REASON_ORDER: ReasonCode[] = ['duplicate', 'precision', 'checksum', 'required', 'reference', 'enum', 'format', 'rule'];
const byReason = (a: Problem, b: Problem): number => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason);

const KEY_FIELDS: Record<EntityName, string[]> = {
  community: ['code'],
  grid: ['code'],
  building: ['code'],
  resident: ['idNumber'],
  partyOrg: ['code'],
  partyMember: ['idNumber'],
  staff: ['idNumber', 'role', 'scopeCode'],
  event: ['code'],
};

/** The natural key of a row whose key fields can be read, whatever else is wrong with it. */
function keyOfRaw(entity: EntityName, raw: Record<string, unknown>, today: string): string | null {
  const values: Record<string, unknown> = {};
  for (const key of KEY_FIELDS[entity]) {
    const field = fieldOf(entity, key);
    const value = raw[key];
    if (!field || value === null || value === undefined || (typeof value === 'string' && normaliseText(value) === '')) return null;
    const parsed = parseValue(field, value, today);
    if (!parsed.ok) return null;
    values[key] = parsed.value;
  }
  return naturalKey(entity, values);
}

/** A row's values as a person reads them, for comparing rows and keeping refused ones. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  // A number past 2^53 is shown as Excel shows it: the digits it kept, not the zeros it made up.
  if (typeof value === 'number') return value > Number.MAX_SAFE_INTEGER ? value.toExponential().toUpperCase() : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value;
}

export function rawValues(bindings: readonly ColumnBinding[], cells: readonly CellValue[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const b of bindings) values[b.field.key] = cellText(cells[b.index] ?? null);
  return values;
}

const contentOf = (bindings: readonly ColumnBinding[], cells: readonly CellValue[]): string =>
  bindings
    .filter((b) => !b.field.derived)
    .map((b) => normaliseText(cellText(cells[b.index] ?? null)))
    .join('\u001f');

export const rawHash = (entity: EntityName, values: Record<string, string>): string =>
  createHash('sha256').update(`${entity}\u001e${JSON.stringify(values)}`).digest('hex');

function labelOf(record: AnyRecord | null, key: string | null): string {
  const r = (record ?? {}) as unknown as Record<string, unknown>;
  const name = r.name ?? r.title;
  return typeof name === 'string' ? name : (key ?? '');
}

interface ReadFile {
  name: string;
  kind: 'xlsx' | 'csv';
  encoding: string | null;
  match: HeaderMatch;
  rows: PlannedRow[];
}

/** Reads one file: finds its template and header row, then validates each data row as it streams by. */
async function readFile(
  db: ReadDb,
  source: SourceFile,
  options: PlanOptions,
  exists: (entity: EntityName | 'person', key: string, deferred: Ref[]) => boolean,
  progress: { done: number; total: number | null },
): Promise<ReadFile | UnrecognisedFile> {
  const sheet = openSheet(source.name, source.bytes, options.signal);
  const head: SheetRow[] = [];
  const rows: PlannedRow[] = [];
  let match: HeaderMatch | null = null;
  const ctx = validationContext(db, options.today);

  const validate = (row: SheetRow, m: HeaderMatch): PlannedRow => {
    const raw: Record<string, unknown> = {};
    for (const b of m.columns) {
      const cell = row.cells[b.index] ?? null;
      raw[b.field.key] = isBlankCell(cell) ? null : cell;
    }
    const deferred: Ref[] = [];
    const checked = validateRecord(m.entity, raw, { ...ctx, exists: (entity, key) => exists(entity, key, deferred) });
    return {
      row: row.row,
      cells: row.cells,
      key: checked.ok ? naturalKey(m.entity, checked.record as unknown as Record<string, unknown>) : keyOfRaw(m.entity, raw, options.today),
      record: checked.ok ? (checked.record as AnyRecord) : null,
      problems: checked.ok ? [] : checked.problems,
      upgraded: checked.upgraded,
      deferred,
      repeatOf: null,
      outcome: checked.ok ? 'insert' : 'rejected',
      changes: [],
    };
  };

  const detect = (): HeaderMatch | UnrecognisedFile => {
    if (source.mapping) {
      const headerRow = head.find((r) => r.row === source.mapping?.headerRow);
      if (!headerRow) return { file: source.name, message: texts.headerRowMissing(source.mapping.headerRow), candidates: [], closest: null };
      const bound = bindColumns(source.mapping.entity, headerRow, source.mapping.columns);
      if (bound.missing.length > 0) {
        return { file: source.name, message: texts.missingColumns(entities[source.mapping.entity].title, bound.missing.map((f) => f.header)), candidates: [], closest: null };
      }
      return { entity: source.mapping.entity, headerRow: headerRow.row, columns: bound.columns, unknown: bound.unknown, signature: bound.signature, mapped: true };
    }
    const found = detectTemplate(head, source.name, options.remembered ?? (() => null));
    if (found.ok) return found.match;
    const message = found.closest
      ? texts.missingColumns(entities[found.closest.entity].title, found.closest.missing)
      : texts.notATemplate;
    return { file: source.name, message, candidates: found.candidates, closest: found.closest };
  };

  for await (const row of sheet.rows) {
    if (options.signal?.aborted) throw new ImportCancelled();
    if (!match) {
      if (row.row <= HEADER_SEARCH_ROWS) {
        head.push(row);
        continue;
      }
      const detected = detect();
      if (!('entity' in detected)) return detected;
      match = detected;
      // Data rows below the header: the progress bar's total (blank rows included, a close estimate).
      if (sheet.info.totalRows !== null) progress.total = (progress.total ?? 0) + sheet.info.totalRows - match.headerRow;
      for (const early of head) if (early.row > match.headerRow && !early.cells.every(isBlankCell)) rows.push(validate(early, match));
    }
    if (row.cells.every(isBlankCell)) continue;
    rows.push(validate(row, match));
    progress.done++;
    if (progress.done % 2000 === 0) {
      options.onProgress?.(texts.progressReading(source.name), progress.done, progress.total);
      await breathe();
    }
  }
  if (options.signal?.aborted) throw new ImportCancelled();
  if (!match) {
    const detected = detect();
    if (!('entity' in detected)) return detected;
    match = detected;
    for (const early of head) if (early.row > match.headerRow && !early.cells.every(isBlankCell)) rows.push(validate(early, match));
  }
  return { name: source.name, kind: sheet.info.kind, encoding: sheet.info.encoding ?? null, match, rows };
}

const problemAt = (field: FieldDef, reason: ReasonCode, message: string): Problem => ({ field: field.key, header: field.header, reason, message });

/** SPEC §2: one key on two rows with different content rejects both; identical rows count once. */
function markDuplicates(entity: EntityName, files: ReadFile[]): void {
  const groups = new Map<string, { file: ReadFile; row: PlannedRow; content: string }[]>();
  for (const file of files) {
    for (const row of file.rows) {
      if (row.key === null) continue;
      const group = groups.get(row.key);
      const item = { file, row, content: contentOf(file.match.columns, row.cells) };
      if (group) group.push(item);
      else groups.set(row.key, [item]);
    }
  }
  const keyField = fieldOf(entity, KEY_FIELDS[entity][0] ?? 'code') as FieldDef;
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const first = group[0];
    if (!first) continue;
    if (group.every((g) => g.content === first.content)) {
      for (const g of group.slice(1)) g.row.repeatOf = first.row.row;
      continue;
    }
    const where = group.map((g) => (files.length > 1 ? `${g.file.name} 第 ${g.row.row} 行` : `第 ${g.row.row} 行`)).join('、');
    for (const g of group) {
      g.row.problems.unshift(problemAt(keyField, 'duplicate', texts.duplicate(entities[entity].label, key, where)));
      g.row.record = null;
      g.row.outcome = 'rejected';
    }
  }
}

/**
 * References the database could not satisfy must be rows of this import that are themselves
 * accepted: a grid refused in 网格信息表 cannot hold the residents of 实有人口信息表. Repeats
 * until nothing more falls (a refused grid takes its buildings, which take their residents).
 */
function settleReferences(files: ReadFile[]): void {
  const accepted = (): Map<EntityName | 'person', Set<string>> => {
    const sets = new Map<EntityName | 'person', Set<string>>([['person', new Set()]]);
    for (const file of files) {
      const set = sets.get(file.match.entity) ?? new Set<string>();
      sets.set(file.match.entity, set);
      for (const row of file.rows) {
        if (row.outcome === 'rejected' || row.key === null) continue;
        set.add(row.key);
        if (file.match.entity === 'resident' || file.match.entity === 'partyMember' || file.match.entity === 'staff') {
          sets.get('person')?.add(row.key.split('|')[0] ?? '');
        }
      }
    }
    return sets;
  };
  const rowsByKey = new Map<string, { file: string; row: number }>();
  for (const file of files) for (const row of file.rows) if (row.key !== null) rowsByKey.set(`${file.match.entity}:${row.key}`, { file: file.name, row: row.row });

  const unsatisfied = (entity: EntityName, row: PlannedRow, sets: Map<EntityName | 'person', Set<string>>): Problem[] =>
    row.deferred
      .filter((ref) => !sets.get(ref.entity)?.has(ref.key))
      .map((ref) => {
        const field = referringField(entity, row.record, ref);
        const source = ref.entity === 'person' ? undefined : rowsByKey.get(`${ref.entity}:${ref.key}`);
        return problemAt(field, 'reference', source ? texts.referenceRefused(field.header, ref.key, source.file, source.row) : texts.referenceMissing(field.header, ref.key));
      });

  let changed = true;
  while (changed) {
    changed = false;
    const sets = accepted();
    for (const file of files) {
      for (const row of file.rows) {
        if (row.outcome === 'rejected' || row.deferred.length === 0) continue;
        const missing = unsatisfied(file.match.entity, row, sets);
        if (missing.length === 0) continue;
        row.problems.push(...missing);
        row.record = null;
        row.outcome = 'rejected';
        changed = true;
      }
    }
  }
  // A row refused for another reason is told about its missing references too: one round of fixes.
  const sets = accepted();
  for (const file of files) {
    for (const row of file.rows) {
      if (row.outcome !== 'rejected' || row.deferred.length === 0 || row.problems.some((p) => p.reason === 'reference')) continue;
      row.problems.push(...unsatisfied(file.match.entity, row, sets));
    }
  }
}

/** Which field of a row holds a reference (for the report's column). */
function referringField(entity: EntityName, record: AnyRecord | null, ref: Ref): FieldDef {
  const fields = entities[entity].fields;
  if (ref.entity === 'person') return fields.find((f) => f.key === 'secretaryId') ?? (fields[0] as FieldDef);
  const values = (record ?? {}) as unknown as Record<string, unknown>;
  const candidates = fields.filter((f) => f.refers === ref.entity || (f.key === 'scopeCode' && entity === 'staff'));
  return candidates.find((f) => values[f.key] === ref.key) ?? candidates[0] ?? (fields[0] as FieldDef);
}

/** Compares each accepted record with the stored one: insert, update (which fields) or unchanged. */
function classify(db: ReadDb, entity: EntityName, files: ReadFile[], today: string): Map<string, AnyRecord> {
  const rows = files.flatMap((f) => f.rows).filter((r) => r.outcome !== 'rejected' && r.key !== null && r.repeatOf === null);
  const stored = new Map<string, AnyRecord>();
  for (const [key, s] of recordsByKey(
    db,
    entity,
    rows.map((r) => r.key as string),
  )) {
    stored.set(key, s.record);
  }
  for (const row of rows) {
    const before = stored.get(row.key as string);
    if (!before || !row.record) continue;
    row.changes = changedFields(entity, before, asStored(entity, row.record, today));
    row.outcome = row.changes.length === 0 ? 'unchanged' : 'update';
  }
  for (const file of files) {
    for (const row of file.rows) {
      if (row.repeatOf === null || row.outcome === 'rejected') continue;
      row.outcome = 'unchanged';
    }
  }
  return stored;
}

function notesOf(file: ReadFile): string[] {
  const notes: string[] = [];
  const precision = new Map<string, number>();
  for (const row of file.rows) for (const p of row.problems) if (p.reason === 'precision') precision.set(p.header, (precision.get(p.header) ?? 0) + 1);
  for (const [header, count] of precision) notes.push(texts.precisionColumn(header, count));
  if (file.match.entity === 'resident') {
    const placeless = file.rows.filter((r) => r.record && (r.record as { buildingCode: string | null; room: string | null }).buildingCode && !(r.record as { room: string | null }).room).length;
    if (placeless > 0) notes.push(texts.buildingWithoutRoom(placeless));
  }
  if (file.match.unknown.length > 0) notes.push(texts.unknownColumns(file.match.unknown.map((u) => u.header)));
  return notes;
}

export async function planImport(db: ReadDb, sources: readonly SourceFile[], options: PlanOptions): Promise<ImportPlan> {
  const cache = new Map<string, boolean>();
  const exists = (entity: EntityName | 'person', key: string, deferred: Ref[]): boolean => {
    const id = `${entity}\u001f${key}`;
    let found = cache.get(id);
    if (found === undefined) {
      found = existsInDb(db, entity, key);
      cache.set(id, found);
    }
    if (!found) deferred.push({ entity, key });
    return true;
  };

  const read: ReadFile[] = [];
  const unrecognised: UnrecognisedFile[] = [];
  const progress = { done: 0, total: null as number | null };
  for (const source of sources) {
    const opened = await readFile(db, source, options, exists, progress);
    if ('match' in opened) read.push(opened);
    else unrecognised.push(opened);
  }

  read.sort((a, b) => importOrder.indexOf(a.match.entity) - importOrder.indexOf(b.match.entity));
  for (const entity of importOrder) markDuplicates(entity, read.filter((f) => f.match.entity === entity));
  settleReferences(read);
  const stored = new Map<EntityName, Map<string, AnyRecord>>();
  for (const entity of importOrder) {
    const files = read.filter((f) => f.match.entity === entity);
    if (files.length > 0) stored.set(entity, classify(db, entity, files, options.today));
  }
  for (const file of read) for (const row of file.rows) row.problems.sort(byReason);

  const mapped = new Set(sources.filter((s) => s.mapping).map((s) => s.name));
  const mappings = read
    .filter((f) => mapped.has(f.name))
    .map((f) => ({
      signature: f.match.signature,
      entity: f.match.entity,
      columns: Object.fromEntries(f.match.columns.map((c) => [c.header, c.field.key])),
    }));

  return {
    id: randomUUID(),
    files: read.map((f) => ({ name: f.name, match: f.match, kind: f.kind, encoding: f.encoding, rows: f.rows, notes: notesOf(f) })),
    unrecognised,
    mappings,
    stored,
  };
}

/** The report of a planned file, as the wizard, the CLI and the batch list show it. */
export function reportOf(file: PlannedFile, stored: ImportPlan['stored'], today: string, sampleSize = 200): ImportFileReport {
  const { entity } = file.match;
  const columnOf = (fieldKey: string): string => file.match.columns.find((c) => c.field.key === fieldKey)?.header ?? fieldOf(entity, fieldKey)?.header ?? fieldKey;
  const rejections: ImportRejection[] = [];
  const upgraded = [];
  const samples: ImportFileReport['samples'] = { inserted: [], changed: [], unchanged: [] };
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  let rejected = 0;
  for (const row of file.rows) {
    for (const u of row.upgraded) upgraded.push({ row: row.row, from: u.from, to: u.to });
    if (row.outcome === 'rejected') {
      rejected++;
      for (const p of row.problems) rejections.push({ row: row.row, column: columnOf(p.field), reason: p.reason, message: p.message });
      continue;
    }
    const preview: PreviewRow = { row: row.row, key: row.key ?? '', label: labelOf(row.record, row.key) };
    if (row.outcome === 'insert') {
      inserted++;
      if (samples.inserted.length < sampleSize) samples.inserted.push(preview);
    } else if (row.outcome === 'update') {
      updated++;
      if (samples.changed.length < sampleSize && row.record) {
        const before = (stored.get(entity)?.get(row.key ?? '') ?? {}) as unknown as Record<string, unknown>;
        const after = asStored(entity, row.record, today) as unknown as Record<string, unknown>;
        const changes = row.changes.map((field) => ({ field, header: columnOf(field), before: before[field] ?? null, after: after[field] ?? null }));
        samples.changed.push({ ...preview, changes });
      }
    } else {
      unchanged++;
      if (samples.unchanged.length < sampleSize) samples.unchanged.push(preview);
    }
  }
  return {
    file: file.name,
    template: entities[entity].title,
    entity,
    headerRow: file.match.headerRow,
    kind: file.kind,
    encoding: file.encoding,
    rows: file.rows.length,
    accepted: file.rows.length - rejected,
    rejected,
    inserted,
    updated,
    unchanged,
    rejections,
    upgraded,
    unknownColumns: file.match.unknown.map((u) => u.header),
    notes: file.notes,
    samples,
  };
}

export function totalsOf(reports: readonly ImportFileReport[]): ImportTotals {
  const sum = (k: keyof ImportTotals): number => reports.reduce((n, r) => n + r[k], 0);
  return { rows: sum('rows'), accepted: sum('accepted'), rejected: sum('rejected'), inserted: sum('inserted'), updated: sum('updated'), unchanged: sum('unchanged') };
}
