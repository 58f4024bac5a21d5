import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import type { PartyOrgNode, RosterPage, RosterQueryInput, Scope, ScopeCommunity, TalliedRoster } from '../../../src-main/contract';
import { talliedRosters } from '../../../src-main/dto/rosters';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime;
beforeAll(async () => {
  core = await demoCore();
});
afterAll(async () => core.close());

const db = () => core.data.store().db;
const page = (q: Partial<RosterQueryInput> & { offset?: number; limit?: number } = {}): Promise<RosterPage> =>
  call(core, 'roster.page', { roster: 'residents', limit: 100, ...q });

describe('roster pages (paging, sorting, filtering and counting in SQLite)', () => {
  it('counts the whole street and pages through it without gaps or repeats', async () => {
    const total = db().value<number>('SELECT count(*) FROM resident') ?? 0;
    const seen = new Set<string>();
    for (let offset = 0; offset < total; offset += 100) {
      const p = await page({ offset, sort: [{ column: 'name', desc: false }] });
      expect(p.total).toBe(total);
      for (const r of p.rows) seen.add(r.key);
    }
    expect(seen.size).toBe(total);
  });

  it('sorts by the chosen column both ways, equal values in one stable order', async () => {
    const asc = (await page({ sort: [{ column: 'birthDate', desc: false }], limit: 500 })).rows.map((r) => String(r.birthDate));
    expect(asc).toEqual([...asc].sort());
    const desc = (await page({ sort: [{ column: 'birthDate', desc: true }], limit: 500 })).rows.map((r) => String(r.birthDate));
    expect(desc).toEqual([...desc].sort().reverse());
    const first = (await page({ sort: [{ column: 'gender', desc: false }], limit: 50 })).rows.map((r) => r.key);
    expect((await page({ sort: [{ column: 'gender', desc: false }], limit: 50 })).rows.map((r) => r.key)).toEqual(first);
    const byGrid = (await page({ sort: [{ column: 'gridCode', desc: true }], limit: 1000 })).rows.map((r) => String(r.gridCode));
    expect(byGrid).toEqual([...byGrid].sort().reverse());
  });

  it('scopes to a community, a grid or a building, counting only what is inside', async () => {
    const tree = await call(core, 'roster.scopeTree', {});
    const counts = await call(core, 'roster.scopeCounts', { roster: 'residents' });
    const community = tree[0] as ScopeCommunity;
    const grid = community.grids.find((g) => g.buildings.length > 0);
    const building = grid?.buildings[0];
    if (!grid || !building) throw new Error('demo has buildings');
    const inCommunity = await page({ scope: { communityCode: community.code }, limit: 1000 });
    expect(inCommunity.total).toBe(counts.communities[community.code]);
    expect(inCommunity.rows.every((r) => String(r.gridCode).startsWith(community.code))).toBe(true);
    const inGrid = await page({ scope: { communityCode: community.code, gridCode: grid.code }, limit: 1000 });
    expect(inGrid.total).toBe(counts.grids[grid.code]);
    const inBuilding = await page({ scope: { buildingCode: building.code }, limit: 1000 });
    expect(inBuilding.total).toBe(db().value('SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id WHERE b.code = ?', [building.code]));
    expect(inBuilding.rows.every((r) => r.buildingCode === building.code)).toBe(true);
  });

  it('filters by enumeration, text, date range and special-group tag', async () => {
    const floating = await page({ filters: { personType: { kind: 'set', values: ['流动人口'] } }, limit: 1000 });
    expect(floating.total).toBe(db().value("SELECT count(*) FROM resident WHERE person_type = '流动人口'"));
    expect(floating.rows.every((r) => r.personType === '流动人口')).toBe(true);
    const wang = await page({ filters: { name: { kind: 'text', op: 'startsWith', value: '王' } }, limit: 1000 });
    expect(wang.total).toBe(db().value("SELECT count(*) FROM resident r JOIN person p ON p.id = r.person_id WHERE p.name LIKE '王%'"));
    const born = await page({ filters: { birthDate: { kind: 'range', from: '1980-01-01', to: '1989-12-31' } }, limit: 1000 });
    expect(born.rows.every((r) => String(r.birthDate) >= '1980-01-01' && String(r.birthDate) <= '1989-12-31')).toBe(true);
    const tag = db().value<string>('SELECT tag FROM resident_tag LIMIT 1') ?? '';
    const tagged = await page({ filters: { tags: { kind: 'text', op: 'contains', value: tag } }, limit: 1000 });
    expect(tagged.total).toBe(db().value('SELECT count(DISTINCT resident_id) FROM resident_tag WHERE tag = ?', [tag]));
    expect(tagged.rows.every((r) => String(r.tags).includes(tag))).toBe(true);
    const noPhone = await page({ filters: { phone: { kind: 'text', op: 'blank', value: '' } }, limit: 1000 });
    expect(noPhone.rows.every((r) => r.phone === null)).toBe(true);
  });

  it('finds people by part of a name or an address, an ID or phone start, a whole ID, or a surname', async () => {
    const someone = db().get<{ name: string; idNumber: string; phone: string; address: string }>(
      `SELECT p.name, p.id_number AS idNumber, p.phone, r.address FROM resident r JOIN person p ON p.id = r.person_id
       WHERE p.phone IS NOT NULL AND r.address IS NOT NULL AND length(p.name) = 3 ORDER BY r.id LIMIT 1 OFFSET 7`,
    );
    if (!someone) throw new Error('no person');
    const keys = async (search: string): Promise<string[]> => (await page({ search, limit: 1000 })).rows.map((r) => r.key);
    expect(await keys(someone.name.slice(1))).toContain(someone.idNumber); // the given name, inside the full name
    expect(await keys(someone.address.slice(2, 9))).toContain(someone.idNumber); // inside the address
    expect(await keys(someone.idNumber.slice(0, 12))).toContain(someone.idNumber);
    expect(await keys(someone.phone.slice(0, 7))).toContain(someone.idNumber);
    expect(await keys(someone.idNumber.toLowerCase())).toEqual([someone.idNumber]);
    expect((await page({ search: someone.name.slice(0, 1), limit: 1000 })).rows.every((r) => String(r.name).startsWith(someone.name.slice(0, 1)))).toBe(true);
    for (const r of (await page({ search: someone.address.slice(2, 9), limit: 1000 })).rows) {
      expect(`${r.name}${r.address}`).toContain(someone.address.slice(2, 9));
    }
    expect((await page({ search: '不存在的人' })).total).toBe(0);
    expect((await page({ search: '，。' })).total).toBe(0);
  });

  it('counts each roster beside every community and grid as choosing that node shows it', async () => {
    const tree = await call(core, 'roster.scopeTree', {});
    const count = async (roster: TalliedRoster, scope: Scope = {}): Promise<number> => (await call(core, 'roster.count', { roster, scope })).total;
    for (const roster of talliedRosters) {
      const counts = await call(core, 'roster.scopeCounts', { roster });
      expect(counts.total, roster).toBe(await count(roster));
      expect(Object.keys(counts.communities).sort(), roster).toEqual(tree.map((c) => c.code).sort());
      for (const c of tree) {
        expect(counts.communities[c.code], `${roster} ${c.name}`).toBe(await count(roster, { communityCode: c.code }));
        for (const g of c.grids) expect(counts.grids[g.code], `${roster} ${g.name}`).toBe(await count(roster, { communityCode: c.code, gridCode: g.code }));
      }
      expect(Object.values(counts.grids).some((n) => n > 0), roster).toBe(true);
    }
    // Posts held at community level count in the community and in none of its grids.
    const staff = await call(core, 'roster.scopeCounts', { roster: 'staff' });
    const first = tree[0] as ScopeCommunity;
    expect(staff.communities[first.code]).toBeGreaterThan(first.grids.reduce((n, g) => n + (staff.grids[g.code] ?? 0), 0));
  });

  it('serves every roster with its derived counts, scoped the same way', async () => {
    const tree = await call(core, 'roster.scopeTree', {});
    const community = tree[0] as ScopeCommunity;
    for (const roster of ['members', 'partyOrgs', 'staff', 'buildings', 'rooms', 'communities', 'grids'] as const) {
      const all = await call(core, 'roster.page', { roster, limit: 1000 });
      const scoped = await call(core, 'roster.page', { roster, scope: { communityCode: community.code }, limit: 1000 });
      expect(all.total, roster).toBeGreaterThan(0);
      expect(scoped.total ?? 0, roster).toBeLessThanOrEqual(all.total ?? 0);
      expect(all.rows.length, roster).toBe(Math.min(all.total ?? 0, 1000));
    }
    const grids = await call(core, 'roster.page', { roster: 'grids', limit: 1000 });
    for (const g of grids.rows) {
      expect(g.residentCount).toBe(db().value('SELECT count(*) FROM resident r JOIN grid g ON g.id = r.grid_id WHERE g.code = ?', [g.key]));
    }
    const communities = await call(core, 'roster.page', { roster: 'communities', limit: 10 });
    const residents = await call(core, 'roster.scopeCounts', { roster: 'residents' });
    expect(communities.rows.map((c) => c.residentCount)).toEqual(tree.map((c) => residents.communities[c.code]));
    const staffInCommunity = await call(core, 'roster.page', { roster: 'staff', scope: { communityCode: community.code }, limit: 1000 });
    expect(staffInCommunity.rows.every((s) => String(s.scopeCode).startsWith(community.code))).toBe(true);
  });

  it('lists the members of an organisation and the ones below it, as the party tree counts them', async () => {
    const tree: PartyOrgNode[] = await call(core, 'roster.partyTree', {});
    for (const node of tree.filter((n) => n.kind !== '党小组')) {
      const members = await call(core, 'roster.page', { roster: 'members', orgCode: node.code, limit: 1 });
      expect(members.total, node.name).toBe(node.totalMembers);
    }
    const root = tree.find((n) => n.parentCode === null);
    expect(root?.totalMembers).toBe(db().value('SELECT count(*) FROM party_member'));
    const oversized = tree.filter((n) => n.oversized);
    expect(oversized.length).toBeGreaterThan(0);
    expect(oversized.every((n) => n.totalMembers > 50 && n.kind.includes('支部'))).toBe(true);
  });

  it('refuses a column the roster does not have, and sorting a column that cannot be sorted', async () => {
    const unknown = await core.call('roster.page', { roster: 'residents', sort: [{ column: 'salary', desc: false }] });
    expect(unknown.ok ? '' : unknown.error.message).toContain('没有“salary”这一列');
    const tags = await core.call('roster.page', { roster: 'residents', sort: [{ column: 'tags', desc: false }] });
    expect(tags.ok ? '' : tags.error.message).toContain('不能排序');
  });
});
