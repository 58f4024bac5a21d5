import type { ScheduleStatus } from '../../../dto/exchange';
import type { Settings } from '../../../dto/settings';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { log } from '../../log';
import { makePackage, recordsIn } from '../packages/service';
import { scheduleTexts as t } from '../texts';
import { readState, updateState, type ExchangeState } from './state';

/**
 * Scheduled export of exchange packages (daily at a time, or every N hours) into a folder and/or
 * the outbox. The setting is in settings.json and the last run in DATA/exchange/state.json, so a
 * run missed while the app was closed happens at the next start. A daily time wants its first run
 * at the first such time after it was set: 每天 03:30 saved at 09:16 runs tomorrow at 03:30, not at
 * once. Every N hours starts with a run, so a person sees at once that the folder works.
 */
type Schedule = Settings['exchange']['schedule'];

const HOUR = 3600_000;
const CHINA = 8 * HOUR;

/** `2026-11-21T18:00:00+08:00` for an instant. */
const chinaIso = (ms: number): string => `${new Date(ms + CHINA).toISOString().slice(0, 19)}+08:00`;

/** The latest moment the schedule wanted a run at or before `now` (ms), or null if it never has. */
function lastDue(schedule: Schedule, lastRunMs: number | null, now: number): number | null {
  if (schedule.mode === 'daily') {
    const [h, m] = schedule.dailyAt.split(':').map(Number);
    const day = Math.floor((now + CHINA) / (24 * HOUR)) * 24 * HOUR - CHINA;
    const today = day + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
    return today <= now ? today : today - 24 * HOUR;
  }
  if (schedule.mode === 'hours') return lastRunMs === null ? now : lastRunMs + schedule.everyHours * HOUR;
  return null;
}

/** A failed run (no USB stick, share offline) is tried again after this long. */
export const RETRY_FAILED_MS = HOUR;

/** `since`: when the schedule's timing was set (null: unknown, as for a schedule older than this rule). */
export function isDue(schedule: Schedule, lastRunAt: string | null, now: number, since: string | null = null): boolean {
  const last = lastRunAt ? Date.parse(lastRunAt) : null;
  const due = lastDue(schedule, last, now);
  if (due === null || due > now) return false;
  if (schedule.mode === 'daily' && since !== null && due < Date.parse(since)) return false;
  return last === null || last < due;
}

export function nextRunAt(schedule: Schedule, lastRunAt: string | null, now: number, since: string | null = null): string | null {
  if (schedule.mode === 'off') return null;
  if (isDue(schedule, lastRunAt, now, since)) return chinaIso(now);
  const last = lastRunAt ? Date.parse(lastRunAt) : null;
  if (schedule.mode === 'hours') return chinaIso((last ?? now) + schedule.everyHours * HOUR);
  return chinaIso((lastDue(schedule, last, now) ?? now) + 24 * HOUR);
}

export function describeSchedule(schedule: Schedule): string {
  if (schedule.mode === 'off') return t.off;
  const when = schedule.mode === 'daily' ? t.daily(schedule.dailyAt) : t.hourly(schedule.everyHours);
  const where = [schedule.folder ? t.toFolder(schedule.folder) : null, schedule.outbox ? t.toOutbox : null].filter(Boolean).join('、');
  return `${when}导出${schedule.incremental ? t.incremental : t.full}${where ? `，${where}` : t.nowhere}`;
}

const timingOf = (schedule: Schedule): string => `${schedule.mode} ${schedule.dailyAt} ${schedule.everyHours}`;

/**
 * The schedule's last run and the time its timing was set. A timing not seen before is noted as
 * set now: when the settings are saved, or (settings.json edited by hand) by the next look at it.
 * A state written before timings were noted keeps its history: the schedule ran, so it was set.
 */
export function scheduleState(ctx: CoreContext, now: number, state = readState(ctx.data).schedule): ExchangeState['schedule'] {
  const schedule = ctx.data.settings.exchange.schedule;
  if (state.timing === timingOf(schedule)) return state;
  const since = state.timing === null && state.lastRunAt !== null ? state.lastRunAt : chinaIso(now);
  return updateState(ctx.data, (s) => {
    s.schedule = { ...s.schedule, timing: timingOf(schedule), since };
  }).schedule;
}

export function scheduleStatus(ctx: CoreContext, now = Date.parse(ctx.now())): ScheduleStatus {
  const schedule = ctx.data.settings.exchange.schedule;
  const state = scheduleState(ctx, now);
  return {
    mode: schedule.mode,
    describe: describeSchedule(schedule),
    nextRunAt: nextRunAt(schedule, state.lastRunAt, now, state.since),
    lastRunAt: state.lastRunAt,
    lastResult: state.lastResult,
    lastError: state.lastError,
  };
}

/** Runs the scheduled export now; the outcome (or the reason it failed) is kept for the status panel. */
export function runScheduledExport(ctx: CoreContext): ScheduleStatus {
  const schedule = ctx.data.settings.exchange.schedule;
  const at = ctx.now();
  try {
    if (!schedule.folder && !schedule.outbox) throw new AppError('VALIDATION', t.nowhereError);
    const made = makePackage(ctx, { incremental: schedule.incremental, ...(schedule.folder ? { folder: schedule.folder } : {}), outbox: schedule.outbox });
    const records = recordsIn(made.counts);
    const files = made.parts.map((p) => p.fileName);
    const where = [...new Set(made.parts.flatMap((p) => p.deliveredTo))];
    updateState(ctx.data, (s) => {
      s.schedule = { ...s.schedule, lastRunAt: at, lastAttemptAt: at, lastResult: t.done(files, records, where), lastError: null, lastPackageId: made.parts[0]?.packageId ?? null };
    });
  } catch (error) {
    const message = error instanceof AppError ? error.message : t.failed;
    if (!(error instanceof AppError)) log.error('[schedule] export failed', error);
    updateState(ctx.data, (s) => {
      s.schedule = { ...s.schedule, lastAttemptAt: at, lastError: message };
    });
  }
  return scheduleStatus(ctx);
}
