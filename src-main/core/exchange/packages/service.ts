import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackageExported, PackagePartExported, PackageRow } from '../../../dto/exchange';
import type { EntityName } from '../../../dto/records';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { packageTexts as t } from '../texts';
import { buildPackages, type BuiltPackage } from './build';
import { queueUpload } from '../sync/outbox';
import type { TaskHooks } from '../tasks';

/**
 * Packages this street makes. The watermark is the newest export that was delivered: written
 * into a folder, accepted by the city platform, or confirmed by a person after a download — every
 * part of it, when it was split. An incremental package carries every change after it; until an
 * export is delivered, the next one repeats its changes (the platform applies a record's latest
 * state, so a repeat is harmless).
 */
export interface Watermark {
  at: string;
  seq: number;
  packageId: string;
}

/**
 * SQL: the local package `p` was delivered and so was every other part of its export. One part
 * delivered without the others must not count, or its export's other changes would be skipped.
 */
export const DELIVERED_EXPORT = `p.origin = 'local' AND p.status = 'acknowledged'
  AND NOT EXISTS (SELECT 1 FROM exchange_package other WHERE other.part_of = p.part_of AND other.status <> 'acknowledged')`;

export function watermark(ctx: CoreContext): Watermark | null {
  return (
    ctx
      .db()
      .get<Watermark>(`SELECT p.until AS at, p.to_seq AS seq, coalesce(p.part_of, p.package_id) AS packageId FROM exchange_package p WHERE ${DELIVERED_EXPORT} ORDER BY p.to_seq DESC, p.created_at DESC LIMIT 1`) ??
    null
  );
}

export interface MadePackage extends BuiltPackage {
  /** Where this part went: the folder's file path, 'outbox'. */
  deliveredTo: string[];
}

/** One export: a single package, or its parts in the order they are to be applied. */
export interface MadeExport {
  since: string | null;
  until: string;
  /** Records in all parts. */
  counts: Partial<Record<EntityName, number>>;
  parts: MadePackage[];
}

export interface MakeOptions {
  incremental: boolean;
  folder?: string;
  outbox?: boolean;
  /** The largest package (zip) the city platform takes; SPEC §4's 50 MiB unless a test says. */
  limitBytes?: number;
  onProgress?: TaskHooks['onProgress'];
}

/** Builds an export, records its parts, and delivers them where asked (folder, outbox); one write. */
export function makePackage(ctx: CoreContext, options: MakeOptions): MadeExport {
  const db = ctx.db();
  const streetCode = db.value<string>('SELECT code FROM street WHERE id = 1') ?? '';
  const createdAt = ctx.now();
  const since = options.incremental ? watermark(ctx) : null;
  const toSeq = ctx.data.store().seq;
  const daySeq = (db.value<number>("SELECT count(*) FROM exchange_package WHERE origin = 'local' AND substr(created_at, 1, 10) = ?", [createdAt.slice(0, 10)]) ?? 0) + 1;
  const built = buildPackages(db, {
    streetCode,
    createdAt,
    direction: 'up',
    source: { app: ctx.appName, version: ctx.version },
    since: since ? { at: since.at, seq: since.seq } : null,
    daySeq,
    ...(options.limitBytes !== undefined ? { limitBytes: options.limitBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // seq3 (SPEC §3) counts to 999 a day; a split export uses one number per part.
  if (daySeq + built.length - 1 > 999) throw new AppError('VALIDATION', t.tooManyToday(built.length));
  const parts: MadePackage[] = built.map((b) => ({ ...b, deliveredTo: [] }));
  if (options.folder) {
    const folder = resolve(options.folder);
    // Never created here: a missing folder is usually a USB stick not plugged in, and creating its
    // mount point would leave personal data on the local disk.
    if (!existsSync(folder)) throw new AppError('WRITE_FAILED', t.folderMissing(folder));
    try {
      for (const part of parts) {
        const file = join(folder, part.fileName);
        writeFileSync(file, part.bytes, { flag: 'wx' });
        part.deliveredTo.push(file);
      }
    } catch (error) {
      // Some parts without the rest are no delivery: the folder is left as it was found.
      for (const file of parts.flatMap((p) => p.deliveredTo)) rmSync(file, { force: true });
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw new AppError('WRITE_FAILED', `无法写入导出目录 ${folder}（${code}）：请检查 U 盘或共享文件夹是否可用。`);
    }
  }
  const exportId = parts[0]?.packageId ?? null;
  ctx.write('exchange.package.export', (w) => {
    for (const part of parts) {
      const delivered = part.deliveredTo.length > 0;
      w.run(
        `INSERT INTO exchange_package (package_id, direction, origin, file_name, created_at, since, until, to_seq, counts, sha256, bytes, status, acknowledged_at, part_of)
         VALUES (?, 'up', 'local', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [part.packageId, part.fileName, createdAt, part.manifest.since, part.manifest.until, toSeq, JSON.stringify(part.counts), part.sha256, part.bytes.length, delivered ? 'acknowledged' : 'created', delivered ? createdAt : null, exportId],
      );
    }
    // Queued in order: the outbox uploads by position, so the platform gets the parts in the
    // order they apply.
    if (options.outbox) for (const part of parts) queueUpload(ctx, w, part);
  });
  if (options.outbox) for (const part of parts) part.deliveredTo.push('outbox');
  const counts: Partial<Record<EntityName, number>> = {};
  for (const part of parts) for (const [entity, n] of Object.entries(part.counts) as [EntityName, number][]) counts[entity] = (counts[entity] ?? 0) + n;
  return { since: since?.at ?? null, until: createdAt, counts, parts };
}

/** Upserts and tombstones in all, from a package's counts by kind. */
export const recordsIn = (counts: Partial<Record<EntityName, number>>): number => Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);

function partExported(part: MadePackage, withBytes: boolean): PackagePartExported {
  return {
    packageId: part.packageId,
    fileName: part.fileName,
    counts: part.counts,
    records: recordsIn(part.counts),
    sha256: part.sha256,
    bytes: part.bytes.length,
    deliveredTo: part.deliveredTo,
    contentBase64: withBytes ? Buffer.from(part.bytes).toString('base64') : null,
  };
}

/** The export for the UI and the API: the first part at the top, as when there was only ever one. */
export function exported(made: MadeExport, withBytes: boolean): PackageExported {
  const parts = made.parts.map((p) => partExported(p, withBytes));
  const first = parts[0];
  // buildPackages makes at least one package, empty when nothing changed.
  if (!first) throw new Error('an export without a package');
  return { ...first, since: made.since, until: made.until, parts };
}

/** A person confirms a downloaded package reached the city: with its export's other parts, it becomes the watermark. */
export function acknowledgePackage(ctx: CoreContext, packageId: string): PackageRow {
  const changed = ctx.write('exchange.package.acknowledge', (w) =>
    w.run("UPDATE exchange_package SET status = 'acknowledged', acknowledged_at = ? WHERE package_id = ? AND origin = 'local' AND status = 'created'", [ctx.now(), packageId]),
  );
  void changed;
  const row = listPackages(ctx).find((p) => p.packageId === packageId);
  if (!row) throw new AppError('NOT_FOUND', t.packageNotFound);
  return row;
}

interface PackageDbRow {
  packageId: string;
  direction: 'up' | 'down';
  origin: PackageRow['origin'];
  fileName: string;
  createdAt: string;
  since: string | null;
  until: string | null;
  counts: string;
  bytes: number;
  status: PackageRow['status'];
  acknowledgedAt: string | null;
  appliedAt: string | null;
  uploadStatus: 'pending' | 'sent' | 'refused' | null;
  receivedAt: string | null;
  error: string | null;
}

export function listPackages(ctx: CoreContext, limit = 200): PackageRow[] {
  return ctx
    .db()
    .all<PackageDbRow>(
      `SELECT p.package_id AS packageId, p.direction, p.origin, p.file_name AS fileName, p.created_at AS createdAt, p.since, p.until, p.counts, p.bytes,
         p.status, p.acknowledged_at AS acknowledgedAt, p.applied_at AS appliedAt, o.status AS uploadStatus, o.received_at AS receivedAt, o.error
       FROM exchange_package p LEFT JOIN exchange_outbox o ON o.package_id = p.package_id ORDER BY p.created_at DESC, p.rowid DESC LIMIT ?`,
      [limit],
    )
    .map(({ counts, uploadStatus, receivedAt, error, ...rest }) => ({
      ...rest,
      counts: JSON.parse(counts) as Partial<Record<EntityName, number>>,
      upload: uploadStatus ? { status: uploadStatus, receivedAt, error } : null,
    }));
}
