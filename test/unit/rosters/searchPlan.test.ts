import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { pageIds } from '../../../src-main/core/rosters/query';
import { residents, residentSearchPlan } from '../../../src-main/core/rosters/rosters/residents';
import type { RosterQuery } from '../../../src-main/dto/rosters';
import { demoCore } from '../../helpers/core';

let core: CoreRuntime;
beforeAll(async () => {
  core = await demoCore();
});
afterAll(async () => {
  await core.close();
});

const TODAY = '2026-11-21';
const query = (search: string, column: string): RosterQuery => ({ scope: {}, filters: {}, search, sort: [{ column, desc: false }] }) as unknown as RosterQuery;

describe('a surname search sorted by another column', () => {
  it('finds the same page in the same order whichever index it walks', () => {
    const db = core.data.store().db;
    const surname = db.value<string>('SELECT substr(name, 1, 1) AS s FROM person GROUP BY s ORDER BY count(*) DESC LIMIT 1') ?? '';
    const walking = { ...residents, searchPlan: () => ({ walkSort: true }) };
    const seeking = { ...residents, searchPlan: () => ({ walkSort: false }) };
    for (const column of ['birthDate', 'idNumber', 'address']) {
      for (const offset of [0, 20]) {
        const walked = pageIds(db, walking, query(surname, column), offset, 20, TODAY);
        expect(walked.length).toBe(20);
        expect(walked).toEqual(pageIds(db, seeking, query(surname, column), offset, 20, TODAY));
      }
    }
  });

  it('walks the sort index only for a surname many share, near the top, when the sort is not the name', () => {
    const db = core.data.store().db;
    const surname = db.value<string>('SELECT substr(name, 1, 1) AS s FROM person GROUP BY s ORDER BY count(*) DESC LIMIT 1') ?? '';
    const shared = db.value<number>('SELECT count(*) FROM person WHERE substr(name, 1, 1) = ?', [surname]) ?? 0;
    const plan = (text: string, column: string | null, offset = 0, common = shared - 1) => residentSearchPlan(db, text, column, offset, common).walkSort;
    expect(plan(surname, 'birthDate')).toBe(true);
    expect(plan(surname, null)).toBe(true);
    expect(plan(surname, 'birthDate', 0, shared)).toBe(false);
    expect(plan(`${surname}芳`, 'birthDate')).toBe(false);
    expect(plan(surname, 'name')).toBe(false);
    expect(plan(surname, 'birthDate', 5000)).toBe(false);
  });
});
