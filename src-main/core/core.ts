import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { contract, isMethod } from '../contract';
import type { Result } from '../dto/result';
import type { CallMeta, CoreContext } from './context';
import { loadSqlJs } from './db/sqljs';
import type { SqlDb } from './db/sqlite';
import { AppError } from './errors';
import { EventBus, type EventListener } from './events/bus';
import { handlerTables } from './handlers';
import { log } from './log';
import { createRegistry, type HandlerTable, type Registry } from './registry';
import { DataDirectory } from './storage/dataDirectory';
import type { FileIo } from './storage/io';
import { isoTimestamp, systemClock, type Clock } from './time';

// Validation messages reach users: in Chinese.
z.config(zhCN());

export interface CoreOptions {
  /** null: an in-memory database, for tests. */
  dataDir: string | null;
  /** Folder holding sql-wasm.wasm and the other shipped resources. */
  resourcesDir: string;
  version: string;
  clock?: Clock;
  /** Unlocks an encrypted database at start (serve, CLI); the desktop app asks a person instead. */
  passphrase?: string | null;
  /** Replaces the feature tables (tests of the registry itself). */
  handlerTables?: readonly HandlerTable[];
  /** Replaces the file system (tests that simulate a full or read-only disk). */
  io?: FileIo;
  /** Open without taking the lock or writing anything (check-db). */
  inspect?: boolean;
}

/** The backend as both transports see it, in this process or in a worker: untyped at the edge, validated inside. */
export interface Backend {
  call(method: string, input: unknown, meta?: CallMeta): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export const APP_NAME = '街道指挥中心';
const DEFAULT_ACTOR: CallMeta = { actor: '本机' };

export class CoreRuntime implements Backend {
  readonly events = new EventBus();
  readonly data: DataDirectory;
  private readonly registry: Registry;
  private snapshotTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly options: CoreOptions,
    readonly sql: SqlJsStatic,
  ) {
    this.registry = createRegistry(options.handlerTables ?? handlerTables);
    this.data = DataDirectory.open({
      dataDir: options.dataDir,
      sql,
      now: () => this.now(),
      io: options.io,
      passphrase: options.passphrase ?? null,
      inspect: options.inspect ?? false,
    });
  }

  now(): string {
    return isoTimestamp((this.options.clock ?? systemClock)());
  }

  /** A handler's view of the core for one call. */
  context(meta: CallMeta = DEFAULT_ACTOR): CoreContext {
    return {
      appName: APP_NAME,
      version: this.options.version,
      actor: meta.actor,
      data: this.data,
      now: () => this.now(),
      db: () => this.data.store().db,
      write: <T>(action: string, fn: (db: SqlDb) => T, options?: { rows?: number }) => {
        const result = this.data.store().write({ actor: meta.actor, action, rows: options?.rows }, fn);
        if (result.entities.length > 0) {
          this.events.emit('data-changed', { entities: result.entities, seq: result.seq });
          this.scheduleSnapshot();
        }
        return result;
      },
      emit: (name, payload) => this.events.emit(name, payload),
    };
  }

  /** A snapshot once the journal is long, after the write has been acknowledged, not before. */
  private scheduleSnapshot(): void {
    if (this.snapshotTimer || !this.data.store().snapshotDue) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      try {
        if (this.data.hasStore() && this.data.store().snapshotDue) this.data.store().snapshot();
      } catch (error) {
        log.error('[core] background snapshot failed', error);
      }
    }, 0);
  }

  async call(method: string, input: unknown, meta?: CallMeta): Promise<Result<unknown>> {
    if (!isMethod(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的调用：${method}` } };
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        reason: issue.code,
        message: issue.message,
      }));
      return { ok: false, error: { code: 'INVALID_INPUT', message: `调用参数无效：${problems[0]?.message ?? ''}`, problems } };
    }
    try {
      const handler = this.registry[method] as (input: unknown, ctx: CoreContext) => unknown;
      const value = await handler(parsed.data, this.context(meta));
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      log.error(`[core] ${method} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: '内部错误，操作未完成。请重试，若仍失败请联系技术支持。' } };
    }
  }

  subscribe(listener: EventListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Saves the journal into a final snapshot and releases the data directory. */
  async close(): Promise<void> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.data.close();
  }
}

export async function openCore(options: CoreOptions): Promise<CoreRuntime> {
  const sql = await loadSqlJs(join(options.resourcesDir, 'sql-wasm.wasm'));
  return new CoreRuntime(options, sql);
}
