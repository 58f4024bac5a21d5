import type { SqlDb } from '../db/sqlite';

/** Row counts of every data table (check-db, setup results). */
export function tableCounts(db: SqlDb): Record<string, number> {
  const tables = db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migration' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = db.value<number>(`SELECT count(*) FROM "${name}"`) ?? 0;
  return counts;
}

export interface IntegrityReport {
  integrity: string[];
  foreignKeys: { table: string; rowid: number; parent: string }[];
}

export function integrityReport(db: SqlDb): IntegrityReport {
  const integrity = db.all<{ integrity_check: string }>('PRAGMA integrity_check').map((r) => r.integrity_check);
  const foreignKeys = db.all<{ table: string; rowid: number; parent: string }>('PRAGMA foreign_key_check');
  return { integrity, foreignKeys };
}
