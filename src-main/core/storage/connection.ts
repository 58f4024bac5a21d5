import type { SqlDb } from '../db/sqlite';

/** All the preparing needs: native SQLite stands in for sql.js in the exchange benchmark. */
type Connection = Pick<SqlDb, 'exec' | 'all'>;

/**
 * What every connection needs: foreign keys on, the write context of the current write, and the
 * audit triggers that read it. Run again after a migration, which may add tables to audit.
 */
export function prepareConnection(db: Connection): void {
  db.exec('PRAGMA foreign_keys = ON');
  // The rollback journal in memory, not in sql.js's in-memory file system, where each page of a
  // large write was copied into a growing file (half the time of a 100k-row import). Durability
  // is the app's own journal's job; a transaction still rolls back as before.
  db.exec('PRAGMA journal_mode = MEMORY');
  db.exec('CREATE TEMP TABLE IF NOT EXISTS write_context (seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL)');
  installAuditTriggers(db);
}

// The quick-search index's own bookkeeping (migration 0010) is derived data, like the index.
const NOT_AUDITED = new Set(['schema_migration', 'audit_log', 'search_state', 'search_pending']);

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * One TEMP trigger per table and operation writes an audit_log row with the record before and
 * after. They read the who/what from temp.write_context: outside a write (bulk generation of a
 * demo street) it is empty and nothing is logged. TEMP triggers are never stored in the file.
 */
export function installAuditTriggers(db: Connection): void {
  for (const { name } of db.all<{ name: string }>("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'")) {
    db.exec(`DROP TRIGGER temp.${quote(name)}`);
  }
  // Only ordinary tables: a full-text index (a virtual table and its shadow tables) is derived
  // data kept by its own triggers, and SQLite refuses triggers on virtual tables.
  const tables = db.all<{ name: string; sql: string }>(
    `SELECT m.name, m.sql FROM main.sqlite_master m JOIN pragma_table_list t ON t.schema = 'main' AND t.name = m.name AND t.type = 'table'
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name`,
  );
  for (const table of tables) {
    if (NOT_AUDITED.has(table.name)) continue;
    const columns = db.all<{ name: string }>(`PRAGMA main.table_info(${quote(table.name)})`).map((c) => c.name);
    const withoutRowid = /WITHOUT\s+ROWID\s*$/i.test(table.sql.trim());
    const json = (alias: string): string => `json_object(${columns.map((c) => `'${c}', ${alias}.${quote(c)}`).join(', ')})`;
    const rowId = (alias: string): string => (withoutRowid ? 'NULL' : `${alias}.rowid`);
    const t = quote(table.name);
    const entity = `'${table.name.replace(/'/g, "''")}'`;
    const log = (op: string, id: string, before: string, after: string): string =>
      `INSERT INTO main.audit_log (seq, at, actor, action, entity, row_id, op, before, after)
       SELECT seq, at, actor, action, ${entity}, ${id}, '${op}', ${before}, ${after} FROM temp.write_context;`;
    const changed = `(${columns.map((c) => `OLD.${quote(c)}`).join(', ')}) IS NOT (${columns.map((c) => `NEW.${quote(c)}`).join(', ')})`;
    db.exec(`CREATE TEMP TRIGGER ${quote(`audit_${table.name}_insert`)} AFTER INSERT ON main.${t} BEGIN ${log('insert', rowId('NEW'), 'NULL', json('NEW'))} END`);
    db.exec(
      `CREATE TEMP TRIGGER ${quote(`audit_${table.name}_update`)} AFTER UPDATE ON main.${t} WHEN ${changed} BEGIN ${log('update', rowId('NEW'), json('OLD'), json('NEW'))} END`,
    );
    db.exec(`CREATE TEMP TRIGGER ${quote(`audit_${table.name}_delete`)} AFTER DELETE ON main.${t} BEGIN ${log('delete', rowId('OLD'), json('OLD'), 'NULL')} END`);
  }
}

/** Tables a write touched, read off its statements (for data-changed events). */
export function touchedTables(sqlTexts: readonly string[]): string[] {
  const tables = new Set<string>();
  for (const sql of sqlTexts) {
    const match = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?:main\.)?"?(\w+)"?/i.exec(sql);
    if (match?.[1] && match[1] !== 'write_context') tables.add(match[1]);
  }
  return [...tables].sort();
}
