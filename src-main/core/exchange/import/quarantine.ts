import type { FileDownload, QuarantineResubmitted, QuarantineRow, QuarantineSummary } from '../../../dto/exchange';
import type { EntityName } from '../../../dto/records';
import { entities, importOrder, naturalKey } from '../../catalog/fields';
import { validateRecord, type Problem } from '../../catalog/validate';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { repositories, validationContext } from '../../records';
import { writeTemplateXlsx, type CellOut } from '../export/xlsx';
import { texts } from '../texts';

/**
 * Rows an import refused, kept as the file had them until a person fixes and re-submits them
 * (then they are saved like any edit) or discards them on purpose. Nothing leaves silently.
 */
interface QuarantineDbRow {
  id: number;
  batchId: number;
  entity: EntityName;
  file: string;
  row: number;
  key: string | null;
  raw: string;
  problems: string;
  status: QuarantineRow['status'];
  createdAt: string;
}

const SELECT = `SELECT id, batch_id AS batchId, entity, file, row, record_key AS key, raw, problems, status, created_at AS createdAt FROM exchange_quarantine`;

function toRow(r: QuarantineDbRow): QuarantineRow {
  return {
    id: r.id,
    batchId: r.batchId,
    entity: r.entity,
    template: entities[r.entity].title,
    file: r.file,
    row: r.row,
    key: r.key,
    values: JSON.parse(r.raw) as Record<string, string>,
    problems: JSON.parse(r.problems) as Problem[],
    status: r.status,
    createdAt: r.createdAt,
  };
}

export function listQuarantine(ctx: CoreContext, status: QuarantineRow['status'], entity: EntityName | undefined, limit: number): QuarantineRow[] {
  const rows = entity
    ? ctx.db().all<QuarantineDbRow>(`${SELECT} WHERE status = ? AND entity = ? ORDER BY id LIMIT ?`, [status, entity, limit])
    : ctx.db().all<QuarantineDbRow>(`${SELECT} WHERE status = ? ORDER BY id LIMIT ?`, [status, limit]);
  return rows.map(toRow);
}

export function quarantineSummary(ctx: CoreContext): QuarantineSummary[] {
  const counts = new Map(
    ctx
      .db()
      .all<{ entity: EntityName; n: number }>("SELECT entity, count(*) AS n FROM exchange_quarantine WHERE status = 'open' GROUP BY entity")
      .map((r) => [r.entity, r.n]),
  );
  return importOrder.filter((e) => counts.has(e)).map((e) => ({ entity: e, template: entities[e].title, open: counts.get(e) ?? 0 }));
}

function openRow(ctx: CoreContext, id: number): QuarantineRow {
  const found = ctx.db().get<QuarantineDbRow>(`${SELECT} WHERE id = ?`, [id]);
  if (!found) throw new AppError('NOT_FOUND', texts.quarantineNotFound);
  if (found.status !== 'open') throw new AppError('CONFLICT', texts.quarantineNotOpen);
  return toRow(found);
}

/**
 * Validates the corrected values against the database as it is now and, when they pass, saves the
 * record and settles the row in one write. When they do not, the row stays with the new problems.
 */
export function resubmitQuarantined(ctx: CoreContext, id: number, values: Record<string, string>): QuarantineResubmitted {
  const row = openRow(ctx, id);
  const raw: Record<string, unknown> = { ...row.values, ...values };
  const fields = new Set(entities[row.entity].fields.map((f) => f.key));
  for (const key of Object.keys(raw)) if (!fields.has(key)) delete raw[key];
  const checked = validateRecord(row.entity, raw, validationContext(ctx.db(), ctx.now().slice(0, 10)));
  const now = ctx.now();
  if (!checked.ok) {
    ctx.write('exchange.quarantine.recheck', (db) => {
      db.run('UPDATE exchange_quarantine SET raw = ?, problems = ? WHERE id = ?', [JSON.stringify(raw), JSON.stringify(checked.problems), id]);
    });
    return { saved: false, seq: null, problems: checked.problems };
  }
  const repo = repositories[row.entity] as (typeof repositories)['community'];
  const key = naturalKey(row.entity, checked.record as unknown as Record<string, unknown>);
  const written = ctx.write(`exchange.quarantine.resubmit:${row.entity}`, (db) => {
    repo.write(db, checked.record as never, now);
    db.run(
      "UPDATE exchange_quarantine SET status = 'resolved', record_key = ?, raw = ?, problems = '[]', resolved_at = ?, resolved_seq = (SELECT seq FROM temp.write_context) WHERE id = ?",
      [key, JSON.stringify(raw), now, id],
    );
  });
  return { saved: true, seq: written.seq, problems: [] };
}

/** A person decided these rows are not wanted: they leave the list, recorded as discarded. */
export function discardQuarantined(ctx: CoreContext, ids: readonly number[]): { discarded: number } {
  const now = ctx.now();
  let discarded = 0;
  ctx.write('exchange.quarantine.discard', (db) => {
    for (const id of ids) discarded += db.run("UPDATE exchange_quarantine SET status = 'discarded', resolved_at = ? WHERE id = ? AND status = 'open'", [now, id]);
  });
  return { discarded };
}

/**
 * The open rows of one template as an xlsx: the template's columns as the file had them, then the
 * source file, its row and the reasons. Fixed and imported again, the extra columns are ignored.
 */
export async function downloadQuarantine(ctx: CoreContext, entity: EntityName): Promise<FileDownload> {
  const rows = listQuarantine(ctx, 'open', entity, 1_000_000);
  const def = entities[entity];
  const cells = rows.map((r): CellOut[] => [
    ...def.fields.map((f) => r.values[f.key] ?? null),
    r.problems.map((p) => `[${p.header}] ${p.message}`).join('；'),
    r.file,
    String(r.row),
  ]);
  const bytes = await writeTemplateXlsx(entity, cells, { extraHeaders: [texts.reasonColumn, texts.fileColumn, texts.rowColumn], rowCount: cells.length });
  const stamp = ctx.now().slice(0, 10).replace(/-/g, '');
  return { fileName: `${def.title}-待处理-${stamp}.xlsx`, contentBase64: bytes.toString('base64') };
}
