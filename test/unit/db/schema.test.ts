import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrations';
import { loadSqlJs } from '../../../src-main/core/db/sqljs';
import { SqlDb } from '../../../src-main/core/db/sqlite';
import { resourcesDir } from '../../helpers/core';

describe('schema', () => {
  it('is what the migrations build (a change to the schema must change this snapshot on purpose)', async () => {
    const sql = await loadSqlJs(join(resourcesDir, 'sql-wasm.wasm'));
    const db = new SqlDb(new sql.Database());
    migrate(db, 'T');
    const objects = db.all<{ type: string; name: string; sql: string }>(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC, name",
    );
    const text = objects.map((o) => `-- ${o.type} ${o.name}\n${o.sql};`).join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });
});
