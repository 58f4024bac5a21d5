import { useEffect, useSyncExternalStore } from 'react';
import type { Result } from '../../src-main/contract';
import { api } from '../api/client';

/** After a change, the time to wait for the changes that follow it (a paste writes in steps). */
const ASK_AGAIN_MS = 400;
/** At the latest, when the window stays busy. */
const IDLE_TIMEOUT_MS = 1000;

export interface SharedAnswer<T> {
  subscribe(listener: () => void): () => void;
  get(): T | undefined;
  /** Asks when there is no answer yet, or one that may have gone stale while nobody showed it. */
  ensure(): void;
}

/**
 * An answer of the core that every page showing it shares: asked once, not once per page, once
 * the window is idle, and asked again shortly after a change to a table it reads (`'*'`:
 * everything may have changed). For the governance tree and its counts, which take the core a
 * pass over the street that must not stand in the queue before what a page needs to draw.
 */
export function sharedAnswer<T>(ask: () => Promise<Result<T>>, tablesOf: (answer: T) => readonly string[]): SharedAnswer<T> {
  let answer: T | undefined;
  let stale = false;
  let asking = false;
  let askAgain = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offChanges: (() => void) | null = null;
  const listeners = new Set<() => void>();

  const fetch = (): void => {
    // A change that lands while asking may not be in the answer: ask once more after it.
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    void ask().then((result) => {
      asking = false;
      if (result.ok) {
        answer = result.value;
        stale = false;
        listeners.forEach((l) => l());
      }
      if (askAgain) {
        askAgain = false;
        fetch();
      }
    });
  };

  let idle: number | null = null;
  return {
    get: () => answer,
    ensure() {
      if ((answer !== undefined && !stale) || idle !== null) return;
      // Once the page has drawn: asked with the page's own first calls, it held back the columns
      // and views its grid waits for by a pass over the street (a cold 实有人口 took 35 ms longer).
      idle = requestIdleCallback(
        () => {
          idle = null;
          fetch();
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      offChanges ??= api.on('data-changed', (e) => {
        const tables = answer === undefined ? null : tablesOf(answer);
        if (tables && !e.entities.some((t) => t === '*' || tables.includes(t))) return;
        clearTimeout(timer);
        timer = setTimeout(fetch, ASK_AGAIN_MS);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        // Nobody hears of changes now: the next page to show the answer asks again.
        offChanges?.();
        offChanges = null;
        stale = true;
      };
    },
  };
}

export function useSharedAnswer<T>(shared: SharedAnswer<T>): T | undefined {
  useEffect(() => shared.ensure(), [shared]);
  return useSyncExternalStore(shared.subscribe, shared.get);
}
