import type { BindParams, Database, SqlValue, Statement } from 'sql.js';

export type Params = BindParams;
export type Row = Record<string, SqlValue>;

/** Receives every statement that changes data while a write is being recorded for the journal. */
export interface StatementRecorder {
  record(sql: string, params: Params | undefined): void;
}

/** What read queries need: satisfied by SqlDb and, in the benchmark, by a native SQLite adapter. */
export interface ReadDb {
  all<T = Row>(sql: string, params?: Params): T[];
  get<T = Row>(sql: string, params?: Params): T | undefined;
  value<T extends SqlValue = SqlValue>(sql: string, params?: Params): T | undefined;
}

/**
 * A thin layer over a sql.js database: cached prepared statements, typed rows, nested
 * transactions through savepoints. Row-to-domain mapping stays with each feature's queries.
 */
export class SqlDb implements ReadDb {
  private readonly statements = new Map<string, Statement>();
  private depth = 0;
  /** Set by the store for the duration of a write. */
  recorder: StatementRecorder | null = null;

  /**
   * @param room bytes the database file can reach before sql.js copies it to grow, as
   *   `openDatabase` gave it room; 0 when not known.
   */
  constructor(
    private raw: Database,
    private room = 0,
  ) {}

  /** Bytes the file can reach before sql.js copies it to grow (0: not known). */
  get capacity(): number {
    return this.room;
  }

  /** The file's size now: pages × page size. */
  fileBytes(): number {
    return (this.value<number>('PRAGMA page_count') ?? 0) * (this.value<number>('PRAGMA page_size') ?? 0);
  }

  /** Swaps in the same database opened again (with more room): statements are prepared afresh. */
  reopen(raw: Database, capacity: number): void {
    if (this.depth > 0) throw new Error('cannot reopen inside a transaction');
    this.close();
    this.raw = raw;
    this.room = capacity;
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all<T = Row>(sql: string, params?: Params): T[] {
    const stmt = this.prepare(sql);
    try {
      if (params !== undefined) stmt.bind(params);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } finally {
      stmt.reset();
    }
  }

  get<T = Row>(sql: string, params?: Params): T | undefined {
    const stmt = this.prepare(sql);
    try {
      if (params !== undefined) stmt.bind(params);
      return stmt.step() ? (stmt.getAsObject() as T) : undefined;
    } finally {
      stmt.reset();
    }
  }

  /** First column of the first row, for counts and lookups. */
  value<T extends SqlValue = SqlValue>(sql: string, params?: Params): T | undefined {
    const stmt = this.prepare(sql);
    try {
      if (params !== undefined) stmt.bind(params);
      return stmt.step() ? (stmt.get()[0] as T) : undefined;
    } finally {
      stmt.reset();
    }
  }

  /** One statement; returns the rows it changed. */
  run(sql: string, params?: Params): number {
    const stmt = this.prepare(sql);
    try {
      if (params !== undefined) stmt.bind(params);
      stmt.step();
    } finally {
      stmt.reset();
    }
    const changes = this.raw.getRowsModified();
    this.recorder?.record(sql, params);
    return changes;
  }

  lastInsertId(): number {
    return this.value<number>('SELECT last_insert_rowid()') ?? 0;
  }

  /** Several statements separated by semicolons (migrations); not cached. */
  exec(sql: string): void {
    if (this.recorder) throw new Error('exec() cannot be journaled: use run() inside a write');
    this.raw.exec(sql);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs fn atomically; nested calls become savepoints so an inner failure undoes only its part. */
  transaction<T>(fn: () => T): T {
    const outer = this.depth === 0;
    const name = `sp${this.depth}`;
    const undo = outer ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`;
    this.raw.exec(outer ? 'BEGIN' : `SAVEPOINT ${name}`);
    this.depth++;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.depth--;
      this.raw.exec(undo);
      throw error;
    }
    try {
      this.raw.exec(outer ? 'COMMIT' : `RELEASE ${name}`);
    } catch (error) {
      // A deferred foreign key fails at COMMIT, which leaves the transaction open: end it.
      this.raw.exec(undo);
      this.depth--;
      throw error;
    }
    this.depth--;
    return result;
  }

  /**
   * The database file's bytes, copied through SQLite's backup API: the connection, its prepared
   * statements, TEMP objects and pragmas stay as they are (a unit test holds sql.js to that).
   */
  export(): Uint8Array {
    if (this.depth > 0) throw new Error('cannot export inside a transaction');
    return this.raw.export();
  }

  close(): void {
    this.clearStatements();
    this.raw.close();
  }

  private clearStatements(): void {
    for (const stmt of this.statements.values()) stmt.free();
    this.statements.clear();
  }
}
