import type { AuditRow } from '../../dto/audit';
import { tableLabel } from '../catalog/tables';
import type { ReadDb } from '../db/sqlite';

interface AuditRecord {
  id: number;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  rowId: number | null;
  op: AuditRow['op'];
  before: string | null;
  after: string | null;
}

/** Newest first; page backwards with `beforeId`. */
export function listAudit(db: ReadDb, filter: { entity?: string; rowId?: number; beforeId?: number; limit: number }): AuditRow[] {
  const rows = db.all<AuditRecord>(
    `SELECT id, seq, at, actor, action, entity, row_id AS rowId, op, before, after FROM audit_log
     WHERE ($entity IS NULL OR entity = $entity) AND ($rowId IS NULL OR row_id = $rowId) AND ($before IS NULL OR id < $before)
     ORDER BY id DESC LIMIT $limit`,
    { $entity: filter.entity ?? null, $rowId: filter.rowId ?? null, $before: filter.beforeId ?? null, $limit: filter.limit },
  );
  return rows.map((r) => ({
    ...r,
    entityLabel: tableLabel(r.entity),
    before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
  }));
}
