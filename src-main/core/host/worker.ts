/**
 * Entry of the worker thread that holds the core, so a long import or a snapshot never stalls
 * the Electron main process or the HTTP server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCore, type CoreRuntime } from '../core';
import { startExchangeServices } from '../exchange/sync/background';
import { log } from '../log';
import type { FromWorker, ToWorker, WorkerCoreOptions } from './protocol';

if (!parentPort) throw new Error('coreWorker must run as a worker thread');
const port = parentPort;

const send = (message: FromWorker): void => port.postMessage(message);

async function main(options: WorkerCoreOptions): Promise<void> {
  let core: CoreRuntime;
  try {
    core = await openCore(options);
  } catch (error) {
    log.error('[core] failed to start', error);
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  core.subscribe((event) => send({ kind: 'event', event }));
  const stopServices = startExchangeServices(core);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'call') {
      void core.call(message.method, message.input, message.meta).then((result) => send({ kind: 'result', id: message.id, result }));
    } else {
      stopServices();
      void core.close().then(() => {
        send({ kind: 'closed' });
        port.close();
      });
    }
  });
  send({ kind: 'ready' });
}

void main(workerData as WorkerCoreOptions);
