import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackageExported, PackageRow } from '../../../dto/exchange';
import type { EntityName } from '../../../dto/records';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { packageTexts as t } from '../texts';
import { buildPackage, type BuiltPackage } from './build';
import { queueUpload } from '../sync/outbox';

/**
 * Packages this street makes. The watermark is the newest package that was delivered: written
 * into a folder, accepted by the city platform, or confirmed by a person after a download. An
 * incremental package carries every change after it; until a package is delivered, the next one
 * repeats its changes (the platform applies a record's latest state, so a repeat is harmless).
 */
export interface Watermark {
  at: string;
  seq: number;
  packageId: string;
}

export function watermark(ctx: CoreContext): Watermark | null {
  return (
    ctx
      .db()
      .get<Watermark>(
        "SELECT until AS at, to_seq AS seq, package_id AS packageId FROM exchange_package WHERE origin = 'local' AND status = 'acknowledged' ORDER BY to_seq DESC, created_at DESC LIMIT 1",
      ) ?? null
  );
}

export interface MadePackage extends BuiltPackage {
  deliveredTo: string[];
  since: string | null;
}

/** Builds a package, records it, and delivers it where asked (folder, outbox); one write. */
export function makePackage(ctx: CoreContext, options: { incremental: boolean; folder?: string; outbox?: boolean }): MadePackage {
  const db = ctx.db();
  const streetCode = db.value<string>('SELECT code FROM street WHERE id = 1') ?? '';
  const createdAt = ctx.now();
  const since = options.incremental ? watermark(ctx) : null;
  const toSeq = ctx.data.store().seq;
  const daySeq = (db.value<number>("SELECT count(*) FROM exchange_package WHERE origin = 'local' AND substr(created_at, 1, 10) = ?", [createdAt.slice(0, 10)]) ?? 0) + 1;
  const built = buildPackage(db, {
    streetCode,
    createdAt,
    direction: 'up',
    source: { app: ctx.appName, version: ctx.version },
    since: since ? { at: since.at, seq: since.seq } : null,
    daySeq,
  });
  const deliveredTo: string[] = [];
  if (options.folder) {
    const folder = resolve(options.folder);
    // Never created here: a missing folder is usually a USB stick not plugged in, and creating its
    // mount point would leave personal data on the local disk.
    if (!existsSync(folder)) throw new AppError('WRITE_FAILED', t.folderMissing(folder));
    try {
      const file = join(folder, built.fileName);
      writeFileSync(file, built.bytes, { flag: 'wx' });
      deliveredTo.push(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw new AppError('WRITE_FAILED', `无法写入导出目录 ${folder}（${code}）：请检查 U 盘或共享文件夹是否可用。`);
    }
  }
  const counts = JSON.stringify(built.counts);
  ctx.write('exchange.package.export', (w) => {
    w.run(
      `INSERT INTO exchange_package (package_id, direction, origin, file_name, created_at, since, until, to_seq, counts, sha256, bytes, status, acknowledged_at)
       VALUES (?, 'up', 'local', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [built.packageId, built.fileName, createdAt, built.manifest.since, built.manifest.until, toSeq, counts, built.sha256, built.bytes.length, deliveredTo.length > 0 ? 'acknowledged' : 'created', deliveredTo.length > 0 ? createdAt : null],
    );
    if (options.outbox) queueUpload(ctx, w, built);
  });
  if (options.outbox) deliveredTo.push('outbox');
  return { ...built, deliveredTo, since: built.manifest.since };
}

export function exported(made: MadePackage, withBytes: boolean): PackageExported {
  const records = Object.values(made.counts).reduce((n, c) => n + (c ?? 0), 0);
  return {
    packageId: made.packageId,
    fileName: made.fileName,
    since: made.since,
    until: made.manifest.until,
    counts: made.counts,
    records,
    sha256: made.sha256,
    bytes: made.bytes.length,
    deliveredTo: made.deliveredTo,
    contentBase64: withBytes ? Buffer.from(made.bytes).toString('base64') : null,
  };
}

/** A person confirms a downloaded package reached the city: it becomes the watermark. */
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
