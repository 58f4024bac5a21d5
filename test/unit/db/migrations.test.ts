import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, MigrationMismatchError, type Migration } from '../../../src-main/core/db/migrations';
import { loadSqlJs } from '../../../src-main/core/db/sqljs';
import { SqlDb } from '../../../src-main/core/db/sqlite';
import { repoRoot, resourcesDir } from '../../helpers/core';

const fresh = async (): Promise<SqlDb> => {
  const sql = await loadSqlJs(join(resourcesDir, 'sql-wasm.wasm'));
  return new SqlDb(new sql.Database());
};

describe('migrations', () => {
  it('applies every migration once, in order, and records it', async () => {
    const db = await fresh();
    expect(migrate(db, 'T1')).toEqual(migrations.map((m) => m.version));
    expect(migrate(db, 'T2')).toEqual([]);
    const rows = db.all<{ version: number; applied_at: string }>('SELECT version, applied_at FROM schema_migration ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(new Set(rows.map((r) => r.applied_at))).toEqual(new Set(['T1']));
  });

  it('refuses a database that a newer version migrated further', async () => {
    const db = await fresh();
    const future: Migration = { version: (migrations.at(-1)?.version ?? 0) + 1, name: 'future', sql: 'CREATE TABLE future (x)', checksum: 'f' };
    migrate(db, 'T', [...migrations, future]);
    expect(() => migrate(db, 'T')).toThrow(MigrationMismatchError);
    expect(() => migrate(db, 'T')).toThrow(/更新版本/);
  });

  it('refuses a database whose applied migration differs from the code’s', async () => {
    const db = await fresh();
    migrate(db, 'T');
    db.run("UPDATE schema_migration SET checksum = 'edited' WHERE version = 1");
    expect(() => migrate(db, 'T')).toThrow(/不一致/);
  });

  it('ships the wasm sql.js was built with', () => {
    const shipped = readFileSync(join(resourcesDir, 'sql-wasm.wasm'));
    const packaged = readFileSync(join(repoRoot, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'));
    expect(shipped.equals(packaged)).toBe(true);
  });
});
