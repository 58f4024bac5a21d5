import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime;
beforeAll(async () => {
  core = await demoCore();
});
afterAll(async () => core.close());

describe('communities and grids', () => {
  it('lists the demo street’s communities with counts derived from its grids and rooms', async () => {
    const communities = await call(core, 'geo.communities', {});
    const grids = await call(core, 'geo.grids', {});
    expect(communities).toHaveLength(2);
    for (const community of communities) {
      const own = grids.filter((g) => g.communityCode === community.code);
      expect(community.gridCount).toBe(own.length);
      expect(community.dedicatedGridCount).toBe(own.filter((g) => g.kind === '专属网格').length);
      expect(community.householdCount).toBe(own.reduce((sum, g) => sum + g.householdCount, 0));
    }
  });

  it('numbers every grid inside its community: 15 digits starting with the community code', async () => {
    const grids = await call(core, 'geo.grids', {});
    expect(grids.length).toBe(8);
    for (const grid of grids) {
      expect(grid.code).toMatch(/^\d{15}$/);
      expect(grid.code.startsWith(grid.communityCode)).toBe(true);
      expect(grid.kind === '专属网格').toBe(grid.dedicatedKind !== null);
    }
  });

  it('filters grids by community', async () => {
    const [first] = await call(core, 'geo.communities', {});
    if (!first) throw new Error('no community');
    const grids = await call(core, 'geo.grids', { communityCode: first.code });
    expect(grids).toHaveLength(first.gridCount);
    expect(new Set(grids.map((g) => g.communityName))).toEqual(new Set([first.name]));
  });

  it('agrees with the dashboard summary', async () => {
    const summary = await call(core, 'dashboard.summary', {});
    const communities = await call(core, 'geo.communities', {});
    expect(summary.communities).toBe(communities.length);
    expect(summary.grids).toBe(communities.reduce((s, c) => s + c.gridCount, 0));
    expect(summary.households).toBe(communities.reduce((s, c) => s + c.householdCount, 0));
    expect(summary.byCommunity.map((c) => c.basicGrids + c.dedicatedGrids)).toEqual(communities.map((c) => c.gridCount));
  });
});
