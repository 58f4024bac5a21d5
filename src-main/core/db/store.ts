import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { SqlDb } from './sqlite';
import { migrate } from './migrations';

export interface StoreOptions {
  /** null: an in-memory database (tests). */
  dataDir: string | null;
  sql: SqlJsStatic;
  now: () => string;
}

const snapshotPath = (dataDir: string): string => join(dataDir, 'db', 'street.sqlite');

/** Holds the street's database and is the only way to change it. */
export class Store {
  private constructor(
    readonly db: SqlDb,
    private readonly options: StoreOptions,
  ) {}

  static exists(dataDir: string | null): boolean {
    return dataDir !== null && existsSync(snapshotPath(dataDir));
  }

  static open(options: StoreOptions): Store {
    if (!options.dataDir) throw new Error('An in-memory store has nothing to open');
    const db = new SqlDb(new options.sql.Database(readFileSync(snapshotPath(options.dataDir))));
    db.exec('PRAGMA foreign_keys = ON');
    const store = new Store(db, options);
    if (migrate(db, options.now()).length > 0) store.persist();
    return store;
  }

  static create(options: StoreOptions): Store {
    const db = new SqlDb(new options.sql.Database());
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, options.now());
    const store = new Store(db, options);
    store.persist();
    return store;
  }

  write<T>(fn: (db: SqlDb) => T): T {
    const result = this.db.transaction(() => fn(this.db));
    this.persist();
    return result;
  }

  close(): void {
    this.db.close();
  }

  private persist(): void {
    const dataDir = this.options.dataDir;
    if (!dataDir) return;
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    const target = snapshotPath(dataDir);
    const temp = `${target}.tmp`;
    writeFileSync(temp, this.db.export());
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, target);
  }
}
