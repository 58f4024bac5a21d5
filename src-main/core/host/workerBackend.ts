import { Worker } from 'node:worker_threads';
import type { Result } from '../../dto/result';
import type { Backend } from '../core';
import type { EventListener } from '../events/bus';
import { EventBus } from '../events/bus';
import { log } from '../log';
import { releaseOwnLock } from '../storage/lock';
import type { FromWorker, ToWorker, WorkerCoreOptions } from './protocol';

const stopped: Result<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: '后台服务已停止，请重新启动程序。' },
};

const restarting: Result<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: '后台服务意外停止，正在自动重新启动，请稍候再试。' },
};

export interface WorkerBackendOptions {
  /** Tests stand in for a crash by terminating the worker they were given. */
  createWorker?: (file: string, options: WorkerCoreOptions) => Worker;
  /** The first restart's delay; each one after a crash soon after waits twice as long (≤ 30 s). */
  restartDelayMs?: number;
}

const MAX_DELAY_MS = 30_000;
// A worker that ran this long before dying starts the backoff again from the first delay.
const STABLE_MS = 60_000;

/**
 * The core running in a worker thread, seen through the same Backend interface. A worker that
 * dies unasked (out of memory, a fault in native code) is started again on the same data
 * directory: an unattended hall screen or `scc serve` comes back by itself, and every
 * acknowledged write is still there (the journal). Calls in flight when it died are answered
 * UNAVAILABLE, never left hanging; once it is back every UI is told to read again.
 */
export function startWorkerBackend(workerFile: string, options: WorkerCoreOptions, host: WorkerBackendOptions = {}): Promise<Backend> {
  const createWorker = host.createWorker ?? ((file, data) => new Worker(file, { workerData: data }));
  const firstDelay = host.restartDelayMs ?? 1000;
  const events = new EventBus();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let worker: Worker | null = null;
  let state: 'starting' | 'ready' | 'restarting' | 'stopped' = 'starting';
  let closing = false;
  let onClosed: (() => void) | null = null;
  let delay = firstDelay;
  let startedAt = 0;

  return new Promise<Backend>((resolve, reject) => {
    const backend: Backend = {
      call(method, input, meta) {
        if (state === 'restarting') return Promise.resolve(restarting);
        if (state !== 'ready' || !worker) return Promise.resolve(stopped);
        const id = nextId++;
        const target = worker;
        return new Promise((settle) => {
          pending.set(id, settle);
          target.postMessage({ kind: 'call', id, method, input, ...(meta ? { meta } : {}) } satisfies ToWorker);
        });
      },
      subscribe: (listener: EventListener) => events.subscribe(listener),
      close() {
        closing = true;
        if (state !== 'ready' || !worker) {
          state = 'stopped';
          return Promise.resolve();
        }
        const target = worker;
        return new Promise<void>((done) => {
          onClosed = done;
          target.postMessage({ kind: 'close' } satisfies ToWorker);
        });
      },
    };

    const settleAll = (result: Result<never>): void => {
      for (const settle of pending.values()) settle(result);
      pending.clear();
    };

    const restart = (): void => {
      state = 'restarting';
      settleAll(restarting);
      // The lock of the dead worker is this process's own: the next worker takes the folder over.
      if (options.dataDir) releaseOwnLock(options.dataDir);
      const wait = Date.now() - startedAt > STABLE_MS ? firstDelay : delay;
      delay = Math.min(wait * 2, MAX_DELAY_MS);
      log.warn(`[host] core worker stopped unexpectedly; starting it again in ${wait} ms`);
      setTimeout(() => {
        if (!closing) start(false);
      }, wait).unref();
    };

    const start = (first: boolean): void => {
      const current = createWorker(workerFile, options);
      worker = current;
      startedAt = Date.now();
      current.on('message', (message: FromWorker) => {
        switch (message.kind) {
          case 'ready':
            state = 'ready';
            if (first) resolve(backend);
            // Whatever a page or screen shows may be older than the journal: read everything again.
            else events.emit('data-changed', { entities: ['*'], seq: 0 });
            break;
          case 'failed':
            state = 'stopped';
            void current.terminate();
            if (first) reject(new Error(message.message));
            else log.error(`[host] core worker could not start again: ${message.message}`);
            break;
          case 'result':
            pending.get(message.id)?.(message.result);
            pending.delete(message.id);
            break;
          case 'event':
            events.emit(message.event.name, message.event.payload);
            break;
          case 'closed':
            state = 'stopped';
            void current.terminate().then(() => onClosed?.());
            break;
        }
      });
      current.on('error', (error) => {
        log.error('[host] core worker failed', error);
        if (first && state === 'starting') {
          state = 'stopped';
          reject(error);
        }
      });
      current.on('exit', () => {
        if (worker !== current) return;
        if (closing || state === 'stopped' || state === 'starting') {
          if (state === 'starting') reject(new Error('core worker exited before it was ready'));
          state = 'stopped';
          settleAll(stopped);
          onClosed?.();
          return;
        }
        restart();
      });
    };

    start(true);
  });
}
