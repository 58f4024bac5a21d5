/// <reference lib="dom" />
import type { Api } from '../../src-main/contract';

let inFlight = 0;
let lastSettled = performance.now();
const waiters = new Set<() => void>();

/** The same Api, counting the calls still waiting for their answer. */
export function tracked(inner: Api): Api {
  return {
    on: (event, listener) => inner.on(event, listener),
    async call(method, input) {
      inFlight++;
      waiters.forEach((w) => w());
      try {
        return await inner.call(method, input);
      } finally {
        if (--inFlight === 0) {
          lastSettled = performance.now();
          waiters.forEach((w) => w());
        }
      }
    },
  };
}

/**
 * Runs `fn` once no call has been waiting for an answer for `quietMs` and the window is idle, or
 * after `latestMs` whatever the traffic; returns a cancel. For work done ahead of a person's need
 * (a roster built hidden) that must not stand in front of what the page on screen is drawing.
 */
export function whenSettled(fn: () => void, quietMs: number, latestMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  let done = false;
  const start = performance.now();
  const run = (): void => {
    if (done) return;
    done = true;
    cleanup();
    fn();
  };
  const check = (): void => {
    clearTimeout(timer);
    if (done) return;
    const now = performance.now();
    const left = start + latestMs - now;
    if (left <= 0) return run();
    if (inFlight > 0) {
      timer = setTimeout(check, left);
      return;
    }
    const quietFor = now - lastSettled;
    if (quietFor < quietMs) {
      timer = setTimeout(check, Math.min(quietMs - quietFor, left));
      return;
    }
    idle = requestIdleCallback(run, { timeout: Math.max(1, left) });
  };
  // A call started or the last one answered: an idle moment already asked for may be wrong now.
  const onTraffic = (): void => {
    if (idle !== undefined) cancelIdleCallback(idle);
    idle = undefined;
    check();
  };
  function cleanup(): void {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
    waiters.delete(onTraffic);
  }
  waiters.add(onTraffic);
  check();
  return () => {
    done = true;
    cleanup();
  };
}
