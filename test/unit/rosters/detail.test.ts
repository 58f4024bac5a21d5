import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../../src-main/contract';
import { call, coresClosedAfterEach } from '../../helpers/core';

const cores = coresClosedAfterEach();
const fresh = cores.demo;

describe('the record drawer', () => {
  it('tells every role of a person and the history of their record, field by field, newest first', async () => {
    const core = await fresh();
    const db = core.data.store().db;
    // A resident who is also a party member, a work-force post holder and a secretary.
    const usual = "m.status = '正常' AND r.person_type = '常住人口'";
    const key =
      db.value<string>(
        `SELECT p.id_number FROM person p JOIN resident r ON r.person_id = p.id JOIN party_member m ON m.person_id = p.id
         JOIN staff_assignment s ON s.person_id = p.id JOIN party_org o ON o.secretary_person_id = p.id WHERE ${usual} LIMIT 1`,
      ) ?? db.value<string>(`SELECT p.id_number FROM person p JOIN resident r ON r.person_id = p.id JOIN party_member m ON m.person_id = p.id WHERE ${usual} LIMIT 1`);
    if (!key) throw new Error('no member living in the street');
    const first = await call(core, 'roster.edit', { roster: 'residents', rows: [{ key, values: { phone: '13800000001', personType: '流动人口' } }] });
    await call(core, 'roster.edit', { roster: 'members', rows: [{ key, values: { status: '流动' } }] });

    const detail = await call(core, 'roster.detail', { roster: 'residents', key });
    expect(detail.title).toBe(detail.fields.find((f) => f.column === 'name')?.value);
    expect(detail.roles.map((r) => r.kind)).toEqual(expect.arrayContaining(['resident', 'member']));
    expect(detail.roles.find((r) => r.kind === 'member')?.detail).toContain('党籍流动');
    expect(detail.history[0]).toMatchObject({ action: '在台账中修改', changes: [{ what: '党籍状态', before: '正常', after: '流动' }] });
    expect(detail.history[1]?.seq).toBe(first.seq);
    expect(detail.history[1]?.changes).toEqual(
      expect.arrayContaining([
        { what: '联系电话', before: expect.any(String), after: '13800000001' },
        { what: '人员类型', before: '常住人口', after: '流动人口' },
      ]),
    );

    await call(core, 'history.undo', { seq: first.seq });
    const after = await call(core, 'roster.detail', { roster: 'members', key });
    expect(after.history[0]?.action).toMatch(/^撤销\/重做/);
  });

  it('names what each row of a new record is: the person and the resident role are two rows of one action', async () => {
    const core = await fresh();
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    const saved = await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: '150102199005170415', name: '新居民', gridCode: grid } });
    const detail = await call(core, 'roster.detail', { roster: 'residents', key: saved.key });
    expect(detail.history).toEqual([expect.objectContaining({ seq: saved.seq, changes: expect.arrayContaining([{ what: '新增人员记录', before: '', after: '' }, { what: '新增实有人口记录', before: '', after: '' }]) })]);
    expect(detail.history[0]?.changes).toHaveLength(2);
  });

  it('lists who lives in a room, and the work force of a grid', async () => {
    const core = await fresh();
    const room = (await call(core, 'roster.page', { roster: 'rooms', filters: { residentCount: { kind: 'range', from: 2, to: null } }, limit: 1 })).rows[0];
    if (!room) throw new Error('no shared room');
    const detail = await call(core, 'roster.detail', { roster: 'rooms', key: room.key });
    expect(detail.roles).toHaveLength(Number(room.residentCount));
    expect(detail.roles.every((r) => r.roster === 'residents')).toBe(true);
    const grid = core.data.store().db.value<string>("SELECT g.code FROM grid g JOIN staff_assignment s ON s.grid_id = g.id WHERE s.role = '网格长' LIMIT 1") ?? '';
    const gridDetail = await call(core, 'roster.detail', { roster: 'grids', key: grid });
    expect(gridDetail.roles.map((r) => r.title)).toContain('网格长');
  });

  it('says a record is gone instead of showing an empty drawer', async () => {
    const core = await fresh();
    const result = await core.call('roster.detail', { roster: 'residents', key: '110101190001010000' });
    expect(result.ok ? '' : result.error.code).toBe('NOT_FOUND');
  });
});

const state = (search: string): ViewState => ({
  columns: [
    { id: 'name', hidden: false, pinned: true, width: 120 },
    { id: 'address', hidden: true, pinned: false, width: null },
  ],
  filters: { personType: { kind: 'set', values: ['流动人口'] }, birthDate: { kind: 'range', from: '1980-01-01', to: null } },
  sort: [{ column: 'birthDate', desc: true }],
  search,
  scope: { communityCode: '150102003001' },
});

describe('saved views', () => {
  it('keeps named views per page, replaces one saved under the same name, and removes them', async () => {
    const core = await fresh();
    await call(core, 'views.save', { page: 'residents', name: '流动人口', state: state('') });
    await call(core, 'views.save', { page: 'residents', name: '流动人口', state: state('王') });
    await call(core, 'views.save', { page: 'members', name: '流动人口', state: state('') });
    const list = await call(core, 'views.list', { page: 'residents' });
    expect(list).toHaveLength(1);
    expect(list[0]?.state).toEqual(state('王'));
    await call(core, 'views.remove', { page: 'residents', name: '流动人口' });
    expect(await call(core, 'views.list', { page: 'residents' })).toEqual([]);
    expect(await call(core, 'views.list', { page: 'members' })).toHaveLength(1);
    const missing = await core.call('views.remove', { page: 'residents', name: '没有' });
    expect(missing.ok ? '' : missing.error.message).toBe('没有名为“没有”的视图。');
    const blank = await core.call('views.save', { page: 'residents', name: '  ', state: state('') });
    expect(blank.ok).toBe(false);
  });
});
