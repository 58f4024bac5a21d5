import type { ImportApplied } from '../../../dto/exchange';
import type { AnyRecord, EntityName, PartyOrgRecord } from '../../../dto/records';
import { importOrder } from '../../catalog/fields';
import type { CoreContext } from '../../context';
import type { SqlDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { log } from '../../log';
import { repositories } from '../../records';
import { withDeferredSearchIndex } from '../../rosters/searchIndex';
import { texts } from '../texts';
import type { TaskHooks } from '../tasks';
import { rawHash, rawValues, reportOf, totalsOf, type ImportPlan } from './plan';

type Writes = { entity: EntityName; record: AnyRecord }[];

/** Records per progress report, and per `writeMany` call (its JSON parameters stay a few MB). */
const CHUNK = 5000;

/** Parents before children, so every 上级党组织 exists when its child is written. */
export function parentsFirst(orgs: PartyOrgRecord[]): PartyOrgRecord[] {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: PartyOrgRecord[] = [];
  const visit = (org: PartyOrgRecord, path: string[]): void => {
    if (done.has(org.code)) return;
    if (visiting.has(org.code)) throw new AppError('VALIDATION', texts.partyOrgCycle([...path, org.code]));
    visiting.add(org.code);
    const parent = org.parentCode ? byCode.get(org.parentCode) : undefined;
    if (parent) visit(parent, [...path, org.code]);
    visiting.delete(org.code);
    done.add(org.code);
    ordered.push(org);
  };
  for (const org of orgs) visit(org, []);
  return ordered;
}

/**
 * Writes records of several kinds as one import would: dependency order, parents before
 * children, and 党组织 written again once the people their 书记 refers to exist (a secretary may
 * arrive in the members' file, which itself needs the organisations first).
 */
export function writeRecords(db: SqlDb, writes: Writes, now: string, onProgress?: (done: number) => void): void {
  withDeferredSearchIndex(db, () => writeInOrder(db, writes, now, onProgress));
}

function writeInOrder(db: SqlDb, writes: Writes, now: string, onProgress?: (done: number) => void): void {
  let done = 0;
  const secretaries: PartyOrgRecord[] = [];
  for (const entity of importOrder) {
    let records = writes.filter((w) => w.entity === entity).map((w) => w.record);
    if (entity === 'partyOrg') {
      records = parentsFirst(records as PartyOrgRecord[]);
      secretaries.push(...(records as PartyOrgRecord[]).filter((o) => o.secretaryId !== null));
    }
    const repo = repositories[entity] as (typeof repositories)['community'];
    if (repo.writeMany) {
      for (let i = 0; i < records.length; i += CHUNK) {
        const chunk = records.slice(i, i + CHUNK);
        repo.writeMany(db, chunk as never, now);
        done += chunk.length;
        onProgress?.(done);
      }
      continue;
    }
    for (const record of records) {
      repo.write(db, record as never, now);
      if (++done % CHUNK === 0) onProgress?.(done);
    }
  }
  for (const org of secretaries) repositories.partyOrg.write(db, org, now);
}

interface QuarantineInsert {
  entity: EntityName;
  file: string;
  row: number;
  key: string | null;
  raw: string;
  hash: string;
  problems: string;
}

/** Applies a plan in one write (one batch, one `seq` for history.undo). Nothing new: no write. */
export function applyPlan(ctx: CoreContext, plan: ImportPlan, onProgress?: TaskHooks['onProgress']): ImportApplied {
  const today = ctx.now().slice(0, 10);
  const db = ctx.db();
  const reports = plan.files.map((f) => reportOf(f, plan.stored, today));
  const writes: Writes = [];
  const acceptedKeys = new Set<string>();
  const quarantine: QuarantineInsert[] = [];
  const openHashes = new Set(db.all<{ h: string }>("SELECT raw_hash AS h FROM exchange_quarantine WHERE status = 'open'").map((r) => r.h));

  for (const file of plan.files) {
    const { entity } = file.match;
    for (const row of file.rows) {
      if (row.outcome === 'rejected') {
        const values = rawValues(file.match.columns, row.cells);
        const hash = rawHash(entity, values);
        if (openHashes.has(hash)) continue;
        openHashes.add(hash);
        quarantine.push({ entity, file: file.name, row: row.row, key: row.key, raw: JSON.stringify(values), hash, problems: JSON.stringify(row.problems) });
        continue;
      }
      if (row.key !== null) acceptedKeys.add(`${entity}\u001f${row.key}`);
      if ((row.outcome === 'insert' || row.outcome === 'update') && row.record && row.repeatOf === null) writes.push({ entity, record: row.record });
    }
  }
  const settled = db
    .all<{ id: number; entity: string; key: string }>("SELECT id, entity, record_key AS key FROM exchange_quarantine WHERE status = 'open' AND record_key IS NOT NULL")
    .filter((q) => acceptedKeys.has(`${q.entity}\u001f${q.key}`))
    .map((q) => q.id);

  const totals = totalsOf(reports);
  const mappingsChanged = plan.mappings.some(
    (m) => db.value<string>('SELECT columns FROM exchange_column_mapping WHERE signature = ? AND entity = ?', [m.signature, m.entity]) !== JSON.stringify(m.columns),
  );
  if (writes.length === 0 && quarantine.length === 0 && settled.length === 0 && !mappingsChanged) {
    return { batchId: null, seq: ctx.data.store().seq, files: reports, totals, quarantined: 0, settled: 0 };
  }

  const progress = (done: number): void => onProgress?.(texts.progressWriting, done, writes.length, false);
  const now = ctx.now();
  let batchId = 0;
  try {
    const written = ctx.write(
      'exchange.import',
      (w) => {
        writeRecords(w, writes, now, progress);
        for (const m of plan.mappings) {
          w.run(
            `INSERT INTO exchange_column_mapping (signature, entity, columns, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (signature) DO UPDATE SET entity = excluded.entity, columns = excluded.columns, updated_at = excluded.updated_at
             WHERE (entity, columns) IS NOT (excluded.entity, excluded.columns)`,
            [m.signature, m.entity, JSON.stringify(m.columns), now],
          );
        }
        if (writes.length === 0 && quarantine.length === 0 && settled.length === 0) return;
        const files = reports.map((r) => ({
          file: r.file,
          template: r.template,
          entity: r.entity,
          headerRow: r.headerRow,
          rows: r.rows,
          accepted: r.accepted,
          rejected: r.rejected,
          inserted: r.inserted,
          updated: r.updated,
          unchanged: r.unchanged,
        }));
        w.run(
          `INSERT INTO exchange_import_batch (seq, created_at, actor, files, inserted, updated, unchanged, rejected)
           VALUES ((SELECT seq FROM temp.write_context), ?, ?, ?, ?, ?, ?, ?)`,
          [now, ctx.actor, JSON.stringify(files), totals.inserted, totals.updated, totals.unchanged, totals.rejected],
        );
        batchId = w.lastInsertId();
        for (const q of quarantine) {
          w.run(
            `INSERT INTO exchange_quarantine (batch_id, entity, file, row, record_key, raw, raw_hash, problems, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [batchId, q.entity, q.file, q.row, q.key, q.raw, q.hash, q.problems, now],
          );
        }
        for (const id of settled) {
          w.run("UPDATE exchange_quarantine SET status = 'resolved', resolved_at = ?, resolved_seq = (SELECT seq FROM temp.write_context) WHERE id = ?", [now, id]);
        }
      },
      { rows: writes.length },
    );
    return { batchId: batchId || null, seq: written.seq, files: reports, totals, quarantined: quarantine.length, settled: settled.length };
  } catch (error) {
    if (error instanceof AppError && error.code !== 'WRITE_FAILED' && error.code !== 'STORAGE_READONLY') {
      throw new AppError(error.code, texts.importFailed(error.message), error.problems);
    }
    if (error instanceof AppError) throw error;
    log.error('[exchange] import write failed', error);
    throw new AppError('INTERNAL', texts.importFailed(error instanceof Error ? error.message : String(error)));
  }
}
