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

  it('0012 lets a household have no room and keeps every household, its residents and their references; 0013 counts only rooms', async () => {
    const db = await fresh();
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 'T', migrations.slice(0, 11));
    db.exec(`INSERT INTO community (id, code, name, updated_at) VALUES (1, '150102001001', '社区', 'T');
      INSERT INTO grid (id, code, community_id, name, kind, updated_at) VALUES (1, '150102001001001', 1, '网格', '城市社区网格', 'T');
      INSERT INTO building (id, code, grid_id, name, updated_at) VALUES (1, '1501020010010010001', 1, '1号楼', 'T');
      INSERT INTO unit (id, code, building_id, name, updated_at) VALUES (1, '150102001001001000101', 1, '1单元', 'T');
      INSERT INTO household (id, building_id, unit_id, room, use, party_center, updated_at) VALUES (7, 1, 1, '301', '出租', 1, 'T2'), (9, 1, NULL, '101', '自住', 0, 'T3');
      INSERT INTO person (id, id_number, name, gender, birth_date, updated_at) VALUES (1, '110101199003074514', '甲', '男', '1990-03-07', 'T');
      INSERT INTO resident (id, person_id, grid_id, household_id, updated_at) VALUES (1, 1, 1, 7, 'T');`);
    expect(() => db.run("INSERT INTO household (building_id, room, updated_at) VALUES (1, NULL, 'T')")).toThrow(/NOT NULL/);

    expect(migrate(db, 'T', migrations.slice(0, 12))).toEqual([12]);
    expect(db.all('SELECT * FROM household ORDER BY id')).toEqual([
      { id: 7, building_id: 1, unit_id: 1, room: '301', use: '出租', party_center: 1, updated_at: 'T2' },
      { id: 9, building_id: 1, unit_id: null, room: '101', use: '自住', party_center: 0, updated_at: 'T3' },
    ]);
    expect(db.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(db.value('PRAGMA foreign_keys')).toBe(1);
    // Two residents of one building without a room each get a place of their own.
    db.run("INSERT INTO household (building_id, unit_id, room, updated_at) VALUES (1, 1, NULL, 'T'), (1, 1, NULL, 'T')");
    expect(db.value('SELECT count(*) FROM household WHERE room IS NULL')).toBe(2);
    expect(() => db.run("INSERT INTO household (building_id, unit_id, room, updated_at) VALUES (1, 1, '301', 'T')")).toThrow(/UNIQUE/);
    expect(() => db.run("INSERT INTO household (building_id, room, updated_at) VALUES (1, '', 'T')")).toThrow(/CHECK/);
    expect(() => db.run('DELETE FROM household WHERE id = 7')).toThrow(/FOREIGN KEY/);

    // 0013: the rooms are the households with a room number; the two places are not rooms.
    expect(migrate(db, 'T', migrations.slice(0, 13))).toEqual([13]);
    expect(db.all<{ id: number }>('SELECT id FROM rooms ORDER BY id').map((r) => r.id)).toEqual([7, 9]);
    expect(db.value('SELECT count(*) FROM household')).toBe(4);
  });

  it('ships the wasm sql.js was built with', () => {
    const shipped = readFileSync(join(resourcesDir, 'sql-wasm.wasm'));
    const packaged = readFileSync(join(repoRoot, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'));
    expect(shipped.equals(packaged)).toBe(true);
  });
});
