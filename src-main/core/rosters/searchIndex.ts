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
