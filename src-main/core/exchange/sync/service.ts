import type { SyncReport, SyncStatus } from '../../../dto/exchange';
import type { CoreContext } from '../../context';
import type { ReadDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import type { DataDirectory } from '../../storage/dataDirectory';
import { syncTexts as t } from '../texts';
import { syncOnce, type SyncOptions } from './engine';
import { pendingUploads } from './outbox';
import { scheduleStatus } from './schedule';
import { readState, updateState } from './state';

/**
 * The city API's settings and the sync as the UI, the CLI and the background service run it: one
 * round at a time per data directory, its outcome kept for the status panel. The token is kept
 * in the database (sealed with it when encryption is on) and never returned.
 */
const TOKEN = 'city.token';
/** The round running on each data directory, by the task id its progress is reported under. */
const running = new WeakMap<DataDirectory, string | null>();

export const syncRunning = (ctx: CoreContext): boolean => running.has(ctx.data);

export const cityToken = (db: ReadDb): string | null => db.value<string>('SELECT value FROM exchange_state WHERE key = ?', [TOKEN]) ?? null;

export function configureCity(ctx: CoreContext, input: { cityUrl?: string | null; token?: string }): SyncStatus {
  if (input.cityUrl !== undefined) ctx.data.updateSettings({ exchange: { cityUrl: input.cityUrl } });
  if (input.token !== undefined) {
    const token = input.token.trim();
    ctx.write('sync.configure', (w) => {
      if (token === '') w.run('DELETE FROM exchange_state WHERE key = ?', [TOKEN]);
      else w.run('INSERT INTO exchange_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value', [TOKEN, token]);
    });
  }
  return syncStatus(ctx);
}

export function syncStatus(ctx: CoreContext): SyncStatus {
  const db = ctx.db();
  const state = readState(ctx.data).sync;
  const settings = ctx.data.settings.exchange;
  return {
    cityUrl: settings.cityUrl,
    tokenSet: cityToken(db) !== null,
    streetCode: db.value<string>('SELECT code FROM street WHERE id = 1') ?? '',
    running: syncRunning(ctx),
    runningTaskId: running.get(ctx.data) ?? null,
    pending: pendingUploads(db).length,
    refused: db.value<number>("SELECT count(*) FROM exchange_outbox WHERE status = 'refused'") ?? 0,
    lastRunAt: state.lastRunAt,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
    lastReport: state.lastReport,
    everyMinutes: settings.syncEveryMinutes,
    schedule: scheduleStatus(ctx),
  };
}

export interface RunOverrides {
  url?: string;
  token?: string;
}

/**
 * One sync round now; refused while another is running. `taskId`: the task the round's progress
 * is reported under (shown to a window that opens the panel meanwhile).
 */
export async function runSync(
  ctx: CoreContext,
  overrides: RunOverrides = {},
  options: Omit<SyncOptions, 'endpoint'> & { timeoutMs?: number; taskId?: string } = {},
): Promise<SyncReport> {
  const baseUrl = overrides.url ?? ctx.data.settings.exchange.cityUrl;
  const token = overrides.token ?? cityToken(ctx.db());
  if (!baseUrl || !token) throw new AppError('VALIDATION', t.notConfigured);
  if (running.has(ctx.data)) throw new AppError('CONFLICT', t.running);
  running.set(ctx.data, options.taskId ?? null);
  try {
    const report = await syncOnce(ctx, { ...options, endpoint: { baseUrl, token, timeoutMs: options.timeoutMs ?? 60_000 } });
    const ok = report.lastError === null;
    updateState(ctx.data, (s) => {
      s.sync = {
        lastRunAt: report.finishedAt,
        lastSuccessAt: ok ? report.finishedAt : s.sync.lastSuccessAt,
        lastError: report.lastError,
        // A person's cancel says nothing of the platform: the background waits no longer for it.
        failures: ok ? 0 : report.cancelled ? s.sync.failures : s.sync.failures + 1,
        lastReport: report,
      };
    });
    return report;
  } finally {
    running.delete(ctx.data);
  }
}
