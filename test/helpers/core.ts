import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type CoreOptions, type CoreRuntime } from '../../src-main/core/core';
import type { Input, Method, Output } from '../../src-main/contract';
import { generateStreet } from '../../src-main/core/demo/generate';
import type { SizeName } from '../../src-main/core/demo/sizes';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const resourcesDir = join(repoRoot, 'resources');

/** A fixed clock so generated timestamps and derived dates do not depend on the day tests run. */
export const fixedClock = () => new Date('2026-11-21T09:30:00+08:00');

export function testCore(options: Partial<CoreOptions> = {}): Promise<CoreRuntime> {
  return openCore({ dataDir: null, resourcesDir, version: '0.0.0-test', clock: fixedClock, ...options });
}

/** An in-memory core holding a generated street: tiny unless a test needs the demo's size. */
export async function demoCore(options: Partial<CoreOptions> = {}, size: SizeName = 'tiny'): Promise<CoreRuntime> {
  const core = await testCore(options);
  core.data.create((db) => generateStreet(db, { size, seed: 7, now: core.now() }));
  return core;
}

/**
 * Cores a test file opens, each closed after its test: `demo()` opens a fresh demo street,
 * `keep(core)` takes any other core the test opened.
 */
export function coresClosedAfterEach(): { demo: () => Promise<CoreRuntime>; keep: <T extends CoreRuntime>(core: T) => T } {
  const open: CoreRuntime[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  const keep = <T extends CoreRuntime>(core: T): T => {
    open.push(core);
    return core;
  };
  return { demo: async () => keep(await demoCore()), keep };
}

/** Calls through the same dispatch the transports use, and unwraps a success (fails the test otherwise). */
export async function call<M extends Method>(core: CoreRuntime, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as Output<M>;
}
