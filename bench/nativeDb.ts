import type Database from 'better-sqlite3';
import type { Params, ReadDb } from '../src-main/core/db/sqlite';

/** The same read interface over native SQLite (better-sqlite3): the limit sql.js is measured against. */
export class NativeDb implements ReadDb {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly raw: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // sql.js takes { $name: v } for $name; better-sqlite3 takes { name: v }.
  private static bind(params?: Params): unknown[] {
    if (params === undefined || params === null) return [];
    if (Array.isArray(params)) return params;
    return [Object.fromEntries(Object.entries(params).map(([k, v]) => [k.replace(/^[$:@]/, ''), v]))];
  }

  all<T>(sql: string, params?: Params): T[] {
    return this.prepare(sql).all(...NativeDb.bind(params)) as T[];
  }

  get<T>(sql: string, params?: Params): T | undefined {
    return this.prepare(sql).get(...NativeDb.bind(params)) as T | undefined;
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  /** A changing statement, for replaying a journal entry (the exchange benchmark). */
  run(sql: string, params?: Params): void {
    this.prepare(sql).run(...NativeDb.bind(params));
  }

  value<T>(sql: string, params?: Params): T | undefined {
    const row = this.prepare(sql).raw(true).get(...NativeDb.bind(params)) as unknown[] | undefined;
    this.prepare(sql).raw(false);
    return row?.[0] as T | undefined;
  }
}
