import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { boardFigures } from '../../../src-main/core/dashboard/boards';
import { hohhotStaffing, staffingGaps, type StaffingProfile } from '../../../src-main/core/dashboard/staffingRule';
import { demoCore } from '../../helpers/core';

const roles = (entries: [string, number][]): Map<string, number> => new Map(entries);

describe('staffing under a rule profile', () => {
  it('counts no gap for a grid staffed 1+1+1+N, and one per missing person otherwise', () => {
    const full = roles([
      ['网格长', 1],
      ['网格管理员', 1],
      ['专职网格员', 1],
      ['兼职网格员', 3],
    ]);
    expect(staffingGaps(hohhotStaffing, full)).toBe(0);
    expect(staffingGaps(hohhotStaffing, roles([['网格长', 1]]))).toBe(3);
    expect(staffingGaps(hohhotStaffing, undefined)).toBe(4);
    // Extra people in one role do not make up for a missing role.
    expect(staffingGaps(hohhotStaffing, roles([['兼职网格员', 9]]))).toBe(3);
  });

  it('applies whatever profile it is given (a later rule-profile feature plugs in here)', () => {
    const hefei: StaffingProfile = {
      label: '1+2',
      required: [
        { role: '网格长', min: 1 },
        { role: '兼职网格员', min: 2 },
      ],
    };
    expect(staffingGaps(hefei, roles([['网格长', 1], ['兼职网格员', 1]]))).toBe(1);
  });

  describe('on the boards', () => {
    let core: CoreRuntime;
    beforeAll(async () => {
      core = await demoCore();
    });
    afterAll(async () => core.close());
    const clock = { now: '2026-11-21T09:30:00+08:00', today: '2026-11-21' };

    it('names the profile beside the figure and counts grids against it', () => {
      const db = core.data.store().db;
      const byDefault = boardFigures(db, clock);
      expect(byDefault.overview.coverage.staffingProfile).toBe('1+1+1+N');

      const nothingRequired: StaffingProfile = { label: '无要求', required: [] };
      const lenient = boardFigures(db, clock, nothingRequired);
      expect(lenient.overview.coverage.staffingProfile).toBe('无要求');
      expect(lenient.overview.coverage.gridsFullyStaffed).toBe(lenient.overview.basicGrids);
      expect(lenient.grids.every((g) => g.staffingGaps === 0)).toBe(true);
      expect(byDefault.grids.some((g) => g.staffingGaps > 0)).toBe(true);
    });
  });
});
