import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrations';
import { loadSqlJs } from '../../../src-main/core/db/sqljs';
import { SqlDb } from '../../../src-main/core/db/sqlite';
import { resourcesDir } from '../../helpers/core';

async function migrated(): Promise<SqlDb> {
  const sql = await loadSqlJs(join(resourcesDir, 'sql-wasm.wasm'));
  const db = new SqlDb(new sql.Database());
  migrate(db, 'T');
  return db;
}

describe('schema', () => {
  it('has an index led by every column that refers to another table (a delete looks up what still refers to the row)', async () => {
    const db = await migrated();
    const unindexed: string[] = [];
    for (const { name } of db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
      const leading = new Set(
        db.all<{ name: string }>(`SELECT name FROM pragma_index_list(?)`, [name]).map((i) => db.value<string>('SELECT name FROM pragma_index_info(?) WHERE seqno = 0', [i.name])),
      );
      for (const fk of db.all<{ from: string; table: string }>('SELECT "from", "table" FROM pragma_foreign_key_list(?)', [name])) {
        if (!leading.has(fk.from)) unindexed.push(`${name}.${fk.from} → ${fk.table}`);
      }
    }
    expect(unindexed).toEqual([]);
  });

  it('is what the migrations build (a change to the schema must change this snapshot on purpose)', async () => {
    const db = await migrated();
    const objects = db.all<{ type: string; name: string; sql: string }>(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC, name",
    );
    const text = objects.map((o) => `-- ${o.type} ${o.name}\n${o.sql};`).join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });
});
