import type { ScopeCommunity, ScopeCounts, TalliedRoster } from '../../src-main/contract';
import { api } from '../api/client';
import { sharedAnswer, useSharedAnswer, type SharedAnswer } from './sharedAnswer';

const tree = sharedAnswer<ScopeCommunity[]>(
  () => api.call('roster.scopeTree', {}),
  () => ['community', 'grid', 'building'],
);

/** The governance tree (社区 → 网格 → 楼栋), shared by every page. */
export function useScopeTree(): ScopeCommunity[] | undefined {
  return useSharedAnswer(tree);
}

const counts = new Map<TalliedRoster, SharedAnswer<ScopeCounts>>();

/** A roster's rows per community and grid, as its area filter would show them. */
export function useScopeCounts(roster: TalliedRoster): ScopeCounts | undefined {
  let shared = counts.get(roster);
  if (!shared) {
    shared = sharedAnswer(() => api.call('roster.scopeCounts', { roster }), (c) => c.tables);
    counts.set(roster, shared);
  }
  return useSharedAnswer(shared);
}
