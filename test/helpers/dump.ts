import type { SqlDb } from '../../src-main/core/db/sqlite';

/** Every table but the audit log (and those `except` names), as text: two states compared whole. */
export function dumpTables(db: SqlDb, except?: RegExp): string {
  const tables = db.all<{ name: string; ncol: number }>(
    "SELECT name, ncol FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT IN ('audit_log') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  );
  return tables
    .filter(({ name }) => !except?.test(name))
    .map(({ name, ncol }) => JSON.stringify(db.all(`SELECT * FROM "${name}" ORDER BY ${ncol > 1 ? '1, 2' : '1'}`))).join('\n');
}
