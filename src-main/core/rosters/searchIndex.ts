import type { SqlDb } from '../db/sqlite';

/**
 * The quick-search index (migration 0008) follows every write through triggers. FTS4 writes a
 * segment per statement, which a bulk load of 200k rows, one statement each, cannot afford: it
 * pauses the triggers and rebuilds the index once when it is done. Only for loads that run in
 * one transaction (the pause is in the database, so a failed load rolls it back too).
 */
export function pauseSearchIndex(db: SqlDb): void {
  db.run('UPDATE search_state SET live = 0 WHERE id = 1');
}

export function rebuildSearchIndex(db: SqlDb): void {
  db.run("INSERT INTO resident_search (resident_search) VALUES ('rebuild')");
  db.run('UPDATE search_state SET live = 1 WHERE id = 1');
}

/**
 * Runs a write of many residents with the index deferred (migration 0010): their rows are noted
 * in search_pending and indexed by one statement at the end, one FTS4 segment instead of one per
 * row. Inside a transaction only, like the pause above; nested calls leave it to the outermost.
 */
export function withDeferredSearchIndex<T>(db: SqlDb, fn: () => T): T {
  if (db.value<number>('SELECT deferred FROM search_state WHERE id = 1') === 1) return fn();
  db.run('UPDATE search_state SET deferred = 1 WHERE id = 1');
  const result = fn();
  db.run(
    `INSERT INTO resident_search (docid, grams)
     SELECT rowid, grams FROM resident_search_text WHERE rowid IN (SELECT resident_id FROM search_pending)`,
  );
  db.run('DELETE FROM search_pending');
  db.run('UPDATE search_state SET deferred = 0 WHERE id = 1');
  return result;
}
