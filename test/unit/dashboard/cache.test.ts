import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { boardFigures } from '../../../src-main/core/dashboard/boards';
import { BOARDS_MAX_AGE_MS } from '../../../src-main/core/dashboard/handlers';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('board figures shared by every screen', () => {
  it('are computed once per change: a refresh without a change gets the same figures', async () => {
    core = await demoCore();
    const first = await call(core, 'dashboard.boards', {});
    expect(await call(core, 'dashboard.boards', {})).toBe(first);
  });

  it('are computed again as soon as data changes', async () => {
    core = await demoCore();
    const before = await call(core, 'dashboard.boards', {});
    core.context().write('test.grid', (db) => db.run("UPDATE grid SET kind = '专属网格', dedicated_kind = '园区' WHERE id = (SELECT min(id) FROM grid WHERE kind <> '专属网格')"));
    const after = await call(core, 'dashboard.boards', {});
    expect(after.overview.dedicatedGrids).toBe(before.overview.dedicatedGrids + 1);
  });

  it('are computed again once they are older than the limit, for figures that move with the clock', async () => {
    let now = Date.parse('2026-11-21T09:30:00+08:00');
    core = await demoCore({ clock: () => new Date(now) });
    const first = await call(core, 'dashboard.boards', {});
    now += BOARDS_MAX_AGE_MS - 1;
    expect(await call(core, 'dashboard.boards', {})).toBe(first);
    now += 1;
    const later = await call(core, 'dashboard.boards', {});
    expect(later).not.toBe(first);
    expect(later.generatedAt).not.toBe(first.generatedAt);
  });

  it('after any write, equal the figures computed afresh, reading again only the parts that read a changed table', async () => {
    core = await demoCore();
    const c = core;
    const db = () => c.data.store().db;
    const clock = { now: c.now(), today: c.now().slice(0, 10) };
    const value = (sql: string): string => db().value<string>(sql) ?? '';
    const grid = value("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1");
    const branch = value("SELECT code FROM party_org WHERE kind = '党支部' ORDER BY code LIMIT 1");
    const community = value('SELECT code FROM community ORDER BY code LIMIT 1');
    const resident = value("SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id WHERE p.political = '群众' AND p.birth_date < '1995-01-01' ORDER BY p.id LIMIT 1");
    const residentName = value(`SELECT name FROM person WHERE id_number = '${resident}'`);
    const save = (input: Input<'records.save'>) => call(c, 'records.save', input);

    const writes: [string, () => Promise<unknown>][] = [
      ['a community renamed', () => save({ entity: 'community', mode: 'update', key: community, values: { name: '更名社区' } })],
      ['a resident moved in', () => save({ entity: 'resident', mode: 'create', values: { idNumber: composeIdNumber('150102', '1988-03-04', 21), name: '新居民', gridCode: grid } })],
      ['a resident joined the party (the ticker is read again, the year of events is not)', () => save({ entity: 'partyMember', mode: 'create', values: { idNumber: resident, name: residentName, category: '正式党员', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', orgCode: branch } })],
      ['a grid worker appointed', () => save({ entity: 'staff', values: { idNumber: resident, name: residentName, role: '兼职网格员', scopeCode: grid, since: '2026-01-01' } })],
      ['an event reported quoting a resident', () => save({ entity: 'event', values: { code: 'SJCACHE0001', title: `${residentName}反映井盖缺失`, gridCode: grid, reportedAt: clock.now, status: '受理' } })],
      ['a grid redrawn', () => save({ entity: 'grid', mode: 'update', key: grid, values: { boundary: null } })],
    ];
    let before = await call(c, 'dashboard.boards', {});
    for (const [what, write] of writes) {
      await write();
      const shared = await call(c, 'dashboard.boards', {});
      expect(shared, what).toEqual(boardFigures(db(), clock));
      expect(shared, what).not.toBe(before);
      if (what.startsWith('a resident joined')) {
        expect(shared.events.trend).toBe(before.events.trend);
        expect(shared.events.ticker).not.toBe(before.events.ticker);
      }
      if (what === 'a community renamed') {
        // Only the parts that read communities were read again.
        expect(shared.party).toBe(before.party);
        expect(shared.events.trend).toBe(before.events.trend);
        expect(shared.events.ticker).toBe(before.events.ticker);
        expect(shared.communities.map((x) => x.name)).toContain('更名社区');
      }
      before = shared;
    }
    expect(before.events.ticker[0]?.title).toBe(`${residentName.slice(0, 1)}${'*'.repeat(residentName.length - 1)}反映井盖缺失`);
  });
});
