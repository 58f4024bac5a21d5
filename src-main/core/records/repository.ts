import type { EntityName, RecordOf } from '../../dto/records';
import type { ReadDb, SqlDb } from '../db/sqlite';

/** How one record kind is read from and written to the normalised tables. */
export interface Repository<E extends EntityName> {
  read(db: ReadDb, key: string): RecordOf[E] | null;
  /**
   * Writes a validated record: updates the record named `existingKey` (default: its own natural
   * key) when there is one, inserts it otherwise.
   */
  write(db: SqlDb, record: RecordOf[E], now: string, existingKey?: string): void;
  /** Many records under their own keys, as `write` one by one would leave them; faster for a kind that comes by the 100k. */
  writeMany?(db: SqlDb, records: readonly RecordOf[E][], now: string): void;
  /** False when there was nothing to remove. */
  remove(db: SqlDb, key: string): boolean;
}
