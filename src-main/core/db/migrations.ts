import { createHash } from 'node:crypto';
import type { SqlDb } from './sqlite';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const files = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

/** The code's migrations in order: `0001_governance.sql` → version 1, name `governance`. */
export const migrations: readonly Migration[] = Object.entries(files)
  .map(([path, sql]) => {
    const match = /\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!match) throw new Error(`Migration file name must be NNNN_name.sql: ${path}`);
    return {
      version: Number(match[1]),
      name: match[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
    };
  })
  .sort((a, b) => a.version - b.version);

// A gap would let two installations apply different sets under the same numbers.
migrations.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
});

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export class MigrationMismatchError extends Error {
  override readonly name = 'MigrationMismatchError';
}

/**
 * Refuses a database whose applied migrations are not a prefix of the code's: a newer app
 * wrote it, or a migration file was edited after release. Returns how many are applied.
 */
export function checkMigrations(db: SqlDb, available: readonly Migration[] = migrations): number {
  const exists = db.value<number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'");
  if (!exists) return 0;
  const applied = db.all<AppliedRow>('SELECT version, name, checksum FROM schema_migration ORDER BY version');
  applied.forEach((row, i) => {
    const known = available[i];
    if (!known || known.version !== row.version) {
      throw new MigrationMismatchError(
        `数据库包含本程序不认识的结构版本 ${String(row.version).padStart(4, '0')}_${row.name}，可能由更新版本的程序创建，请升级本程序后再打开。`,
      );
    }
    if (known.name !== row.name || known.checksum !== row.checksum) {
      throw new MigrationMismatchError(
        `数据库结构版本 ${String(row.version).padStart(4, '0')}_${row.name} 与本程序的定义不一致，拒绝打开以免损坏数据。`,
      );
    }
  });
  return applied.length;
}

/** Brings a database up to the code's schema, after checking it as `checkMigrations` does. */
export function migrate(db: SqlDb, at: string, available: readonly Migration[] = migrations): number[] {
  const appliedCount = checkMigrations(db, available);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const pending = available.slice(appliedCount);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.run('INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)', [
        m.version,
        m.name,
        m.checksum,
        at,
      ]);
    });
  }
  return pending.map((m) => m.version);
}
