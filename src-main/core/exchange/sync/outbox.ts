import type { CoreContext } from '../../context';
import type { ReadDb, SqlDb } from '../../db/sqlite';
import { exchangeFiles } from '../files';
import type { BuiltPackage } from '../packages/build';

/**
 * Packages waiting to be uploaded to the city platform, in the order they were made. The bytes
 * are kept as made (one packageId is never sent with different bytes, SPEC §4); the queue is in
 * the database, so it survives restarts and crashes like every other write.
 */
export interface OutboxItem {
  packageId: string;
  position: number;
  file: string;
  sha256: string;
  bytes: number;
}

/** Inside a write: keeps the package's bytes in DATA/exchange/outbox and queues it last. */
export function queueUpload(ctx: CoreContext, w: SqlDb, built: Pick<BuiltPackage, 'packageId' | 'fileName' | 'bytes' | 'sha256'>): void {
  const file = `${built.packageId}.zip`;
  exchangeFiles.write(ctx, 'outbox', file, built.bytes);
  w.run(
    `INSERT INTO exchange_outbox (package_id, position, file, sha256, bytes, queued_at)
     VALUES (?, (SELECT ifnull(max(position), 0) + 1 FROM exchange_outbox), ?, ?, ?, ?)`,
    [built.packageId, file, built.sha256, built.bytes.length, ctx.now()],
  );
}

export function pendingUploads(db: ReadDb): OutboxItem[] {
  return db.all<OutboxItem>("SELECT package_id AS packageId, position, file, sha256, bytes FROM exchange_outbox WHERE status = 'pending' ORDER BY position");
}

/**
 * An earlier part of the same export that the platform refused, if any. The parts of an export
 * are applied in order, so a later one must not reach the platform without it.
 */
export function refusedEarlierPart(db: ReadDb, item: OutboxItem): string | null {
  return (
    db.value<string>(
      `SELECT earlier.package_id FROM exchange_outbox earlier
       JOIN exchange_package ep ON ep.package_id = earlier.package_id
       JOIN exchange_package mine ON mine.package_id = ?
       WHERE earlier.status = 'refused' AND earlier.position < ?
         AND coalesce(ep.part_of, ep.package_id) = coalesce(mine.part_of, mine.package_id)
       ORDER BY earlier.position LIMIT 1`,
      [item.packageId, item.position],
    ) ?? null
  );
}

/** The platform has the package (201, or 200 for one it already had): delivered; the watermark moves once every part of its export is. */
export function markSent(ctx: CoreContext, packageId: string, receivedAt: string): void {
  const now = ctx.now();
  ctx.write('exchange.sync.uploaded', (w) => {
    w.run("UPDATE exchange_outbox SET status = 'sent', sent_at = ?, received_at = ?, error = NULL WHERE package_id = ?", [now, receivedAt, packageId]);
    w.run("UPDATE exchange_package SET status = 'acknowledged', acknowledged_at = ? WHERE package_id = ? AND status = 'created'", [now, packageId]);
  });
  exchangeFiles.remove(ctx, 'outbox', `${packageId}.zip`);
}

/** The platform refused it for good (400, 409, 413): kept, with the reason, for a person. */
export function markRefused(ctx: CoreContext, packageId: string, error: string): void {
  ctx.write('exchange.sync.refused', (w) => {
    w.run("UPDATE exchange_outbox SET status = 'refused', error = ? WHERE package_id = ?", [error, packageId]);
  });
}
