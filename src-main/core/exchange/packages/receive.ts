import { createHash } from 'node:crypto';
import type { ConflictField, ConflictView, PackageOutcome } from '../../../dto/exchange';
import type { AnyRecord, EntityName } from '../../../dto/records';
import { entities, importOrder } from '../../catalog/fields';
import { validateRecord, type Problem } from '../../catalog/validate';
import type { CoreContext } from '../../context';
import type { ReadDb, SqlDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { log } from '../../log';
import { repositories, validationContext } from '../../records';
import { exchangeFiles } from '../files';
import { asStored, changedFields } from '../import/asStored';
import { writeRecords } from '../import/apply';
import { recordsByKey } from '../records';
import { packageTexts as t } from '../texts';
import { breathe, type TaskHooks } from '../tasks';
import { changedKeys } from './changes';
import { openPackage, PackageRejected, type OpenedPackage, type PackageProblem } from './open';
import { DELIVERED_EXPORT } from './service';

/**
 * Receiving a package (SPEC §3): from the city (down) or from a community workstation of this
 * app (up). Verified, validated as a whole, applied in one write or not at all, once per
 * packageId. A record the package changes that was also changed here since the last exchange is
 * a conflict: nothing is applied until a person has chosen, field by field, what stays.
 */
type Choice = Record<string, 'local' | 'remote'>;

interface Draft {
  entity: EntityName;
  key: string;
  local: AnyRecord | null;
  remote: AnyRecord | null;
  fields: string[];
}

interface Plan {
  upserts: { entity: EntityName; key: string; record: AnyRecord; kind: 'insert' | 'update' | 'unchanged' }[];
  deletes: { entity: EntityName; key: string }[];
  drafts: Draft[];
}

/**
 * The write after which local changes count as "since the last exchange". An export with a part
 * not yet delivered does not count: the city has not seen all of its changes.
 */
export function lastExchangeSeq(db: ReadDb): number {
  return (
    db.value<number>(
      `SELECT max(s) FROM (SELECT max(p.to_seq) AS s FROM exchange_package p WHERE ${DELIVERED_EXPORT}
                         UNION ALL SELECT max(applied_seq) FROM exchange_package WHERE origin <> 'local' AND status = 'applied')`,
    ) ?? 0
  );
}

const labelOf = (record: AnyRecord | null, key: string): string => {
  const r = (record ?? {}) as unknown as Record<string, unknown>;
  return typeof r.name === 'string' ? r.name : typeof r.title === 'string' ? r.title : key;
};

/** Records checked between two looks at the event loop, where a cancel and other calls get through. */
const STEP = 2000;

/** Called every STEP records while they are checked: reports, breathes, and stops when cancelled. */
type Pause = (done: number, total: number) => Promise<void>;

async function validateAll(db: ReadDb, opened: OpenedPackage, today: string, pause: Pause): Promise<Plan> {
  const inPackage = new Map<string, Set<string>>();
  const add = (entity: string, key: string): void => {
    let set = inPackage.get(entity);
    if (!set) inPackage.set(entity, (set = new Set()));
    set.add(key);
  };
  for (const [entity, lines] of opened.lines) {
    for (const { value } of lines) {
      if (value.op !== 'upsert') continue;
      add(entity, value.key);
      if (entity === 'resident' || entity === 'partyMember' || entity === 'staff') add('person', value.key.split('|')[0] ?? '');
    }
  }
  const ctx = validationContext(db, today, (entity, key) => inPackage.get(entity)?.has(key) === true);
  const problems: PackageProblem[] = [];
  const plan: Plan = { upserts: [], deletes: [], drafts: [] };
  const total = [...opened.lines.values()].reduce((n, lines) => n + lines.length, 0);
  let done = 0;
  await pause(0, total);
  for (const entity of importOrder) {
    const lines = opened.lines.get(entity) ?? [];
    const file = `${entity}.ndjson`;
    const upserts: { key: string; record: AnyRecord }[] = [];
    for (const { line, value } of lines) {
      if (++done % STEP === 0) await pause(done, total);
      if (value.op === 'delete') {
        plan.deletes.push({ entity, key: value.key });
        continue;
      }
      const checked = validateRecord(entity, value.data, ctx);
      if (!checked.ok) {
        for (const p of checked.problems as Problem[]) problems.push({ file, line, field: p.field, reason: p.reason, message: `${value.key}：${p.message}` });
        continue;
      }
      const key = repositoriesKey(entity, checked.record as AnyRecord);
      if (key !== value.key) {
        problems.push({ file, line, field: 'key', reason: 'format', message: `key“${value.key}”与记录内容的自然键“${key}”不一致` });
        continue;
      }
      upserts.push({ key, record: checked.record as AnyRecord });
    }
    const stored = recordsByKey(
      db,
      entity,
      upserts.map((u) => u.key),
    );
    for (const u of upserts) {
      const before = stored.get(u.key)?.record;
      const kind = !before ? 'insert' : changedFields(entity, before, asStored(entity, u.record, today)).length === 0 ? 'unchanged' : 'update';
      plan.upserts.push({ entity, key: u.key, record: u.record, kind });
    }
  }
  if (problems.length > 0) throw new PackageRejected(t.invalidRecords(new Set(problems.map((p) => `${p.file}:${p.line ?? ''}`)).size), problems);
  return plan;
}

function repositoriesKey(entity: EntityName, record: AnyRecord): string {
  const r = record as unknown as Record<string, unknown>;
  if (entity === 'resident' || entity === 'partyMember') return String(r.idNumber);
  if (entity === 'staff') return `${String(r.idNumber)}|${String(r.role)}|${String(r.scopeCode)}`;
  return String(r.code);
}

/** Records the package would change that were changed here too since the last exchange. */
function findConflicts(db: ReadDb, plan: Plan, today: string): Draft[] {
  const local = changedKeys(db, lastExchangeSeq(db));
  const drafts: Draft[] = [];
  for (const u of plan.upserts) {
    if (u.kind !== 'update' || !local.get(u.entity)?.has(u.key)) continue;
    const here = recordsByKey(db, u.entity, [u.key]).get(u.key)?.record ?? null;
    const remote = asStored(u.entity, u.record, today);
    if (here) drafts.push({ entity: u.entity, key: u.key, local: here, remote, fields: changedFields(u.entity, here, remote) });
  }
  for (const d of plan.deletes) {
    if (!local.get(d.entity)?.has(d.key)) continue;
    const here = recordsByKey(db, d.entity, [d.key]).get(d.key)?.record ?? null;
    if (here) drafts.push({ entity: d.entity, key: d.key, local: here, remote: null, fields: entities[d.entity].fields.filter((f) => !f.derived).map((f) => f.key) });
  }
  return drafts;
}

interface ConflictRow {
  id: number;
  packageId: string;
  packageLabel?: string;
  entity: EntityName;
  key: string;
  local: string | null;
  remote: string | null;
  fields: string;
  choice: string | null;
}

const CONFLICT_SELECT = `SELECT c.id, c.package_id AS packageId, c.entity, c.record_key AS key, c.local, c.remote, c.fields, c.choice,
    (CASE p.origin WHEN 'city' THEN '市级平台下发' ELSE '社区工作站上报' END) || ' · ' || p.file_name || ' · ' || replace(substr(p.created_at, 1, 16), 'T', ' ') AS packageLabel
  FROM exchange_conflict c JOIN exchange_package p ON p.package_id = c.package_id`;

export function conflictView(row: ConflictRow): ConflictView {
  const local = row.local ? (JSON.parse(row.local) as Record<string, unknown>) : null;
  const remote = row.remote ? (JSON.parse(row.remote) as Record<string, unknown>) : null;
  const choice = row.choice ? (JSON.parse(row.choice) as Choice) : {};
  const keys = JSON.parse(row.fields) as string[];
  const fields: ConflictField[] = keys.map((field) => ({
    field,
    header: entities[row.entity].fields.find((f) => f.key === field)?.header ?? field,
    local: local?.[field] ?? null,
    remote: remote?.[field] ?? null,
    choice: choice[field] ?? choice['*'] ?? null,
  }));
  return {
    id: row.id,
    packageId: row.packageId,
    packageLabel: row.packageLabel ?? row.packageId,
    entity: row.entity,
    template: entities[row.entity].title,
    key: row.key,
    label: labelOf((local ?? remote) as AnyRecord | null, row.key),
    deleted: remote === null ? 'remote' : local === null ? 'local' : null,
    fields,
    decided: fields.every((f) => f.choice !== null),
  };
}

export function listConflicts(db: ReadDb, packageId?: string): ConflictView[] {
  const rows = packageId
    ? db.all<ConflictRow>(`${CONFLICT_SELECT} WHERE c.package_id = ? ORDER BY c.id`, [packageId])
    : db.all<ConflictRow>(`${CONFLICT_SELECT} WHERE p.status = 'conflict' ORDER BY c.id`);
  return rows.map(conflictView);
}

/** The record a person's choices make: the package's values, with the fields they kept local. */
function merged(draft: Draft, choice: Choice): AnyRecord | null {
  if (!draft.remote) return (choice['*'] ?? choice[draft.fields[0] ?? '']) === 'local' ? draft.local : null;
  const record = { ...(draft.remote as unknown as Record<string, unknown>) };
  const local = (draft.local ?? {}) as unknown as Record<string, unknown>;
  for (const field of draft.fields) if ((choice[field] ?? choice['*']) === 'local') record[field] = local[field];
  return record as unknown as AnyRecord;
}

function outcome(packageId: string, fileName: string, origin: 'city' | 'community', status: PackageOutcome['status'], message: string, extra: Partial<PackageOutcome> = {}): PackageOutcome {
  return { packageId, fileName, origin, status, seq: null, inserted: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: [], message, ...extra };
}

/** Where a package comes from: the city sends down, a community workstation of this app up. */
const originOf = (manifest: OpenedPackage['manifest']): 'city' | 'community' => (manifest.direction === 'down' ? 'city' : 'community');

/**
 * Receives a package: checks, validates, and applies it, or keeps it with its conflicts for a
 * person to settle (then `applyPending`).
 */
export async function receivePackage(ctx: CoreContext, fileName: string, bytes: Uint8Array, options: TaskHooks = {}): Promise<PackageOutcome> {
  options.onProgress?.(t.progressOpening, 0, null, true);
  const opened = openPackage(bytes);
  const refusal = refusalOf(ctx, opened, fileName);
  if (refusal) return refusal;
  return settle(ctx, opened, fileName, bytes, originOf(opened.manifest), options);
}

/** Why this street takes no package like this one (an error), or that it has it already. */
function refusalOf(ctx: CoreContext, opened: OpenedPackage, fileName: string): PackageOutcome | null {
  const db = ctx.db();
  const { manifest } = opened;
  const street = db.value<string>('SELECT code FROM street WHERE id = 1') ?? '';
  if (manifest.streetCode !== street) throw new AppError('VALIDATION', t.otherStreet(manifest.streetCode, street));
  const origin = originOf(manifest);
  const known = db.get<{ origin: string; status: string }>('SELECT origin, status FROM exchange_package WHERE package_id = ?', [manifest.packageId]);
  if (known?.origin === 'local') throw new AppError('CONFLICT', t.ownPackage);
  if (origin === 'community' && manifest.source.app !== ctx.appName) throw new AppError('VALIDATION', t.foreignUp(manifest.source.app));
  if (known?.status === 'applied') return outcome(manifest.packageId, fileName, origin, 'already-applied', t.alreadyApplied);
  return null;
}

/** Applies a package kept for conflicts once every conflict has been decided. */
export async function applyPending(ctx: CoreContext, packageId: string, options: TaskHooks = {}): Promise<PackageOutcome> {
  const row = ctx.db().get<{ fileName: string; origin: 'city' | 'community'; status: string }>(
    'SELECT file_name AS fileName, origin, status FROM exchange_package WHERE package_id = ?',
    [packageId],
  );
  if (!row) throw new AppError('NOT_FOUND', t.packageNotFound);
  if (row.status === 'applied') return outcome(packageId, row.fileName, row.origin, 'already-applied', t.alreadyApplied);
  const bytes = exchangeFiles.read(ctx, 'inbox', `${packageId}.zip`);
  if (!bytes) throw new AppError('NOT_FOUND', t.notInInbox);
  options.onProgress?.(t.progressOpening, 0, null, true);
  return settle(ctx, openPackage(bytes), row.fileName, bytes, row.origin, options);
}

async function settle(ctx: CoreContext, opened: OpenedPackage, fileName: string, bytes: Uint8Array, origin: 'city' | 'community', options: TaskHooks): Promise<PackageOutcome> {
  const today = ctx.now().slice(0, 10);
  const { manifest } = opened;
  const packageId = manifest.packageId;
  const seqBefore = ctx.data.store().seq;
  const pause: Pause = async (done, total) => {
    options.onProgress?.(t.progressChecking, done, total, true);
    await breathe();
    if (options.signal?.aborted) throw new AppError('CONFLICT', t.receiveCancelled);
  };
  let plan = await validateAll(ctx.db(), opened, today, pause);
  // Other calls were answered while the records were checked. When one of them wrote (an edit,
  // this same package arriving by sync), the checks are made again against what is there now,
  // this time without a pause, so nothing can come between them and the write.
  if (ctx.data.store().seq !== seqBefore) {
    const refusal = refusalOf(ctx, opened, fileName);
    if (refusal) return refusal;
    plan = await validateAll(ctx.db(), opened, today, () => Promise.resolve());
  }
  const db = ctx.db();
  const drafts = findConflicts(db, plan, today);

  // Decisions already taken stand while the local record is still what the person saw.
  const previous = new Map(
    db.all<ConflictRow>(`${CONFLICT_SELECT} WHERE c.package_id = ?`, [packageId]).map((r) => [`${r.entity}\u001f${r.key}`, r]),
  );
  const decided = new Map<string, Choice>();
  const open: Draft[] = [];
  for (const d of drafts) {
    const before = previous.get(`${d.entity}\u001f${d.key}`);
    const sameLocal = before && before.local === JSON.stringify(d.local) && before.remote === JSON.stringify(d.remote);
    const choice = sameLocal && before.choice ? (JSON.parse(before.choice) as Choice) : null;
    if (choice && d.fields.every((f) => choice[f] ?? choice['*'])) decided.set(`${d.entity}\u001f${d.key}`, choice);
    else open.push(d);
  }

  const now = ctx.now();
  const counts = JSON.stringify(Object.fromEntries(manifest.files.map((f) => [f.entity, f.records])));
  const packageRow = (w: SqlDb, status: 'conflict' | 'applied'): void => {
    w.run(
      `INSERT INTO exchange_package (package_id, direction, origin, file_name, created_at, since, until, counts, sha256, bytes, status, applied_seq, applied_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'applied' THEN (SELECT seq FROM temp.write_context) END, CASE WHEN ? = 'applied' THEN ? END)
       ON CONFLICT (package_id) DO UPDATE SET status = excluded.status, applied_seq = excluded.applied_seq, applied_at = excluded.applied_at
       WHERE status IS NOT excluded.status`,
      [packageId, manifest.direction, origin, fileName, manifest.createdAt, manifest.since, manifest.until, counts, sha256Of(bytes), bytes.length, status, status, status, now],
    );
  };

  if (open.length > 0) {
    exchangeFiles.write(ctx, 'inbox', `${packageId}.zip`, bytes);
    ctx.write('exchange.package.conflict', (w) => {
      packageRow(w, 'conflict');
      for (const d of open) {
        w.run(
          `INSERT INTO exchange_conflict (package_id, entity, record_key, local, remote, fields) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (package_id, entity, record_key) DO UPDATE SET local = excluded.local, remote = excluded.remote, fields = excluded.fields,
             choice = NULL, decided_at = NULL
           WHERE (local, remote, fields) IS NOT (excluded.local, excluded.remote, excluded.fields)`,
          [packageId, d.entity, d.key, JSON.stringify(d.local), JSON.stringify(d.remote), JSON.stringify(d.fields)],
        );
      }
    });
    const conflicts = listConflicts(ctx.db(), packageId);
    return outcome(packageId, fileName, origin, 'conflict', t.conflicts(conflicts.filter((c) => !c.decided).length), { conflicts });
  }

  // Everything decided: the package's records, with the person's choices where they conflicted.
  const writes: { entity: EntityName; record: AnyRecord }[] = [];
  const merges: typeof writes = [];
  const deletes: { entity: EntityName; key: string }[] = [];
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const u of plan.upserts) {
    const choice = decided.get(`${u.entity}\u001f${u.key}`);
    const draft = choice ? drafts.find((d) => d.entity === u.entity && d.key === u.key) : undefined;
    const record = draft && choice ? merged(draft, choice) : u.record;
    if (u.kind === 'unchanged' || !record) {
      unchanged++;
      continue;
    }
    if (u.kind === 'insert') inserted++;
    else updated++;
    writes.push({ entity: u.entity, record });
    if (record !== u.record) merges.push({ entity: u.entity, record });
  }
  for (const d of plan.deletes) {
    const choice = decided.get(`${d.entity}\u001f${d.key}`);
    if (choice && (choice['*'] ?? Object.values(choice)[0]) === 'local') continue;
    if (repositories[d.entity].read(db, d.key) !== null) deletes.push(d);
  }
  // The package's own records were validated above; a record a person's choices put together
  // from both sides was not.
  if (merges.length > 0) {
    const checks = validationContext(db, today, () => true);
    if (merges.some((m) => !validateRecord(m.entity, m.record as unknown as Record<string, unknown>, checks).ok)) throw new AppError('VALIDATION', t.mergedInvalid);
  }
  options.onProgress?.(t.progressWriting, 0, writes.length, false);
  let seq: number;
  try {
    seq = ctx.write(
      `exchange.package.apply:${origin}`,
      (w) => {
        writeRecords(w, writes, now, (done) => options.onProgress?.(t.progressWriting, done, writes.length, false));
        for (const entity of [...importOrder].reverse()) {
          for (const d of deletes.filter((x) => x.entity === entity)) repositories[entity].remove(w, d.key);
        }
        packageRow(w, 'applied');
      },
      { rows: writes.length },
    ).seq;
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, t.applyFailed(error.message));
    const message = error instanceof Error ? error.message : String(error);
    if (/FOREIGN KEY/.test(message)) throw new AppError('CONFLICT', t.deleteBlocked(deletes.map((d) => `${entities[d.entity].label} ${d.key}`).slice(0, 5).join('、')));
    log.error('[exchange] package apply failed', error);
    throw new AppError('INTERNAL', t.applyFailed(message));
  }
  exchangeFiles.remove(ctx, 'inbox', `${packageId}.zip`);
  return outcome(packageId, fileName, origin, 'applied', `已导入：新增 ${inserted}、修改 ${updated}、删除 ${deletes.length}、未变 ${unchanged}。`, {
    seq,
    inserted,
    updated,
    deleted: deletes.length,
    unchanged,
    conflicts: listConflicts(ctx.db(), packageId),
  });
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A person's choice for one conflict: per field, or '*' for the whole record. */
export function decideConflict(ctx: CoreContext, id: number, choice: Choice): ConflictView {
  const row = ctx.db().get<ConflictRow>(`${CONFLICT_SELECT} WHERE c.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', t.conflictNotFound);
  const current = row.choice ? (JSON.parse(row.choice) as Choice) : {};
  const next = choice['*'] ? { '*': choice['*'] } : { ...current, ...choice };
  ctx.write('exchange.conflict.decide', (w) => {
    w.run('UPDATE exchange_conflict SET choice = ?, decided_at = ? WHERE id = ?', [JSON.stringify(next), ctx.now(), id]);
  });
  return conflictView({ ...row, choice: JSON.stringify(next) });
}
