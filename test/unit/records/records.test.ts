import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStatus, PartyMemberRecord, ResidentRecord, SaveResult } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime;
beforeEach(async () => {
  core = await demoCore();
});
afterEach(async () => core.close());

const db = () => core.data.store().db;
const aGrid = () => db().value<string>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1") ?? '';
const aBranch = () => db().value<string>("SELECT code FROM party_org WHERE kind = '党支部' ORDER BY code LIMIT 1") ?? '';
const newId = (seq = 11) => composeIdNumber('150102', '1990-05-17', seq);

async function saveResident(values: Partial<ResidentRecord>, mode: 'create' | 'update' | 'upsert' = 'upsert', key?: string) {
  return core.call('records.save', { entity: 'resident', mode, values, ...(key ? { key } : {}) });
}

describe('records.save', () => {
  it('creates a resident with a new person, derives gender and birth date, and reads it back', async () => {
    const result = await call(core, 'records.save', {
      entity: 'resident',
      mode: 'create',
      values: { idNumber: newId(), name: '测试居民', gridCode: aGrid(), phone: '13900001111', tags: '独居老人、残疾人' },
    });
    expect(result.changed).toBe(true);
    expect(result.record).toMatchObject({ idNumber: newId(), name: '测试居民', gender: '男', birthDate: '1990-05-17', personType: '常住人口', tags: ['残疾人', '独居老人'] });
    const audit = db().all<{ entity: string; op: string; actor: string }>('SELECT entity, op, actor FROM audit_log WHERE seq = ?', [result.seq]);
    expect(audit.map((a) => `${a.entity}:${a.op}`).sort()).toEqual(['person:insert', 'resident:insert', 'resident_tag:insert', 'resident_tag:insert']);
    expect(audit[0]?.actor).toBe('本机');
  });

  it('refuses invalid values with every problem, its field, SPEC reason code and Chinese message', async () => {
    const result = await saveResident({ idNumber: '340524198001010011', name: '', gridCode: '150102003999001', personType: '常驻' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const reasons = Object.fromEntries((result.error.problems ?? []).map((p) => [p.field, p.reason]));
    expect(reasons).toEqual({ idNumber: 'checksum', name: 'required', gridCode: 'reference', personType: 'enum' });
    expect(result.error.problems?.find((p) => p.field === 'idNumber')?.message).toMatch(/校验位错误：应为 X/);
  });

  it('refuses a building that is not in the given grid (一楼严禁分两格)', async () => {
    const building = db().value<string>("SELECT code FROM building WHERE substr(code, 1, 15) <> ? LIMIT 1", [aGrid()]) ?? '';
    const result = await saveResident({ idNumber: newId(), name: '甲', gridCode: aGrid(), buildingCode: building, room: '101' });
    expect(result.ok ? null : result.error.problems?.[0]).toMatchObject({ field: 'buildingCode', reason: 'rule' });
  });

  it('keeps a building without a room in a place of the resident’s own, gone when they move or leave', async () => {
    const building = db().get<{ code: string; grid: string }>("SELECT b.code, g.code AS grid FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.kind <> '专属网格' LIMIT 1");
    if (!building) throw new Error('no building');
    const places = () => db().value<number>('SELECT count(*) FROM household WHERE room IS NULL');
    const rooms = () => db().value<number>('SELECT count(*) FROM household WHERE room IS NOT NULL');
    const roomsBefore = rooms();
    // What counts rooms and households: the 房屋 roster, the building's room columns, the grids'
    // and communities' 户数 and the 工作台's.
    const counted = async () => {
      const row = (await call(core, 'roster.page', { roster: 'buildings', scope: { buildingCode: building.code }, limit: 1 })).rows[0];
      const summary = await call(core, 'dashboard.summary', {});
      return [
        (await call(core, 'roster.count', { roster: 'rooms' })).total,
        (await call(core, 'roster.count', { roster: 'rooms', scope: { buildingCode: building.code } })).total,
        row?.rooms,
        row?.rented,
        row?.vacant,
        row?.partyCenters,
        (await call(core, 'geo.grids', {})).find((g) => g.code === building.grid)?.householdCount,
        (await call(core, 'geo.communities', {})).map((c) => c.householdCount),
        summary.households,
        summary.byCommunity.map((c) => c.households),
      ];
    };
    const countedBefore = await counted();
    const saved = await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: newId(), name: '甲', gridCode: building.grid, buildingCode: building.code, unit: '2' } });
    expect(saved.record).toMatchObject({ buildingCode: building.code, unit: '2', room: null });
    expect(places()).toBe(1);
    const unchanged = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: newId(), values: { buildingCode: building.code, unit: '2', phone: '13900002222' } });
    expect(unchanged.record).toMatchObject({ buildingCode: building.code, unit: '2', room: null, phone: '13900002222' });
    expect(db().all('SELECT entity FROM audit_log WHERE seq = ?', [unchanged.seq])).toEqual([{ entity: 'person' }]);
    const another = await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: newId(13), name: '乙', gridCode: building.grid, buildingCode: building.code, unit: '2' } });
    expect(another.record).toMatchObject({ buildingCode: building.code, room: null });
    expect(places()).toBe(2);
    expect(await counted()).toEqual(countedBefore);
    // The 实有人口 roster's 空白 filter on 房号 finds them, to be completed.
    const roomless = await call(core, 'roster.page', { roster: 'residents', scope: { buildingCode: building.code }, filters: { room: { kind: 'text', op: 'blank', value: '' } }, limit: 10 });
    expect(roomless.rows.map((r) => r.name).sort()).toEqual(['乙', '甲']);
    // Whatever a place holds, it is not a room: no count of rooms or their uses reads it.
    db().run("UPDATE household SET use = '出租' WHERE room IS NULL");
    expect(await counted()).toEqual(countedBefore);
    db().run("UPDATE household SET use = '自住' WHERE room IS NULL");

    const moved = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: newId(), values: { room: '9901' } });
    expect(moved.record).toMatchObject({ buildingCode: building.code, unit: '2', room: '9901' });
    expect([places(), rooms()]).toEqual([1, (roomsBefore ?? 0) + 1]);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: newId(), values: { room: null } });
    expect([places(), rooms()]).toEqual([2, (roomsBefore ?? 0) + 1]);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: newId(), values: { buildingCode: null, unit: null } });
    expect(places()).toBe(1);
    await call(core, 'records.remove', { entity: 'resident', key: newId(13) });
    expect(places()).toBe(0);
  });

  it('updates one field of a stored record and leaves the rest as it was', async () => {
    const before = db().get<{ id_number: string; name: string }>('SELECT p.id_number, p.name FROM resident r JOIN person p ON p.id = r.person_id LIMIT 1');
    if (!before) throw new Error('no resident');
    const stored = await call(core, 'records.get', { entity: 'resident', key: before.id_number });
    const saved = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: before.id_number, values: { phone: '13700002222' } });
    expect(saved.record).toEqual({ ...stored, phone: '13700002222' });
    const audit = db().all<{ entity: string }>('SELECT entity FROM audit_log WHERE seq = ?', [saved.seq]);
    expect(audit.map((a) => a.entity)).toEqual(['person']);
  });

  it('saving a record unchanged writes nothing', async () => {
    const key = db().value<string>('SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id LIMIT 1') ?? '';
    const stored = await call(core, 'records.get', { entity: 'resident', key });
    const saved = await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: stored as unknown as Record<string, unknown> });
    expect(saved.changed).toBe(false);
    expect(core.data.store().info().journalEntries).toBe(0);
  });

  it('corrects an ID number: the person keeps their roles, the old number is gone, another person’s number is refused', async () => {
    const created = await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: newId(13), name: '改号', gridCode: aGrid() } });
    const corrected = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: created.key, values: { idNumber: newId(15) } });
    expect(corrected.key).toBe(newId(15));
    expect(db().value('SELECT count(*) FROM person WHERE id_number = ?', [newId(13)])).toBe(0);
    const other = db().value<string>('SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id LIMIT 1') ?? '';
    const clash = await core.call('records.save', { entity: 'resident', mode: 'update', key: corrected.key, values: { idNumber: other } });
    expect(clash.ok ? null : clash.error.code).toBe('CONFLICT');
  });

  it('upgrades a 15-digit ID number and says so', async () => {
    const saved = await call(core, 'records.save', { entity: 'resident', values: { idNumber: '150102450731199', name: '老号', gridCode: aGrid() } });
    expect(saved.key).toBe('150102194507311991');
    expect(saved.upgradedFrom).toBe('150102450731199');
  });

  it('adds a party member to an existing resident, checks the party rules, and sets 政治面貌', async () => {
    const person = db().get<{ id_number: string; name: string }>(
      "SELECT p.id_number, p.name FROM resident r JOIN person p ON p.id = r.person_id WHERE p.political = '群众' AND p.birth_date < '1990-01-01' LIMIT 1",
    );
    if (!person) throw new Error('no candidate');
    const member: Partial<PartyMemberRecord> = { idNumber: person.id_number, name: person.name, category: '正式党员', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', orgCode: aBranch() };
    const saved = await call(core, 'records.save', { entity: 'partyMember', mode: 'create', values: member as Record<string, unknown> });
    expect((saved as SaveResult).record).toMatchObject({ category: '正式党员', orgCode: aBranch(), status: '正常', inService: false });
    expect((await call(core, 'records.get', { entity: 'resident', key: person.id_number })) as ResidentRecord).toMatchObject({ political: '中共党员' });

    const early = await core.call('records.save', { entity: 'partyMember', mode: 'update', key: person.id_number, values: { confirmedOn: '2015-12-01' } });
    expect(early.ok ? null : early.error.problems?.[0]).toMatchObject({ field: 'confirmedOn', reason: 'rule' });
    const probationary = await core.call('records.save', { entity: 'partyMember', mode: 'update', key: person.id_number, values: { category: '预备党员' } });
    expect(probationary.ok ? null : probationary.error.problems?.[0]?.message).toBe('预备党员不应有转正日期');
  });

  it('keys staff by ID number, role and scope, and events create the departments they name', async () => {
    const person = db().get<{ id_number: string; name: string }>('SELECT id_number, name FROM person LIMIT 1');
    if (!person) throw new Error('no person');
    const staff = await call(core, 'records.save', {
      entity: 'staff',
      values: { idNumber: person.id_number, name: person.name, role: '兼职网格员', scopeCode: aGrid(), since: '2024-01-01' },
    });
    expect(staff.key).toBe(`${person.id_number}|兼职网格员|${aGrid()}`);
    const event = await call(core, 'records.save', {
      entity: 'event',
      values: { code: 'SJTEST0001', title: '井盖缺失', gridCode: aGrid(), reportedAt: '2026-11-20 10:00', status: '受理', departments: '城管执法中队、新成立的部门' },
    });
    expect(event.record).toMatchObject({ reportedAt: '2026-11-20T10:00:00+08:00', departments: ['城管执法中队', '新成立的部门'] });
  });

  it('removes a resident and, with no other role left, the person; refuses to remove a grid still in use', async () => {
    const created = await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: newId(17), name: '搬走', gridCode: aGrid() } });
    await call(core, 'records.remove', { entity: 'resident', key: created.key });
    expect(db().value('SELECT count(*) FROM person WHERE id_number = ?', [created.key])).toBe(0);
    const grid = await core.call('records.remove', { entity: 'grid', key: aGrid() });
    expect(grid.ok ? null : grid.error.code).toBe('CONFLICT');
    expect(((await call(core, 'app.status', {})) as AppStatus).database).toBe('ready');
  });
});
