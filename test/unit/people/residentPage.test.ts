import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { residentPage, type ResidentPageQuery } from '../../../src-main/core/people/queries';
import { testCore } from '../../helpers/core';

let core: CoreRuntime;
beforeAll(async () => {
  core = await testCore();
  core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 21, now: core.now() }));
});
afterAll(async () => core.close());

const db = () => core.data.store().db;
const page = (q: Partial<ResidentPageQuery>) => residentPage(db(), { sort: { field: 'name', desc: false }, offset: 0, limit: 100, ...q });

describe('resident roster pages', () => {
  it('counts the whole street and pages through it without gaps or repeats', () => {
    const total = db().value<number>('SELECT count(*) FROM resident') ?? 0;
    const seen = new Set<number>();
    for (let offset = 0; offset < total; offset += 100) {
      const { rows, total: t } = page({ offset });
      expect(t).toBe(total);
      for (const r of rows) seen.add(r.id);
    }
    expect(seen.size).toBe(total);
  });

  it('sorts by the chosen column, both ways, with a stable order for equal values', () => {
    const asc = page({ sort: { field: 'birthDate', desc: false }, limit: 500 }).rows.map((r) => r.birthDate);
    expect(asc).toEqual([...asc].sort());
    const desc = page({ sort: { field: 'birthDate', desc: true }, limit: 500 }).rows.map((r) => r.birthDate);
    expect(desc).toEqual([...desc].sort().reverse());
    const first = page({ sort: { field: 'name', desc: false }, limit: 50 }).rows.map((r) => r.id);
    expect(page({ sort: { field: 'name', desc: false }, limit: 50 }).rows.map((r) => r.id)).toEqual(first);
  });

  it('scopes to a community or a grid, and filters by person type, counting only matches', () => {
    const grid = db().get<{ code: string; community: string }>(
      "SELECT g.code, c.code AS community FROM grid g JOIN community c ON c.id = g.community_id WHERE g.kind <> '专属网格' LIMIT 1",
    );
    if (!grid) throw new Error('no grid');
    const inGrid = page({ gridCode: grid.code, limit: 1000 });
    expect(inGrid.rows.every((r) => r.gridCode === grid.code)).toBe(true);
    expect(inGrid.total).toBe(db().value('SELECT count(*) FROM resident r JOIN grid g ON g.id = r.grid_id WHERE g.code = ?', [grid.code]));
    const inCommunity = page({ communityCode: grid.community, personType: '流动人口', limit: 1000 });
    expect(inCommunity.rows.every((r) => r.gridCode.startsWith(grid.community) && r.personType === '流动人口')).toBe(true);
    expect(inCommunity.total).toBe(inCommunity.rows.length);
  });

  it('finds people by the start of a name, an ID number or a phone number', () => {
    const someone = db().get<{ name: string; id_number: string; phone: string }>('SELECT name, id_number, phone FROM person p JOIN resident r ON r.person_id = p.id WHERE phone IS NOT NULL LIMIT 1');
    if (!someone) throw new Error('no person');
    expect(page({ search: someone.name.slice(0, 1) }).rows.every((r) => r.name.startsWith(someone.name.slice(0, 1)))).toBe(true);
    expect(page({ search: someone.id_number.slice(0, 14) }).rows.map((r) => r.idNumber)).toContain(someone.id_number);
    expect(page({ search: someone.phone.slice(0, 7) }).rows.map((r) => r.phone)).toContain(someone.phone);
    expect(page({ search: '不存在的人' }).total).toBe(0);
  });
});
