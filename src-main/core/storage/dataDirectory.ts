import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import type { Settings, SettingsPatch } from '../../dto/settings';
import type { BackupResult, RecoveryNote, StorageInfo } from '../../dto/storage';
import { MigrationMismatchError, migrate } from '../db/migrations';
import { SqlDb } from '../db/sqlite';
import { AppError } from '../errors';
import { log } from '../log';
import { applyPatch, loadSettings, saveSettings } from '../settings/file';
import { createKeyFile, unlockKeyFile, type Cipher, type KeyFile } from './crypto';
import { realIo, writeFileAtomic, type FileIo } from './io';
import { acquireLock, type DataDirLock } from './lock';
import { listGenerations, sealSnapshot, snapshotKind, unsealSnapshot } from './snapshot';
import { defaultStoreSettings, Store, StoreLockedError, StoreOpenError, type StoreOptions, type StoreSettings } from './store';

export type DataState = 'empty' | 'locked' | 'ready' | 'damaged';

export interface DataDirectoryOptions {
  /** null: everything in memory (tests). */
  dataDir: string | null;
  sql: SqlJsStatic;
  now: () => string;
  io?: FileIo;
  /** For an encrypted database opened without a person at the keyboard (serve, CLI). */
  passphrase?: string | null;
  /** Look, never touch: no lock taken, nothing written (check-db beside a running app). */
  inspect?: boolean;
}

const KEY_FILE = 'key.json';
/** Folders under DATA whose files are sealed with the database key (exchange packages). */
export const SEALED_FOLDERS = ['exchange/outbox', 'exchange/inbox'] as const;

/**
 * Everything about one data directory: its lock, settings, encryption key, and the street's
 * store once there is one. Handlers reach the database only through here.
 */
export class DataDirectory {
  private current: Store | null = null;
  private stateValue: DataState = 'empty';
  private damage: string | null = null;
  private cipher: Cipher | null = null;
  private settingsValue: Settings;
  readonly notes: RecoveryNote[] = [];
  private readonly io: FileIo;
  private lock: DataDirLock | null = null;
  private readOnly = false;

  private constructor(private readonly options: DataDirectoryOptions) {
    this.io = options.io ?? realIo;
    this.settingsValue = loadSettings(this.io, options.dataDir);
  }

  static open(options: DataDirectoryOptions): DataDirectory {
    const data = new DataDirectory(options);
    const dir = options.dataDir;
    if (dir) {
      if (!options.inspect) data.io.mkdir(dir);
      const lock = options.inspect ? 'read-only' : acquireLock(dir, options.now());
      if (options.inspect) {
        data.readOnly = true;
      } else if (lock === 'read-only') {
        data.readOnly = true;
        data.notes.push({ level: 'warning', message: '数据目录只读：可以查看数据，但任何修改都无法保存。' });
      } else {
        data.lock = lock;
      }
      const keyFile = data.keyFile();
      if (keyFile && options.passphrase) {
        data.cipher = unlockKeyFile(keyFile, options.passphrase);
        if (!data.cipher) {
          data.lock?.release();
          throw new AppError('UNAUTHORIZED', '数据库口令不正确。');
        }
      }
      if (keyFile && !data.cipher) data.stateValue = Store.exists(data.io, data.dbDir) ? 'locked' : 'empty';
      else data.tryOpen();
    }
    return data;
  }

  get state(): DataState {
    return this.stateValue;
  }

  get dataDir(): string | null {
    return this.options.dataDir;
  }

  get damageMessage(): string | null {
    return this.damage;
  }

  get settings(): Settings {
    return this.settingsValue;
  }

  get encrypted(): boolean {
    return this.keyFile() !== null;
  }

  private get dbDir(): string | null {
    return this.options.dataDir ? join(this.options.dataDir, 'db') : null;
  }

  private get backupDir(): string | null {
    return this.options.dataDir ? join(this.options.dataDir, 'backups') : null;
  }

  private keyFile(): KeyFile | null {
    const dir = this.options.dataDir;
    if (!dir || !this.io.exists(join(dir, KEY_FILE))) return null;
    return JSON.parse(this.io.readFile(join(dir, KEY_FILE)).toString('utf8')) as KeyFile;
  }

  private storeSettings(): StoreSettings {
    return {
      keepGenerations: this.settingsValue.storage.keepGenerations ?? defaultStoreSettings.keepGenerations,
      snapshotAfterBytes: Math.round(this.settingsValue.storage.snapshotAfterMiB * 1024 * 1024),
    };
  }

  private storeOptions(): StoreOptions {
    return {
      dir: this.dbDir,
      sql: this.options.sql,
      now: this.options.now,
      io: this.io,
      cipher: this.cipher,
      settings: this.storeSettings(),
      readOnly: this.readOnly,
    };
  }

  private tryOpen(): void {
    if (!Store.exists(this.io, this.dbDir)) {
      this.stateValue = 'empty';
      return;
    }
    try {
      const { store, report } = Store.open(this.storeOptions());
      this.current = store;
      this.notes.push(...report.notes);
      this.stateValue = 'ready';
      for (const note of report.notes) log.warn(`[store] ${note.message}`);
    } catch (error) {
      if (error instanceof StoreLockedError) {
        this.stateValue = 'locked';
        return;
      }
      if (error instanceof StoreOpenError || error instanceof MigrationMismatchError) {
        this.stateValue = 'damaged';
        this.damage = error.message;
        if (error instanceof StoreOpenError) this.notes.push(...error.notes);
        log.error('[store] no usable database', error);
        return;
      }
      throw error;
    }
  }

  /** The open store; an AppError a person can act on otherwise. */
  store(): Store {
    if (this.current) return this.current;
    switch (this.stateValue) {
      case 'locked':
        throw new AppError('UNAUTHORIZED', '数据库已加密，请先输入口令解锁。');
      case 'damaged':
        throw new AppError('UNAVAILABLE', `数据库无法打开：${this.damage ?? ''} 可从备份恢复。`);
      default:
        throw new AppError('NO_DATABASE', '尚未建立街道数据库，请先创建演示街道或新建街道。');
    }
  }

  hasStore(): boolean {
    return this.current !== null;
  }

  /** First run: a new street database, filled by `populate` (generation is not journaled). */
  create(populate: (db: SqlDb) => void): Store {
    if (this.stateValue !== 'empty') throw new AppError('ALREADY_INITIALISED', '数据目录中已有街道数据库。');
    if (this.readOnly) throw new AppError('STORAGE_READONLY', '数据目录为只读，无法建立数据库。');
    const store = Store.create(this.storeOptions(), populate);
    this.current = store;
    this.stateValue = 'ready';
    return store;
  }

  unlock(passphrase: string): void {
    if (this.stateValue !== 'locked') return;
    const keyFile = this.keyFile();
    const cipher = keyFile ? unlockKeyFile(keyFile, passphrase) : null;
    if (!cipher) throw new AppError('UNAUTHORIZED', '口令不正确。');
    this.cipher = cipher;
    this.tryOpen();
  }

  /**
   * Turns on encryption at rest: a new encrypted generation, then every plaintext generation
   * and backup is encrypted or removed, so no ID number stays readable in the data directory.
   */
  enableEncryption(passphrase: string): void {
    const dir = this.options.dataDir;
    if (!dir) throw new AppError('INVALID_INPUT', '内存数据库无需加密。');
    if (this.keyFile()) throw new AppError('CONFLICT', '数据库已经加密。');
    const store = this.store();
    const { keyFile, cipher } = createKeyFile(passphrase);
    writeFileAtomic(this.io, join(dir, KEY_FILE), Buffer.from(JSON.stringify(keyFile, null, 2), 'utf8'));
    this.cipher = cipher;
    store.useCipher(cipher);
    store.snapshot();
    store.dropPlaintextGenerations();
    const backups = this.backupDir;
    if (backups) {
      for (const name of this.io.list(backups).filter((n) => n.endsWith('.sqlite'))) {
        const plain = this.io.readFile(join(backups, name));
        writeFileAtomic(this.io, join(backups, `${name}.enc`), Buffer.concat([Buffer.from('SCCENC01'), cipher.seal(plain)]));
        this.io.unlink(join(backups, name));
      }
    }
    // Packages waiting in the outbox or for a person's decision hold ID numbers too.
    for (const folder of SEALED_FOLDERS) {
      const path = join(dir, folder);
      for (const name of this.io.list(path)) {
        const file = join(path, name);
        const bytes = this.io.readFile(file);
        if (snapshotKind(bytes) !== 'encrypted') writeFileAtomic(this.io, file, sealSnapshot(bytes, cipher));
      }
    }
  }

  /** Files the app keeps beside the database (outbox packages): sealed like snapshots when encryption is on. */
  sealBlob(plain: Uint8Array): Buffer {
    return sealSnapshot(plain, this.cipher);
  }

  /** A file sealed by `sealBlob`, or one written before encryption was turned on. */
  openBlob(stored: Uint8Array): Uint8Array {
    return snapshotKind(stored) === 'encrypted' ? unsealSnapshot(stored, this.cipher) : stored;
  }

  /** A copy of the current state in DATA/backups, sealed like the snapshots. */
  backup(streetCode: string): BackupResult {
    const dir = this.backupDir;
    if (!dir) throw new AppError('INVALID_INPUT', '内存数据库无法备份到文件。');
    const store = this.store();
    const sealed = store.exportSealed();
    const stamp = this.options.now().replace(/[-:]/g, '').slice(0, 15);
    const file = join(dir, `${streetCode}_${stamp}.sqlite${this.cipher ? '.enc' : ''}`);
    try {
      this.io.mkdir(dir);
      writeFileAtomic(this.io, file, sealed);
    } catch (error) {
      throw new AppError('WRITE_FAILED', `备份文件写入失败：${(error as NodeJS.ErrnoException).code ?? ''}`);
    }
    return { file, bytes: sealed.length, encrypted: this.cipher !== null };
  }

  /**
   * Replaces the street's data with a backup file's, as a new generation: the generations
   * before it stay on disk, so a restore can itself be undone from them.
   */
  restore(data: Uint8Array): void {
    if (this.readOnly) throw new AppError('STORAGE_READONLY', '数据目录为只读，无法恢复。');
    if (this.stateValue === 'locked') this.store();
    let bytes: Uint8Array;
    try {
      bytes = unsealSnapshot(data, this.cipher);
    } catch (error) {
      throw new AppError('VALIDATION', error instanceof Error ? error.message : String(error));
    }
    let db: SqlDb;
    try {
      db = new SqlDb(new this.options.sql.Database(bytes));
      const check = db.value<string>('PRAGMA integrity_check');
      if (check !== 'ok') throw new Error(String(check));
      if (!db.value<number>("SELECT count(*) FROM sqlite_master WHERE name = 'street'")) throw new Error('没有街道表');
      migrate(db, this.options.now());
    } catch (error) {
      const detail = error instanceof MigrationMismatchError ? error.message : `文件损坏或不是本程序的备份（${error instanceof Error ? error.message : String(error)}）。`;
      throw new AppError('VALIDATION', `无法恢复：${detail}`);
    }
    const restored = db.export();
    db.close();
    const previous = this.current;
    const store = Store.create(this.storeOptions(), () => undefined, restored, previous?.seq ?? 0);
    previous?.close();
    this.current = store;
    this.stateValue = 'ready';
    this.damage = null;
  }

  info(): StorageInfo | null {
    return this.current?.info() ?? null;
  }

  /** Number of generations on disk (for check-db even when nothing could be opened). */
  generationsOnDisk(): number {
    return this.dbDir ? listGenerations(this.io, this.dbDir).length : 0;
  }

  updateSettings(patch: SettingsPatch): Settings {
    const next = applyPatch(this.settingsValue, patch);
    saveSettings(this.io, this.options.dataDir, next);
    this.settingsValue = next;
    this.current?.configure(this.storeSettings());
    return next;
  }

  /** `snapshot: false` leaves the journal for the next start to replay, as a crash would. */
  close(options: { snapshot?: boolean } = {}): void {
    this.current?.close(options);
    this.current = null;
    this.lock?.release();
    this.lock = null;
  }
}
