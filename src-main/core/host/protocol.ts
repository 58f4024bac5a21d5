import type { Result } from '../../dto/result';
import type { AnyEvent } from '../events/bus';
import type { CoreOptions } from '../core';
import type { CallMeta } from '../context';

/** What the worker needs to open the core; functions cannot cross, so no clock or tables. */
export type WorkerCoreOptions = Pick<CoreOptions, 'dataDir' | 'resourcesDir' | 'version' | 'passphrase'>;

export type ToWorker = { kind: 'call'; id: number; method: string; input: unknown; meta?: CallMeta } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: AnyEvent }
  | { kind: 'closed' };
