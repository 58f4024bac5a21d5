import { useEffect, useSyncExternalStore } from 'react';
import type { ScopeCommunity } from '../../src-main/contract';
import { api } from '../api/client';

/**
 * The governance tree, shared by every page and asked once: counting the residents of each grid
 * takes the core a pass over the street, which should not stand in the queue before the rows a
 * page has just asked for. A change to residents or the tree asks again, shortly after.
 */
let tree: ScopeCommunity[] | undefined;
let asking = false;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const TREE_TABLES = ['resident', 'grid', 'community', 'building'];

function ask(): void {
  if (asking) return;
  asking = true;
  void api.call('roster.scopeTree', {}).then((r) => {
    asking = false;
    if (!r.ok) return;
    tree = r.value;
    listeners.forEach((l) => l());
  });
}

let offEvents: (() => void) | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  offEvents ??= api.on('data-changed', (e) => {
    if (!e.entities.some((t) => TREE_TABLES.includes(t))) return;
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      offEvents?.();
      offEvents = null;
    }
  };
}

export function useScopeTree(): ScopeCommunity[] | undefined {
  useEffect(() => {
    if (!tree) ask();
  }, []);
  return useSyncExternalStore(subscribe, () => tree);
}
