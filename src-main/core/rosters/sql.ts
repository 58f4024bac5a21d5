import type { SqlValue } from 'sql.js';

/** Named parameters for one statement: `bind(value)` returns the placeholder to put in the SQL. */
export class Binder {
  readonly params: Record<string, SqlValue> = {};
  private next = 0;

  bind(value: SqlValue): string {
    const name = `$p${this.next++}`;
    this.params[name] = value;
    return name;
  }
}

/** A WHERE fragment and the joins (by name) its columns come from. */
export interface Condition {
  sql: string;
  needs: readonly string[];
}

/** Upper bound for a prefix range: `x >= s AND x < s || HIGHEST` walks an index like LIKE 's%' would. */
export const HIGHEST = 'char(1114111)';

export function prefixRange(expr: string, placeholder: string): string {
  return `(${expr} >= ${placeholder} AND ${expr} < ${placeholder} || ${HIGHEST})`;
}
