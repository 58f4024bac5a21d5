import { Worker } from 'node:worker_threads';
import type { Result } from '../../dto/result';
import type { Backend } from '../core';
import type { EventListener } from '../events/bus';
import { EventBus } from '../events/bus';
import type { FromWorker, ToWorker, WorkerCoreOptions } from './protocol';

const unavailable: Result<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: '后台服务已停止，请重新启动程序。' },
};

/** The core running in a worker thread, seen through the same Backend interface. */
export function startWorkerBackend(workerFile: string, options: WorkerCoreOptions): Promise<Backend> {
  const worker = new Worker(workerFile, { workerData: options });
  const events = new EventBus();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let alive = true;
  let onClosed: (() => void) | null = null;

  return new Promise<Backend>((resolve, reject) => {
    const backend: Backend = {
      call(method, input, meta) {
        if (!alive) return Promise.resolve(unavailable);
        const id = nextId++;
        return new Promise((settle) => {
          pending.set(id, settle);
          worker.postMessage({ kind: 'call', id, method, input, ...(meta ? { meta } : {}) } satisfies ToWorker);
        });
      },
      subscribe: (listener: EventListener) => events.subscribe(listener),
      close() {
        if (!alive) return Promise.resolve();
        return new Promise<void>((done) => {
          onClosed = done;
          worker.postMessage({ kind: 'close' } satisfies ToWorker);
        });
      },
    };

    worker.on('message', (message: FromWorker) => {
      switch (message.kind) {
        case 'ready':
          resolve(backend);
          break;
        case 'failed':
          alive = false;
          void worker.terminate();
          reject(new Error(message.message));
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'event':
          events.emit(message.event.name, message.event.payload);
          break;
        case 'closed':
          alive = false;
          void worker.terminate().then(() => onClosed?.());
          break;
      }
    });
    worker.on('error', (error) => {
      alive = false;
      reject(error);
    });
    worker.on('exit', () => {
      alive = false;
      for (const settle of pending.values()) settle(unavailable);
      pending.clear();
      onClosed?.();
    });
  });
}
