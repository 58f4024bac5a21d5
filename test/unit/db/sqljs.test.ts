import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSqlJs, openDatabase } from '../../../src-main/core/db/sqljs';
import { SqlDb } from '../../../src-main/core/db/sqlite';
import { prepareConnection } from '../../../src-main/core/storage/connection';
import { resourcesDir } from '../../helpers/core';

const sqlJs = () => loadSqlJs(join(resourcesDir, 'sql-wasm.wasm'));

/** The file of a database these statements make, as sql.js exports it. */
function imageOf(sql: Awaited<ReturnType<typeof sqlJs>>, statements: string): Uint8Array {
  const source = new sql.Database();
  source.exec(statements);
  const image = source.export();
  source.close();
  return image;
}

/** A file of `rows` rows of 1 KB each, with an index: many pages, written out of order. */
function fill(db: { exec(sql: string): unknown }, rows: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, k TEXT, v BLOB);
    CREATE INDEX IF NOT EXISTS t_k ON t(k);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
    INSERT INTO t (k, v) SELECT hex(randomblob(8)), randomblob(1024) FROM n;`);
}

describe('sql.js databases: opened with room, exported in place', () => {
  it('gives the file room beyond its bytes, and sql.js takes it (watch this across sql.js updates)', async () => {
    const sql = await sqlJs();
    const bytes = imageOf(sql, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('王伟'), ('李娜')");

    const opened = openDatabase(sql, bytes);
    expect(opened.roomy).toBe(true);
    expect(opened.db.exec('SELECT name FROM t ORDER BY id')[0]?.values).toEqual([['王伟'], ['李娜']]);
    // The bytes given are left as they were, and slicing them elsewhere is ordinary slicing.
    expect(bytes.slice(0, 16)).toEqual(new Uint8Array(Buffer.from('SQLite format 3\0')));
    opened.db.close();

    // Room the system cannot give: the database opens without it, as sql.js alone would open it.
    const without = openDatabase(sql, bytes, { room: Number.MAX_SAFE_INTEGER });
    expect(without.roomy).toBe(false);
    expect(without.capacity).toBe(bytes.length);
    expect(without.db.exec('SELECT count(*) FROM t')[0]?.values).toEqual([[2]]);
    without.db.close();

    const empty = openDatabase(sql);
    expect(empty.roomy).toBe(true);
    expect(empty.db.exec('SELECT count(*) FROM sqlite_master')[0]?.values).toEqual([[0]]);
    empty.db.close();
  });

  it('adopts a buffer that already holds the room as the file itself, and copies one that does not', async () => {
    const sql = await sqlJs();
    const image = imageOf(sql, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('王伟')");
    const room = 1024 * 1024;
    const roomy = new Uint8Array(image.length + room);
    roomy.set(image);
    const bytes = roomy.subarray(0, image.length);

    const adopted = openDatabase(sql, bytes, { room, adopt: true });
    expect(adopted.capacity).toBe(image.length + room);
    adopted.db.exec("INSERT INTO t (name) VALUES ('李娜')");
    // The buffer is the file now: the page the insert changed changed in it too.
    expect(Buffer.from(roomy.subarray(0, image.length)).equals(Buffer.from(image))).toBe(false);
    expect(new sql.Database(roomy.slice(0, image.length)).exec('SELECT name FROM t ORDER BY id')[0]?.values).toEqual([['王伟'], ['李娜']]);
    adopted.db.close();

    // Not asked to adopt, or without the room: the database gets a copy and the bytes stay.
    for (const [given, adopt] of [
      [new Uint8Array(image), true],
      [Uint8Array.from([...image, ...new Uint8Array(room)]).subarray(0, image.length), false],
    ] as const) {
      const before = Buffer.from(given);
      const copied = openDatabase(sql, given, { room, adopt });
      copied.db.exec("INSERT INTO t (name) VALUES ('张敏')");
      expect(Buffer.from(given).equals(before)).toBe(true);
      copied.db.close();
    }
  });

  it('keeps every page when the file grows within its room and past it', async () => {
    const sql = await sqlJs();
    const start = imageOf(sql, 'CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v BLOB)');

    // 64 KB of room: the first rows fit, the rest make MEMFS grow the file past it.
    const { db, roomy } = openDatabase(sql, start, { room: 64 * 1024 });
    expect(roomy).toBe(true);
    fill(db, 3000);
    const written = db.exec('SELECT count(*), sum(length(v)), group_concat(k) FROM (SELECT k, v FROM t ORDER BY id)')[0]?.values[0];
    const image = db.export();
    expect(db.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
    db.close();

    // The exported file holds the same rows, opened plainly and opened with room.
    for (const reopened of [new sql.Database(image), openDatabase(sql, image).db]) {
      expect(reopened.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
      expect(reopened.exec('SELECT count(*), sum(length(v)), group_concat(k) FROM (SELECT k, v FROM t ORDER BY id)')[0]?.values[0]).toEqual(written);
      reopened.close();
    }
    expect(written?.[0]).toBe(3000);
  });

  it('exports without dropping the connection: statements, TEMP triggers and pragmas stay (snapshots rely on it)', async () => {
    const sql = await sqlJs();
    const db = new SqlDb(openDatabase(sql).db);
    db.exec("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, seq INTEGER, at TEXT, actor TEXT, action TEXT, entity TEXT, row_id INTEGER, op TEXT, before TEXT, after TEXT)");
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))');
    prepareConnection(db);
    db.run("INSERT INTO temp.write_context (seq, at, actor, action) VALUES (1, 'now', 'test', 'test')");
    db.run('INSERT INTO parent (id) VALUES (?)', [1]);

    const image = db.export();
    expect(image.length).toBeGreaterThan(0);

    // The cached statement, the audit trigger, the write context and foreign keys all still work.
    db.run('INSERT INTO parent (id) VALUES (?)', [2]);
    expect(db.all('SELECT entity, row_id AS rowId, op FROM audit_log ORDER BY id')).toEqual([
      { entity: 'parent', rowId: 1, op: 'insert' },
      { entity: 'parent', rowId: 2, op: 'insert' },
    ]);
    expect(() => db.run('INSERT INTO child (id, parent_id) VALUES (1, 99)')).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
