import type { CoreRuntime } from '../../core';
import { log } from '../../log';
import { backoffMs, type RetryPolicy } from './retry';
import { isDue, RETRY_FAILED_MS, runScheduledExport, scheduleState } from './schedule';
import { cityToken, runSync, syncRunning } from './service';
import { readState } from './state';
import { pendingUploads } from './outbox';
import { runTask } from '../tasks';
import { syncTexts } from '../texts';

/**
 * What runs without a person asking, in the process that holds the core (the desktop app, serve):
 * the scheduled export when it is due, and the sync with the city platform every few minutes —
 * sooner while the outbox has packages, later after each failed round (backoff), so it resumes by
 * itself after a restart or when the network comes back.
 */
const ACTOR = { actor: '自动任务' };
const TICK_MS = 30_000;

const BACKGROUND_POLICY: RetryPolicy = { baseDelayMs: 2000, maxDelayMs: 30_000, maxAttempts: 3 };
/** A background round reports under this task, so an open panel shows it and can cancel it. */
export const BACKGROUND_SYNC_TASK = 'sync-background';

/** One look at what is due; `now` in the core's clock (the state's times are written with it). */
export async function tick(core: CoreRuntime, now = Date.parse(core.now()), policy = BACKGROUND_POLICY): Promise<void> {
  if (!core.data.hasStore()) return;
  const ctx = core.context(ACTOR);
  const settings = core.data.settings.exchange;
  const state = readState(core.data);

  const scheduled = scheduleState(ctx, now, state.schedule);
  const lastAttempt = scheduled.lastAttemptAt ? Date.parse(scheduled.lastAttemptAt) : null;
  const failedRecently = scheduled.lastError !== null && lastAttempt !== null && now - lastAttempt < RETRY_FAILED_MS;
  if (isDue(settings.schedule, scheduled.lastRunAt, now, scheduled.since) && !failedRecently) runScheduledExport(ctx);

  // A round a person started is not joined by another, nor its task replaced.
  if (!settings.cityUrl || settings.syncEveryMinutes === 0 || !cityToken(ctx.db()) || syncRunning(ctx)) return;
  const lastRun = state.sync.lastRunAt ? Date.parse(state.sync.lastRunAt) : 0;
  const wait = state.sync.failures > 0 ? backoffMs(state.sync.failures, { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAttempts: 0 }, Math.random) : settings.syncEveryMinutes * 60_000;
  const pending = pendingUploads(ctx.db()).length > 0;
  if (now - lastRun < (pending && state.sync.failures === 0 ? 0 : wait)) return;
  await runTask(ctx, BACKGROUND_SYNC_TASK, syncTexts.finished, (hooks) => runSync(ctx, {}, { ...hooks, policy, budgetMs: 120_000, taskId: BACKGROUND_SYNC_TASK }));
}

export function startExchangeServices(core: CoreRuntime, tickMs = TICK_MS): () => void {
  let busy = false;
  const run = (): void => {
    if (busy) return;
    busy = true;
    tick(core)
      .catch((error: unknown) => log.error('[exchange] background task failed', error))
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, tickMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
