import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import type { StorageInfo, RecoveryNote } from '../../dto/storage';
import { AppError } from '../errors';
import { log } from '../log';
import { checkMigrations, migrate } from '../db/migrations';
import type { Params, SqlDb, StatementRecorder } from '../db/sqlite';
import { makeRoom, openSqlDb, roomFor } from '../db/sqljs';
import { prepareConnection, touchedTables } from './connection';
import type { Cipher } from './crypto';
import { writeFileAtomic, type FileIo } from './io';
import { createJournal, JournalTruncateError, JournalWriter, readJournal, type JournalEntry, type JournalHeader } from './journal';
import { journalName, listGenerations, sealSnapshot, sha256, snapshotName, unsealSnapshot, writeSnapshot } from './snapshot';

export interface StoreSettings {
  /** Generations (snapshot + journal) kept on disk: the rotating backups. */
  keepGenerations: number;
  /** A new snapshot is taken once the journal grows past this. */
  snapshotAfterBytes: number;
}

export const defaultStoreSettings: StoreSettings = { keepGenerations: 7, snapshotAfterBytes: 32 * 1024 * 1024 };

export interface StoreOptions {
  /** Folder of the generation files (DATA/db); null keeps everything in memory (tests). */
  dir: string | null;
  sql: SqlJsStatic;
  now: () => string;
  io: FileIo;
  cipher: Cipher | null;
  settings: StoreSettings;
  /** The data directory cannot be written: open what is there, refuse every write. */
  readOnly?: boolean;
}

export interface WriteMeta {
  actor: string;
  action: string;
  /** Records the write may add (an import, a package): room is made for them first. */
  rows?: number;
}

/**
 * What a record adds to the file, generously: a street's package received into an empty
 * database came to 1.8 KB a record with its indexes, audit row and search index.
 */
const BYTES_PER_ROW = 2048;

export interface WriteResult<T> {
  value: T;
  /** Journal sequence number of the write; unchanged when the write changed nothing. */
  seq: number;
  entities: string[];
}

export interface OpenReport {
  generation: number;
  seq: number;
  replayed: number;
  notes: RecoveryNote[];
}

/** No generation on disk could be opened. The notes say what was tried. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(readonly notes: RecoveryNote[]) {
    super(notes.map((n) => n.message).join('\n') || '没有可用的数据库快照。');
  }
}

/** The database is encrypted and no key was given. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

class Recorder implements StatementRecorder {
  readonly sql: string[] = [];
  readonly ops: [number, unknown][] = [];
  private readonly index = new Map<string, number>();

  record(sql: string, params: Params | undefined): void {
    let i = this.index.get(sql);
    if (i === undefined) {
      i = this.sql.length;
      this.sql.push(sql);
      this.index.set(sql, i);
    }
    this.ops.push([i, params ?? null]);
  }
}

const NO_CHANGE = Symbol('no change');
const WRITE_CONTEXT_CLEAR = 'DELETE FROM temp.write_context';
const WRITE_CONTEXT_SET = 'INSERT INTO temp.write_context (seq, at, actor, action) VALUES (?, ?, ?, ?)';

/** An error from the file system, translated for the person whose change was refused. */
function storageError(error: unknown): AppError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('WRITE_FAILED', '磁盘空间不足，本次修改未保存。请清理磁盘空间后重试，已保存的数据不受影响。');
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new AppError('STORAGE_READONLY', '数据目录不可写（只读或无权限），本次修改未保存。已保存的数据不受影响。');
    case 'EIO':
      return new AppError('WRITE_FAILED', '磁盘读写错误，本次修改未保存。请检查磁盘或移动存储设备。');
    default:
      return null;
  }
}

/**
 * The street's database and the only way to change it. Every write: one transaction, audit rows
 * by trigger, the statements appended to the journal and fsynced, then acknowledged. A snapshot
 * starts a new generation; the last few generations are the rotating backups.
 */
export class Store {
  private journal: JournalWriter | null = null;
  private brokenReason: string | null = null;
  private lastSnapshotAt: string | null = null;
  private snapshotFailure: string | null = null;

  private constructor(
    readonly db: SqlDb,
    private options: StoreOptions,
    private generation: number,
    private seqValue: number,
  ) {}

  get seq(): number {
    return this.seqValue;
  }

  get encrypted(): boolean {
    return this.options.cipher !== null;
  }

  static exists(io: FileIo, dir: string | null): boolean {
    return dir !== null && listGenerations(io, dir).length > 0;
  }

  /**
   * A new database (or one restored from `from`): migrated, filled by `populate` (not
   * journaled: it is saved whole as the first snapshot), numbered above any generation on disk.
   */
  static create(options: StoreOptions, populate: (db: SqlDb) => void, from?: Uint8Array, startSeq = 0): Store {
    const db = openSqlDb(options.sql, from);
    migrate(db, options.now());
    prepareConnection(db);
    db.transaction(() => populate(db));
    // Statistics for the query planner (skip-scans over the covering indexes need them).
    db.exec('ANALYZE');
    const existing = options.dir ? listGenerations(options.io, options.dir) : [];
    const store = new Store(db, options, existing[0] ?? 0, startSeq);
    if (options.dir) {
      options.io.mkdir(options.dir);
      store.snapshot();
    }
    return store;
  }

  static open(options: StoreOptions): { store: Store; report: OpenReport } {
    const { io, dir, cipher } = options;
    if (!dir) throw new Error('an in-memory store has nothing to open');
    const notes: RecoveryNote[] = [];
    const generations = listGenerations(io, dir);
    const withJournal = generations.filter((g) => io.exists(join(dir, journalName(g))));
    const newest = withJournal[0];

    let chosen: { generation: number; header: JournalHeader; db: SqlDb } | null = null;
    for (const generation of withJournal) {
      const opened = Store.openGeneration(options, generation, notes);
      if (opened) {
        chosen = { generation, ...opened };
        break;
      }
    }
    if (!chosen) throw new StoreOpenError(notes);

    const { db } = chosen;
    prepareConnection(db);
    checkMigrations(db);
    let seq = chosen.header.baseSeq;
    let replayed = 0;
    let irregular = chosen.generation !== newest;
    let latestJournal: { generation: number; entries: number; createdAt: string } | null = null;

    chain: for (const generation of [...withJournal].reverse().filter((g) => g >= chosen.generation)) {
      const path = join(dir, journalName(generation));
      let contents;
      try {
        contents = readJournal(io, path, cipher);
      } catch (error) {
        notes.push({ level: 'error', message: `日志 ${journalName(generation)} 无法读取（${error instanceof Error ? error.message : String(error)}），其中的修改无法恢复。` });
        irregular = true;
        break;
      }
      if (contents.header.baseSeq > seq) {
        notes.push({ level: 'error', message: `第 ${seq + 1}–${contents.header.baseSeq} 号修改的日志缺失，无法恢复。` });
        irregular = true;
        break;
      }
      for (const entry of contents.entries) {
        if (entry.seq <= seq) continue;
        if (entry.seq !== seq + 1) {
          notes.push({ level: 'error', message: `日志 ${journalName(generation)} 在第 ${seq + 1} 号修改处不连续，其后的修改无法恢复。` });
          irregular = true;
          break chain;
        }
        Store.replay(db, entry);
        seq = entry.seq;
        replayed++;
      }
      latestJournal = { generation, entries: contents.entries.length, createdAt: contents.header.createdAt };
      if (contents.tail.kind === 'torn') {
        notes.push({
          level: 'info',
          message: `日志 ${journalName(generation)} 末尾有一次未完成的写入（${contents.tail.bytes} 字节，未确认保存），已丢弃。`,
        });
        irregular = true;
        if (!options.readOnly) Store.cutJournal(io, path, contents.goodBytes);
      } else if (contents.tail.kind === 'corrupt') {
        notes.push({
          level: 'error',
          message: `日志 ${journalName(generation)} 从第 ${contents.tail.offset} 字节起损坏（${contents.tail.bytes} 字节），第 ${seq} 号之后的修改无法恢复；损坏的日志已另存备查。`,
        });
        irregular = true;
        if (!options.readOnly) Store.preserveCorrupt(io, path, options.now());
        break;
      }
    }
    if (chosen.generation !== newest) {
      notes.push({
        level: 'warning',
        message: `已从较早的快照 ${snapshotName(chosen.generation, chosen.header.encrypted)} 恢复，并重放其后的 ${replayed} 次修改（至第 ${seq} 号）。`,
      });
    }

    const applied = migrate(db, options.now());
    if (applied.length > 0) {
      prepareConnection(db);
      db.exec('ANALYZE');
    }
    // New generations are numbered above every file on disk, so recovery never overwrites evidence.
    const store = new Store(db, options, irregular ? Math.max(...generations) : chosen.generation, seq);
    if (options.readOnly) {
      if (irregular) notes.push({ level: 'warning', message: '数据目录只读：恢复结果只在内存中，未能写回磁盘。' });
    } else if (irregular || applied.length > 0 || !latestJournal || latestJournal.generation !== newest) {
      store.snapshot();
    } else {
      store.journal = new JournalWriter(io, join(dir, journalName(latestJournal.generation)), cipher, latestJournal.entries);
      store.lastSnapshotAt = latestJournal.createdAt;
    }
    if (!options.readOnly) Store.removeOrphans(io, dir);
    return { store, report: { generation: store.generation, seq, replayed, notes } };
  }

  private static openGeneration(options: StoreOptions, generation: number, notes: RecoveryNote[]): { header: JournalHeader; db: SqlDb } | null {
    const { io, dir, cipher, sql } = options;
    if (!dir) return null;
    let header: JournalHeader;
    try {
      header = readJournal(io, join(dir, journalName(generation)), cipher).header;
    } catch (error) {
      if (error instanceof Error && /encrypted and no key/.test(error.message)) throw new StoreLockedError('数据库已加密，请输入口令。');
      notes.push({ level: 'warning', message: `快照 ${generation} 的日志头无法读取，已跳过。` });
      return null;
    }
    const file = join(dir, header.snapshot.file);
    if (!io.exists(file)) {
      notes.push({ level: 'warning', message: `快照文件 ${header.snapshot.file} 不存在，已跳过。` });
      return null;
    }
    const data = io.readFile(file, roomFor);
    if (data.length !== header.snapshot.bytes || sha256(data) !== header.snapshot.sha256) {
      notes.push({ level: 'warning', message: `快照 ${header.snapshot.file} 校验失败（文件损坏或被截断），已跳过。` });
      return null;
    }
    try {
      return { header, db: openSqlDb(sql, unsealSnapshot(data, cipher), { adopt: true }) };
    } catch (error) {
      notes.push({ level: 'warning', message: `快照 ${header.snapshot.file} 无法打开（${error instanceof Error ? error.message : String(error)}），已跳过。` });
      return null;
    }
  }

  private static replay(db: SqlDb, entry: JournalEntry): void {
    db.transaction(() => {
      for (const [index, params] of entry.ops) {
        const sql = entry.sql[index];
        if (sql === undefined) throw new Error(`journal entry ${entry.seq} refers to a missing statement`);
        db.run(sql, (params ?? undefined) as Params | undefined);
      }
    });
  }

  private static cutJournal(io: FileIo, path: string, length: number): void {
    const fd = io.open(path, 'a');
    try {
      io.truncate(fd, length);
      io.fsync(fd);
    } finally {
      io.close(fd);
    }
  }

  private static preserveCorrupt(io: FileIo, path: string, now: string): void {
    writeFileAtomic(io, `${path}.corrupt-${now.replace(/[^0-9]/g, '').slice(0, 14)}`, io.readFile(path));
  }

  /** Leftovers of an interrupted snapshot: temp files, and snapshots whose journal was never created. */
  private static removeOrphans(io: FileIo, dir: string): void {
    const names = io.list(dir);
    for (const name of names) {
      const match = /^gen-(\d{6})\.(journal|sqlite|sqlite\.enc)(\.tmp)?$/.exec(name);
      if (!match?.[1]) continue;
      const incomplete = match[3] !== undefined || (match[2] !== 'journal' && !names.includes(journalName(Number(match[1]))));
      if (!incomplete) continue;
      try {
        io.unlink(join(dir, name));
      } catch {
        // Leftovers are harmless; the next start tries again.
      }
    }
  }

  /**
   * Runs `fn` as one write: validated by the caller, then transaction → audit (triggers) →
   * journal append + fsync → commit → acknowledged. Throws AppError when it cannot be saved; the
   * database is then exactly as before the write.
   */
  write<T>(meta: WriteMeta, fn: (db: SqlDb) => T): WriteResult<T> {
    if (this.brokenReason) throw new AppError('WRITE_FAILED', this.brokenReason);
    if (this.options.readOnly) throw new AppError('STORAGE_READONLY', '数据目录为只读，无法保存修改。');
    if (this.db.inTransaction) throw new Error('writes do not nest: call fn directly inside the outer write');
    if (meta.rows && makeRoom(this.options.sql, this.db, meta.rows * BYTES_PER_ROW)) prepareConnection(this.db);
    const seq = this.seqValue + 1;
    const at = this.options.now();
    const recorder = new Recorder();
    let value: T | undefined;
    let appended = false;
    try {
      this.db.transaction(() => {
        this.db.recorder = recorder;
        try {
          this.db.run(WRITE_CONTEXT_CLEAR);
          this.db.run(WRITE_CONTEXT_SET, [seq, at, meta.actor, meta.action]);
          value = fn(this.db);
        } finally {
          this.db.recorder = null;
        }
        // The audit triggers log only rows whose values changed: none means nothing to keep.
        if (!this.db.value<number>('SELECT count(*) FROM audit_log WHERE seq = ?', [seq])) throw NO_CHANGE;
        this.journal?.append({ seq, at, actor: meta.actor, action: meta.action, sql: recorder.sql, ops: recorder.ops });
        appended = true;
      });
    } catch (error) {
      if (error === NO_CHANGE) {
        this.db.run(WRITE_CONTEXT_CLEAR);
        return { value: value as T, seq: this.seqValue, entities: [] };
      }
      if (error instanceof JournalTruncateError) {
        this.brokenReason = '写入日志失败且无法回退，为保护数据已停止保存修改。请检查磁盘后重新启动程序。';
        log.error('[store] journal append failed and could not be rolled back', error.appendError);
        throw storageError(error.appendError) ?? new AppError('WRITE_FAILED', this.brokenReason);
      }
      if (appended) {
        // On disk but not in memory: only a restart (which replays the journal) reconciles them.
        this.brokenReason = '保存修改时发生内部错误，为保护数据已停止保存修改。请重新启动程序。';
        throw error;
      }
      throw storageError(error) ?? error;
    }
    this.seqValue = seq;
    // Outside a write nothing may be attributed to this one (the next write sets its own context).
    this.db.run(WRITE_CONTEXT_CLEAR);
    return { value: value as T, seq, entities: touchedTables(recorder.sql) };
  }

  /** True when the journal has grown enough that a snapshot should follow. */
  get snapshotDue(): boolean {
    return this.journal !== null && this.journal.bytes > this.options.settings.snapshotAfterBytes && this.snapshotFailure === null;
  }

  /**
   * Starts a new generation: the database written atomically as a snapshot, then a journal that
   * holds only a header naming it. The previous generation stays as a backup until rotated out.
   */
  snapshot(): { generation: number; file: string; bytes: number } | null {
    const { dir, io, cipher } = this.options;
    if (!dir || this.options.readOnly) return null;
    if (this.brokenReason) throw new AppError('WRITE_FAILED', this.brokenReason);
    const bytes = this.db.export();
    const generation = this.generation + 1;
    try {
      io.mkdir(dir);
      const snapshot = writeSnapshot(io, dir, generation, bytes, cipher);
      const header: JournalHeader = {
        kind: 'scc-journal',
        format: 1,
        generation,
        baseSeq: this.seqValue,
        snapshot,
        encrypted: cipher !== null,
        createdAt: this.options.now(),
      };
      createJournal(io, join(dir, journalName(generation)), header);
      const writer = new JournalWriter(io, join(dir, journalName(generation)), cipher);
      this.journal?.close();
      this.journal = writer;
      this.generation = generation;
      this.lastSnapshotAt = header.createdAt;
      this.snapshotFailure = null;
      this.rotate();
      return { generation, file: snapshot.file, bytes: snapshot.bytes };
    } catch (error) {
      Store.removeOrphans(io, dir);
      const translated = storageError(error);
      this.snapshotFailure = translated?.message ?? '快照写入失败。';
      log.error('[store] snapshot failed; the journal keeps every change', error);
      throw translated ?? error;
    }
  }

  /** The current state as one sealed file (a backup to copy elsewhere). */
  exportSealed(): Buffer {
    const bytes = this.db.export();
    return sealSnapshot(bytes, this.options.cipher);
  }

  private rotate(): void {
    const { dir, io } = this.options;
    if (!dir) return;
    const keep = Math.max(2, this.options.settings.keepGenerations);
    for (const generation of listGenerations(io, dir).slice(keep)) {
      for (const name of [journalName(generation), snapshotName(generation, false), snapshotName(generation, true)]) {
        if (io.exists(join(dir, name))) io.unlink(join(dir, name));
      }
    }
  }

  configure(settings: StoreSettings): void {
    this.options = { ...this.options, settings };
  }

  /** From now on, snapshots and journal entries are sealed with this cipher. */
  useCipher(cipher: Cipher): void {
    this.options = { ...this.options, cipher };
  }

  /** After encryption was turned on: removes every generation that is still plaintext. */
  dropPlaintextGenerations(): void {
    const { dir, io } = this.options;
    if (!dir) return;
    for (const name of io.list(dir)) {
      const match = /^gen-(\d{6})\.(sqlite|journal)(\.corrupt-\d+)?$/.exec(name);
      if (!match || Number(match[1]) === this.generation) continue;
      if (match[2] === 'journal' && !match[3] && io.exists(join(dir, snapshotName(Number(match[1]), true)))) continue;
      io.unlink(join(dir, name));
    }
  }

  info(): StorageInfo {
    const { dir, io } = this.options;
    const generations = dir ? listGenerations(io, dir) : [];
    return {
      mode: dir ? 'file' : 'memory',
      encrypted: this.encrypted,
      readOnly: this.options.readOnly === true,
      broken: this.brokenReason,
      generation: this.generation,
      seq: this.seqValue,
      journalBytes: this.journal?.bytes ?? 0,
      journalEntries: this.journal?.entries ?? 0,
      keptGenerations: generations.length,
      lastSnapshotAt: this.lastSnapshotAt,
      snapshotFailure: this.snapshotFailure,
    };
  }

  /**
   * Saves the journal into a final snapshot (on quit), then lets go of the files. Without the
   * snapshot the journal is simply replayed at the next start, as after a crash.
   */
  close(options: { snapshot?: boolean } = {}): void {
    try {
      if (options.snapshot !== false && this.journal && this.journal.entries > 0 && !this.brokenReason) this.snapshot();
    } catch {
      // The journal holds every acknowledged write; the next start replays it.
    } finally {
      this.journal?.close();
      this.journal = null;
      this.db.close();
    }
  }
}
