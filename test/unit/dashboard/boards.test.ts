import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardFigures } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime;
let figures: BoardFigures;
beforeAll(async () => {
  core = await demoCore();
  figures = await call(core, 'dashboard.boards', {});
}, 60_000);
afterAll(async () => core.close());

const n = (sql: string): number => core.data.store().db.value<number>(sql) ?? 0;
const sum = (shares: { value: number }[]): number => shares.reduce((s, x) => s + x.value, 0);

describe('board figures', () => {
  it('agree with each other: grids add up to communities, communities to the street', () => {
    const { overview, grids, communities } = figures;
    expect(grids).toHaveLength(overview.grids);
    expect(sum(grids.map((g) => ({ value: g.residents })))).toBe(overview.residents);
    expect(sum(communities.map((c) => ({ value: c.residents })))).toBe(overview.residents);
    expect(sum(grids.map((g) => ({ value: g.households })))).toBe(overview.households);
    expect(overview.basicGrids + overview.dedicatedGrids).toBe(overview.grids);
  });

  it('split party members into bands that each add up to all active members', () => {
    const { party, overview } = figures;
    for (const bands of [party.byCategory, party.byAgeBand, party.byEducation]) expect(sum(bands)).toBe(overview.members);
    expect(sum(party.byPartyAge)).toBe(n("SELECT count(*) FROM party_member WHERE status NOT IN ('已转出', '停止党籍') AND confirmed_on IS NOT NULL"));
    expect(party.overdueConfirmation).toBeGreaterThanOrEqual(2);
    expect(party.reported).toBeLessThanOrEqual(party.inService);
  });

  it('find the staffing gap the demo street has on purpose', () => {
    const gaps = figures.grids.filter((g) => !g.dedicated && g.staffingGaps > 0);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(figures.overview.coverage.gridsFullyStaffed).toBe(figures.overview.basicGrids - gaps.length);
  });

  it('give event shares over the year, rates between 0 and 1, and a 30-day trend ending today', () => {
    const { events } = figures;
    const year = n("SELECT count(*) FROM event WHERE reported_at >= date('2026-11-21', '-365 days')");
    expect(sum(events.byStatus)).toBe(year);
    expect(sum(events.byWhistle)).toBe(year);
    for (const rate of [events.responseRate, events.resolutionRate, events.satisfactionRate]) {
      expect(rate).toBeGreaterThan(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    expect(events.trend).toHaveLength(30);
    expect(events.trend.at(-1)?.day).toBe('2026-11-21');
    expect(events.ticker).toHaveLength(20);
    expect(events.ticker.map((t) => t.reportedAt)).toEqual([...events.ticker.map((t) => t.reportedAt)].sort().reverse());
  });
});
