import { join } from 'node:path';
import { contract, isMethod } from '../contract';
import type { Result } from '../dto/result';
import type { CoreContext } from './context';
import { AppError } from './errors';
import { EventBus, type EventListener } from './events/bus';
import { handlerTables } from './handlers';
import { createRegistry, type HandlerTable, type Registry } from './registry';
import { Store } from './db/store';
import { loadSqlJs } from './db/sqljs';
import { log } from './log';
import { isoTimestamp, systemClock, type Clock } from './time';
import type { SqlJsStatic } from 'sql.js';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Validation messages reach users: in Chinese.
z.config(zhCN());

export interface CoreOptions {
  /** null: an in-memory database, for tests. */
  dataDir: string | null;
  /** Folder holding sql-wasm.wasm and the other shipped resources. */
  resourcesDir: string;
  version: string;
  clock?: Clock;
  /** Replaces the feature tables (tests of the registry itself). */
  handlerTables?: readonly HandlerTable[];
}

/** The backend as both transports see it, in this process or in a worker: untyped at the edge, validated inside. */
export interface Backend {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export const APP_NAME = '街道指挥中心';

export class CoreRuntime implements Backend {
  private store: Store | null;
  readonly events = new EventBus();
  private readonly registry: Registry;
  private readonly context: CoreContext;

  constructor(
    readonly options: CoreOptions,
    readonly sql: SqlJsStatic,
  ) {
    this.registry = createRegistry(options.handlerTables ?? handlerTables);
    this.store = Store.exists(options.dataDir) ? Store.open(this.storeOptions()) : null;
    this.context = {
      appName: APP_NAME,
      version: options.version,
      dataDir: options.dataDir,
      db: () => {
        if (!this.store) throw new AppError('NO_DATABASE', '尚未建立街道数据库，请先创建演示街道或新建街道。');
        return this.store.db;
      },
      hasDatabase: () => this.store !== null,
      emit: (name, payload) => this.events.emit(name, payload),
    };
  }

  now(): string {
    return isoTimestamp((this.options.clock ?? systemClock)());
  }

  storeOptions() {
    return { dataDir: this.options.dataDir, sql: this.sql, now: () => this.now() };
  }

  /** Creates the street's database (first run); refuses when one exists. */
  createDatabase(populate: (store: Store) => void): Store {
    if (this.store) throw new AppError('ALREADY_INITIALISED', '数据目录中已有街道数据库。');
    const store = Store.create(this.storeOptions());
    populate(store);
    this.store = store;
    return store;
  }

  get database(): Store | null {
    return this.store;
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethod(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的调用：${method}` } };
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        reason: issue.code,
        message: issue.message,
      }));
      return { ok: false, error: { code: 'INVALID_INPUT', message: '调用参数无效。', problems } };
    }
    try {
      const handler = this.registry[method] as (input: unknown, ctx: CoreContext) => unknown;
      const value = await handler(parsed.data, this.context);
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

  async close(): Promise<void> {
    this.store?.close();
    this.store = null;
  }
}

export async function openCore(options: CoreOptions): Promise<CoreRuntime> {
  const sql = await loadSqlJs(join(options.resourcesDir, 'sql-wasm.wasm'));
  return new CoreRuntime(options, sql);
}
