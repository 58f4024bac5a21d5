import { createHash } from 'node:crypto';
import type { SyncReport } from '../../../dto/exchange';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { log } from '../../log';
import { exchangeFiles } from '../files';
import { receivePackage } from '../packages/receive';
import { ackPackage, fetchPackage, listDown, uploadPackage, type Answer, type CityEndpoint } from './cityApi';
import { markRefused, markSent, pendingUploads, refusedEarlierPart } from './outbox';
import { defaultPolicy, realSleep, withRetries, type RetryEnv, type RetryPolicy } from './retry';
import { syncTexts as t } from '../texts';
import type { TaskHooks } from '../tasks';

/**
 * One round with the city platform (SPEC §4): upload every package in the outbox, in order, each
 * with its packageId as Idempotency-Key; then pull the down packages after the stored cursor,
 * apply each (or hold it for a person when it conflicts), acknowledge what was applied. Stops at
 * the first package that cannot get through, so nothing overtakes it; the next round resumes.
 * A cancel stops it the same way at any point but a package's write: what got through stays
 * done, and an upload cut off in flight is sent again, under the same Idempotency-Key.
 */
export interface SyncOptions {
  endpoint: CityEndpoint;
  policy?: RetryPolicy;
  /** The round gives up waiting past this many milliseconds. */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** A person's cancel. */
  signal?: AbortSignal;
  /** Told each upload and download, and how far a package received has got. */
  onProgress?: TaskHooks['onProgress'];
}

const CURSOR = 'pull.cursor';

export function readCursor(ctx: CoreContext): string | null {
  return ctx.db().value<string>('SELECT value FROM exchange_state WHERE key = ?', [CURSOR]) ?? null;
}

function saveCursor(ctx: CoreContext, cursor: string): void {
  ctx.write('exchange.sync.cursor', (w) => {
    w.run('INSERT INTO exchange_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value', [CURSOR, cursor]);
  });
}

class Stop extends Error {}

export async function syncOnce(ctx: CoreContext, options: SyncOptions): Promise<SyncReport> {
  const policy = options.policy ?? defaultPolicy;
  const started = Date.now();
  const env: RetryEnv = {
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: () => Date.now(),
    deadline: started + (options.budgetMs ?? 5 * 60_000),
    signal: options.signal,
    // stderr: `scc sync --json` prints exactly one document on stdout.
    onRetry: (attempt, waitMs, reason) => log.warn(`[sync] ${reason}; retry ${attempt} in ${waitMs} ms`),
  };
  const report: SyncReport = {
    startedAt: ctx.now(),
    finishedAt: '',
    uploaded: [],
    refused: [],
    pulled: [],
    applied: [],
    conflicts: [],
    pending: 0,
    lastError: null,
    cancelled: false,
  };
  const { signal } = options;
  const endpoint: CityEndpoint = { ...options.endpoint, ...(signal ? { signal } : {}) };
  const progress = (label: string, done: number, total: number | null): void => options.onProgress?.(label, done, total, true);
  // Bytes moving on a weak network, at most four times a second: the bar shows the transfer alive.
  const bytesProgress = (label: string, whole = label): ((done: number, total: number | null) => void) => {
    let last = 0;
    return (done, total) => {
      const now = Date.now();
      if (done !== total && now - last < 250) return;
      last = now;
      options.onProgress?.(done === total ? whole : label, done, total, true, 'bytes');
    };
  };
  const fail = (message: string): never => {
    report.lastError = message;
    throw new Stop(message);
  };
  const stopIfCancelled = (): void => {
    if (!signal?.aborted) return;
    report.cancelled = true;
    fail(t.cancelled(report.uploaded.length, report.applied.length));
  };
  const settle = <T>(answer: Answer<T>, what: string): T | 'refused' => {
    // A call cut off by the cancel comes back as a failed one: it is the cancel, not the network.
    stopIfCancelled();
    if (answer.kind === 'ok') return answer.value;
    if (answer.kind === 'refused') return 'refused';
    return fail(answer.kind === 'retry' ? t.gaveUp(what, answer.reason) : answer.reason);
  };

  try {
    const uploads = pendingUploads(ctx.db());
    for (const [index, item] of uploads.entries()) {
      stopIfCancelled();
      progress(t.progressUploading, index, uploads.length);
      const earlier = refusedEarlierPart(ctx.db(), item);
      if (earlier) {
        markRefused(ctx, item.packageId, t.earlierPartRefused(earlier));
        report.refused.push({ packageId: item.packageId, reason: t.earlierPartRefused(earlier) });
        continue;
      }
      const bytes = exchangeFiles.read(ctx, 'outbox', item.file);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== item.sha256) {
        // Never another body under the same packageId: a damaged file is held back, not "fixed".
        markRefused(ctx, item.packageId, t.outboxDamaged);
        report.refused.push({ packageId: item.packageId, reason: t.outboxDamaged });
        continue;
      }
      // Once all of it has left, the wait is the platform's: the bar says so.
      const sent = options.onProgress ? bytesProgress(t.progressUploadingOne(index + 1, uploads.length), t.progressAwaitingAnswer(index + 1, uploads.length)) : undefined;
      const answer = await withRetries(() => uploadPackage(endpoint, item.packageId, bytes, sent), policy, env);
      if (answer.kind === 'refused') {
        markRefused(ctx, item.packageId, answer.reason);
        report.refused.push({ packageId: item.packageId, reason: answer.reason });
        continue;
      }
      const received = settle(answer, t.uploading);
      if (received === 'refused') continue;
      markSent(ctx, item.packageId, received.receivedAt);
      report.uploaded.push(received);
    }

    const streetCode = ctx.db().value<string>('SELECT code FROM street WHERE id = 1') ?? '';
    let cursor = readCursor(ctx);
    for (;;) {
      stopIfCancelled();
      const page = settle(await withRetries(() => listDown(endpoint, streetCode, cursor), policy, env), t.listing);
      if (page === 'refused') fail(t.listRefused);
      const { items, nextCursor } = page as { items: { packageId: string }[]; nextCursor: string | null };
      if (items.length === 0) break;
      const seen = new Set<string>();
      for (const item of items) {
        // The same package listed twice (a duplicate delivery) is applied once.
        if (seen.has(item.packageId)) continue;
        seen.add(item.packageId);
        stopIfCancelled();
        progress(t.progressDownloading, 0, null);
        const received = options.onProgress ? bytesProgress(t.progressDownloading) : undefined;
        const bytes = settle(await withRetries(() => fetchPackage(endpoint, item.packageId, received), policy, env), t.downloading);
        if (bytes === 'refused') fail(t.fetchRefused(item.packageId));
        report.pulled.push(item.packageId);
        let outcome;
        try {
          // The receive says itself when it stops being cancellable (its write) and when it is again.
          outcome = await receivePackage(ctx, `${item.packageId}.zip`, bytes as Uint8Array, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(signal ? { signal } : {}) });
        } catch (error) {
          stopIfCancelled();
          if (error instanceof AppError) fail(t.packageRefused(item.packageId, error.message));
          throw error;
        }
        if (outcome.status === 'conflict') {
          report.conflicts.push(item.packageId);
          fail(t.heldForConflicts(outcome.conflicts.length));
        }
        if (outcome.status === 'applied') report.applied.push(item.packageId);
        progress(t.progressAcknowledging, 0, null);
        const acked = settle(await withRetries(() => ackPackage(endpoint, item.packageId), policy, env), t.acknowledging);
        if (acked === 'refused') fail(t.ackRefused(item.packageId));
        ctx.write('exchange.sync.acked', (w) => w.run('UPDATE exchange_package SET acked_at = ? WHERE package_id = ? AND acked_at IS NULL', [ctx.now(), item.packageId]));
      }
      if (!nextCursor || nextCursor === cursor) break;
      cursor = nextCursor;
      saveCursor(ctx, cursor);
    }
  } catch (error) {
    if (!(error instanceof Stop)) {
      report.lastError = error instanceof AppError ? error.message : t.internal;
      if (!(error instanceof AppError)) log.error('[sync] round failed', error);
    }
  }
  report.pending = pendingUploads(ctx.db()).length;
  report.finishedAt = ctx.now();
  return report;
}
