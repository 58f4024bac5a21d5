import type { BackendEvents, EventName } from '../dto/events';
import type { SqlDb } from './db/sqlite';
import type { DataDirectory } from './storage/dataDirectory';
import type { WriteResult } from './storage/store';

/** Who made a call: set by the transport (desktop user, browser address, CLI user). */
export interface CallMeta {
  actor: string;
}

/** What a handler may use. Handlers never see the transport or the process they run in. */
export interface CoreContext {
  readonly appName: string;
  readonly version: string;
  readonly actor: string;
  readonly data: DataDirectory;
  /** Current time as stored: `2026-11-21T09:30:00+08:00`. */
  now(): string;
  /** The open street database; throws an AppError a person can act on when there is none. */
  db(): SqlDb;
  /**
   * Changes data through the durable write path (transaction, audit, journal fsync) and tells
   * every client what changed. `action` names the user action in the audit log; `rows`, for a
   * bulk write, how many records it may add, so the database makes room for them first.
   */
  write<T>(action: string, fn: (db: SqlDb) => T, options?: { rows?: number }): WriteResult<T>;
  emit<E extends EventName>(name: E, payload: BackendEvents[E]): void;
}
