import type { UndoResult } from '../../dto/records';
import { tableLabel } from '../catalog/tables';
import type { CoreContext } from '../context';
import type { ReadDb, SqlDb } from '../db/sqlite';
import { AppError } from '../errors';

interface AuditEntry {
  id: number;
  entity: string;
  rowId: number | null;
  op: 'insert' | 'update' | 'delete';
  before: string | null;
  after: string | null;
}

interface TableShape {
  columns: string[];
  /** Primary-key columns of a WITHOUT ROWID table; empty for rowid tables. */
  keyColumns: string[];
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function shapeOf(db: ReadDb, table: string, cache: Map<string, TableShape>): TableShape {
  let shape = cache.get(table);
  if (!shape) {
    const info = db.all<{ name: string; pk: number }>(`PRAGMA main.table_info(${quote(table)})`);
    const sql = db.value<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) ?? '';
    const withoutRowid = /WITHOUT\s+ROWID\s*$/i.test(sql.trim());
    shape = {
      columns: info.map((c) => c.name),
      keyColumns: withoutRowid ? info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name) : [],
    };
    cache.set(table, shape);
  }
  return shape;
}

/** WHERE clause naming the row an audit entry is about: its rowid, or its primary key values. */
function rowMatch(shape: TableShape, entry: AuditEntry): { where: string; params: (string | number | null)[] } {
  if (shape.keyColumns.length === 0) return { where: 'rowid = ?', params: [entry.rowId] };
  const image = JSON.parse(entry.after ?? entry.before ?? '{}') as Record<string, string | number | null>;
  return { where: shape.keyColumns.map((c) => `${quote(c)} = ?`).join(' AND '), params: shape.keyColumns.map((c) => image[c] ?? null) };
}

/** The row as the audit triggers would record it now (same json_object, so texts compare). */
function currentImage(db: ReadDb, table: string, shape: TableShape, entry: AuditEntry): string | null {
  const { where, params } = rowMatch(shape, entry);
  const json = `json_object(${shape.columns.map((c) => `'${c}', ${quote(c)}`).join(', ')})`;
  return db.value<string>(`SELECT ${json} FROM main.${quote(table)} WHERE ${where}`, params) ?? null;
}

function inverse(db: SqlDb, table: string, shape: TableShape, entry: AuditEntry): void {
  const t = `main.${quote(table)}`;
  if (entry.op === 'insert') {
    const { where, params } = rowMatch(shape, entry);
    db.run(`DELETE FROM ${t} WHERE ${where}`, params);
    return;
  }
  const before = JSON.parse(entry.before ?? '{}') as Record<string, string | number | null>;
  const columns = shape.columns.filter((c) => c in before);
  if (entry.op === 'delete') {
    db.run(`INSERT INTO ${t} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((c) => before[c] ?? null));
    return;
  }
  const { where, params } = rowMatch(shape, entry);
  db.run(`UPDATE ${t} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where}`, [...columns.map((c) => before[c] ?? null), ...params]);
}

/**
 * The rows (newest entry each) that no longer look as the write left them. A rowid table is
 * compared in one query against the audit rows themselves; row by row, the 100k-row import's
 * undo spent 4.7 s here.
 */
function changedRows(db: ReadDb, latest: AuditEntry[], shapes: Map<string, TableShape>): AuditEntry[] {
  const changed = new Set<AuditEntry>();
  for (const [entity, group] of groupByEntity(latest)) {
    const shape = shapeOf(db, entity, shapes);
    if (shape.keyColumns.length > 0) {
      for (const e of group) if (currentImage(db, entity, shape, e) !== (e.op === 'delete' ? null : e.after)) changed.add(e);
      continue;
    }
    const json = `json_object(${shape.columns.map((c) => `'${c}', r.${quote(c)}`).join(', ')})`;
    const ids = new Set(
      db
        .all<{ id: number }>(
          `SELECT a.id FROM json_each(?) j JOIN main.audit_log a ON a.id = j.value LEFT JOIN main.${quote(entity)} r ON r.rowid = a.row_id
           WHERE (CASE WHEN r.rowid IS NULL THEN NULL ELSE ${json} END) IS NOT (CASE WHEN a.op = 'delete' THEN NULL ELSE a.after END)`,
          [JSON.stringify(group.map((e) => e.id))],
        )
        .map((r) => r.id),
    );
    for (const e of group) if (ids.has(e.id)) changed.add(e);
  }
  return latest.filter((e) => changed.has(e));
}

/**
 * Runs the inverse of every entry, newest first. A run of inserts into one rowid table (an
 * import writes them 5000 at a time) is taken back by one DELETE: row by row, undoing the 100k-row
 * import spent 9.5 s deleting its residents, 4.0 s in one statement.
 */
function invert(db: SqlDb, entries: AuditEntry[], shapes: Map<string, TableShape>): void {
  for (let i = 0; i < entries.length; ) {
    const e = entries[i] as AuditEntry;
    const shape = shapeOf(db, e.entity, shapes);
    let end = i + 1;
    if (e.op === 'insert' && shape.keyColumns.length === 0) {
      while (end < entries.length && entries[end]?.entity === e.entity && entries[end]?.op === 'insert') end++;
    }
    if (end - i > 1) {
      const ids = entries.slice(i, end).map((x) => x.rowId);
      db.run(`DELETE FROM main.${quote(e.entity)} WHERE rowid IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]);
    } else {
      inverse(db, e.entity, shape, e);
    }
    i = end;
  }
}

function groupByEntity(entries: AuditEntry[]): Map<string, AuditEntry[]> {
  const groups = new Map<string, AuditEntry[]>();
  for (const e of entries) {
    const group = groups.get(e.entity);
    if (group) group.push(e);
    else groups.set(e.entity, [e]);
  }
  return groups;
}

interface ForeignKey {
  child: string;
  from: string;
  parent: string;
  /** The parent's column; its primary key when the schema names none. */
  to: string;
}

function foreignKeys(db: ReadDb): ForeignKey[] {
  const keys = db.all<{ child: string; from: string; parent: string; to: string | null; seq: number }>(
    `SELECT m.name AS child, f."from" AS "from", f."table" AS parent, f."to" AS "to", f.seq AS seq
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`,
  );
  if (keys.some((k) => k.seq > 0)) throw new Error('undo checks single-column foreign keys only');
  return keys.map((k) => {
    const to = k.to ?? db.value<string>('SELECT name FROM pragma_table_info(?) WHERE pk = 1', [k.parent]);
    if (!to) throw new Error(`${k.child}.${k.from} refers to ${k.parent}, which has no primary key column`);
    return { ...k, to };
  });
}

/**
 * True when, after the undo, a row points at a missing row. The database was whole before it, so
 * only two things can break it: a row the undo took away or renumbered that something still
 * refers to, and a row the undo put back whose reference has gone since. Both are looked up for
 * the rows of this write only: checking whole tables cost every Ctrl+Z in a roster of 200k
 * residents 0.4 s.
 */
function danglingReferences(db: ReadDb, entries: AuditEntry[], oldest: AuditEntry[]): boolean {
  const images = new Map<string, Record<string, unknown>>();
  const image = (text: string): Record<string, unknown> => {
    let parsed = images.get(text);
    if (!parsed) images.set(text, (parsed = JSON.parse(text) as Record<string, unknown>));
    return parsed;
  };
  const touched = groupByEntity(entries);
  // A row touched twice by the write is put back as its oldest entry had it.
  const restored = groupByEntity(oldest.filter((e) => e.op !== 'insert'));
  const values = (list: Iterable<AuditEntry>, column: string, side: 'before' | 'after'): string => {
    const found = new Set<unknown>();
    for (const e of list) {
      const text = e[side];
      const value = text === null ? null : image(text)[column];
      if (value !== null && value !== undefined) found.add(value);
    }
    return JSON.stringify([...found]);
  };
  return foreignKeys(db).some((fk) => {
    const had = touched.get(fk.parent);
    if (had) {
      const keys = values(had, fk.to, 'after');
      const orphan = `SELECT 1 FROM main.${quote(fk.child)} c WHERE c.${quote(fk.from)} IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM main.${quote(fk.parent)} p WHERE p.${quote(fk.to)} = c.${quote(fk.from)}) LIMIT 1`;
      if (keys !== '[]' && db.value(orphan, [keys]) !== undefined) return true;
    }
    const back = restored.get(fk.child);
    if (!back) return false;
    const refs = values(back, fk.from, 'before');
    const missing = `SELECT 1 FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM main.${quote(fk.parent)} p WHERE p.${quote(fk.to)} = j.value) LIMIT 1`;
    return refs !== '[]' && db.value(missing, [refs]) !== undefined;
  });
}

const OP_WORDS = { insert: '新增', update: '修改', delete: '删除' } as const;

/** "新增 实有人口 2 条、修改 人员 1 条": what a write did, told from its audit rows. */
function describe(entries: AuditEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const key = `${OP_WORDS[e.op]} ${tableLabel(e.entity)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${what} ${n} 条`).join('、');
}

/**
 * Undoes one acknowledged write (one user action: an edit, a paste, an import batch) as a new
 * write that restores every row it touched, from the audit log. Refused, with the reason, when
 * a later write changed one of those rows again: undo never overwrites someone else's edit.
 * Undoing the undo redoes the original.
 */
export function undoWrite(ctx: CoreContext, seq: number): UndoResult {
  const db = ctx.db();
  // The exchange's own history (import batches, refused rows, packages) records what happened; undoing
  // an import restores the street's data and leaves that record standing.
  const entries = db.all<AuditEntry>(
    "SELECT id, entity, row_id AS rowId, op, before, after FROM audit_log WHERE seq = ? AND entity NOT LIKE 'exchange\\_%' ESCAPE '\\' ORDER BY id DESC",
    [seq],
  );
  if (entries.length === 0) throw new AppError('NOT_FOUND', `没有找到第 ${seq} 号修改（可能没有改动任何数据，或数据已从较早的备份恢复）。`);

  const shapes = new Map<string, TableShape>();
  // The newest entry per row says what the row should look like now if nobody touched it since;
  // the oldest, what the undo puts back (entries run newest first).
  const latest = new Map<string, AuditEntry>();
  const oldest = new Map<string, AuditEntry>();
  for (const e of entries) {
    const id = `${e.entity}:${JSON.stringify(rowMatch(shapeOf(db, e.entity, shapes), e).params)}`;
    if (!latest.has(id)) latest.set(id, e);
    oldest.set(id, e);
  }
  const changedSince = changedRows(db, [...latest.values()], shapes);
  if (changedSince.length > 0) {
    const first = changedSince[0];
    throw new AppError(
      'CONFLICT',
      `无法撤销：其中 ${changedSince.length} 条记录（如${tableLabel(first?.entity ?? '')}）在这次修改之后又被改动过。请先撤销之后的修改，或直接修改这些记录。`,
    );
  }
  const result = ctx.write(`history.undo:${seq}`, (w) => {
    // Rows come back in reverse order; a parent may reappear after its child within the write.
    w.run('PRAGMA defer_foreign_keys = ON');
    invert(w, entries, shapes);
    // A later write may have added a record that refers to one this write created (a resident in
    // its new grid). Checked here, before the journal is written: a deferred foreign key failing
    // at COMMIT would leave an entry on disk for a write that never happened.
    if (danglingReferences(w, entries, [...oldest.values()])) {
      throw new AppError('CONFLICT', '无法撤销：之后新增或修改的记录仍引用这次修改中的记录（如其中新增的网格、楼栋或人员）。请先删除或撤销这些后来的记录。');
    }
  });
  return { seq: result.seq, summary: describe(entries), entities: result.entities };
}
