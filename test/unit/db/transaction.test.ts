import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src-main/core/db/sqljs';
import { SqlDb } from '../../../src-main/core/db/sqlite';
import { resourcesDir } from '../../helpers/core';

describe('SqlDb transactions', () => {
  it('ends a transaction whose COMMIT fails on a deferred foreign key, and stays usable', async () => {
    const sql = await loadSqlJs(join(resourcesDir, 'sql-wasm.wasm'));
    const db = new SqlDb(new sql.Database());
    db.exec('PRAGMA foreign_keys = ON; CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));');
    expect(() =>
      db.transaction(() => {
        db.run('PRAGMA defer_foreign_keys = ON');
        db.run('INSERT INTO child (id, parent_id) VALUES (1, 99)');
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(db.value('SELECT count(*) FROM child')).toBe(0);
    db.transaction(() => db.run('INSERT INTO parent (id) VALUES (1)'));
    expect(db.value('SELECT count(*) FROM parent')).toBe(1);
  });
});
