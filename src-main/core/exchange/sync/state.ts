import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncReport } from '../../../dto/exchange';
import type { DataDirectory } from '../../storage/dataDirectory';
import { realIo, writeFileAtomic } from '../../storage/io';

/**
 * What the last sync and the last scheduled export did, for the status panel: times, counts and
 * Chinese error messages, never personal data. A small file beside the database (the database's
 * writes are for the street's data), in memory for an in-memory core.
 */
export interface ExchangeState {
  sync: {
    lastRunAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    /** Failed runs in a row: the background service waits longer after each. */
    failures: number;
    lastReport: SyncReport | null;
  };
  schedule: {
    /** The last run that delivered a package. */
    lastRunAt: string | null;
    /** The last try, successful or not (a failed one is tried again an hour later). */
    lastAttemptAt: string | null;
    lastResult: string | null;
    lastError: string | null;
    /** The export's package: its first part, when it was split. */
    lastPackageId: string | null;
    /** When the schedule's timing (`timing`) was first seen: no run is due for a moment before it. */
    since: string | null;
    timing: string | null;
  };
}

const empty = (): ExchangeState => ({
  sync: { lastRunAt: null, lastSuccessAt: null, lastError: null, failures: 0, lastReport: null },
  schedule: { lastRunAt: null, lastAttemptAt: null, lastResult: null, lastError: null, lastPackageId: null, since: null, timing: null },
});

const memory = new WeakMap<DataDirectory, ExchangeState>();
const fileOf = (dir: string): string => join(dir, 'exchange', 'state.json');

export function readState(data: DataDirectory): ExchangeState {
  const dir = data.dataDir;
  if (!dir) return memory.get(data) ?? empty();
  try {
    if (!existsSync(fileOf(dir))) return empty();
    const stored = JSON.parse(readFileSync(fileOf(dir), 'utf8')) as Partial<ExchangeState>;
    return { sync: { ...empty().sync, ...stored.sync }, schedule: { ...empty().schedule, ...stored.schedule } };
  } catch {
    return empty();
  }
}

export function updateState(data: DataDirectory, change: (state: ExchangeState) => void): ExchangeState {
  const state = readState(data);
  change(state);
  const dir = data.dataDir;
  if (!dir) memory.set(data, state);
  else {
    mkdirSync(join(dir, 'exchange'), { recursive: true });
    writeFileAtomic(realIo, fileOf(dir), Buffer.from(JSON.stringify(state, null, 2), 'utf8'));
  }
  return state;
}
