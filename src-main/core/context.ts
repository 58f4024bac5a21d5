import type { BackendEvents, EventName } from '../dto/events';
import type { SqlDb } from './db/sqlite';

/** What a handler may use. Handlers never see the transport or the process they run in. */
export interface CoreContext {
  readonly appName: string;
  readonly version: string;
  readonly dataDir: string | null;
  /** The open street database; throws NO_DATABASE before the first street is created. */
  db(): SqlDb;
  hasDatabase(): boolean;
  emit<E extends EventName>(name: E, payload: BackendEvents[E]): void;
}
