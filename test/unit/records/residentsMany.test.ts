import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResidentRecord } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import type { SqlDb } from '../../../src-main/core/db/sqlite';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { repositories } from '../../../src-main/core/records';
import { demoCore, testCore } from '../../helpers/core';
import { snapshotsIn, tempDataDir } from '../../helpers/storage';

const open: CoreRuntime[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});
const keep = (core: CoreRuntime): CoreRuntime => (open.push(core), core);

const NOW = '2026-11-22T10:00:00+08:00';
const id = (seq: number): string => composeIdNumber('150102', '1988-03-09', seq);

const blank: Omit<ResidentRecord, 'idNumber' | 'name' | 'gridCode'> = {
  gender: null,
  ethnicity: '汉族',
  birthDate: null,
  phone: null,
  political: '群众',
  personType: null,
  residence: null,
  buildingCode: null,
  unit: null,
  room: null,
  hukouAddress: null,
  address: null,
  tags: [],
};

/**
 * Records that take every branch: new people with and without a room, in a stored room, in a new
 * unit and a new room (twice), a room without a unit, a building without a room (twice), a stored
 * resident, a stored person without a resident role, and one ID named twice.
 */
function records(db: SqlDb): ResidentRecord[] {
  const stored = db.get<{ grid: string; building: string; unit: string; room: string }>(
    `SELECT g.code AS grid, b.code AS building, replace(u.name, '单元', '') AS unit, h.room
     FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id JOIN unit u ON u.id = h.unit_id ORDER BY h.id LIMIT 1`,
  );
  const resident = db.get<{ id: string }>('SELECT p.id_number AS id FROM resident r JOIN person p ON p.id = r.person_id ORDER BY r.id LIMIT 1');
  const member = db.get<{ id: string }>('SELECT p.id_number AS id FROM party_member m JOIN person p ON p.id = m.person_id WHERE NOT EXISTS (SELECT 1 FROM resident r WHERE r.person_id = p.id) LIMIT 1');
  if (!stored || !resident || !member) throw new Error('the demo street lacks a case');
  const base = { ...blank, gridCode: stored.grid };
  return [
    { ...base, idNumber: id(11), name: '甲一', tags: ['独居老人', '残疾人'], phone: '13900000001' },
    { ...base, idNumber: id(13), name: '甲二', buildingCode: stored.building, unit: stored.unit, room: stored.room, address: '旧房' },
    { ...base, idNumber: resident.id, name: '改名居民', tags: ['低保户'], personType: '流动人口' },
    { ...base, idNumber: id(15), name: '甲三', buildingCode: stored.building, unit: '9', room: '901' },
    { ...base, idNumber: member.id, name: '党员居民', buildingCode: stored.building, unit: '9', room: '902' },
    { ...base, idNumber: id(17), name: '甲四', buildingCode: stored.building, unit: '9', room: '901', tags: ['残疾人'] },
    { ...base, idNumber: id(19), name: '甲五', buildingCode: stored.building, room: '底商1' },
    { ...base, idNumber: id(21), name: '甲六', buildingCode: stored.building, unit: '2' },
    { ...base, idNumber: id(23), name: '甲七', buildingCode: stored.building, unit: '2' },
    { ...base, idNumber: id(11), name: '甲一改', tags: ['独居老人'] },
  ];
}

/** What a person sees of the written tables: every column, row ids replaced by natural keys. */
function tables(db: SqlDb): Record<string, unknown[]> {
  return {
    person: db.all('SELECT id_number, name, gender, birth_date, ethnicity, phone, education, political, hukou_address, updated_at FROM person ORDER BY id_number'),
    resident: db.all(
      `SELECT p.id_number, g.code AS grid, b.code AS building, u.code AS unit, h.room, r.person_type, r.residence, r.address, r.updated_at
       FROM resident r JOIN person p ON p.id = r.person_id JOIN grid g ON g.id = r.grid_id
       LEFT JOIN household h ON h.id = r.household_id LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id
       ORDER BY p.id_number`,
    ),
    household: db.all(
      `SELECT b.code AS building, u.code AS unit, h.room, h.use, h.party_center, h.updated_at
       FROM household h JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id ORDER BY 1, 2, 3`,
    ),
    unit: db.all('SELECT u.code, b.code AS building, u.name, u.updated_at FROM unit u JOIN building b ON b.id = u.building_id ORDER BY u.code'),
    tag: db.all('SELECT p.id_number, t.tag FROM resident_tag t JOIN resident r ON r.id = t.resident_id JOIN person p ON p.id = r.person_id ORDER BY 1, 2'),
    audit: db.all("SELECT entity, op, count(*) AS n FROM audit_log WHERE actor = '测试' GROUP BY entity, op ORDER BY entity, op"),
  };
}

describe('residents written many at a time', () => {
  it('leaves the same rows, audit rows and search index as writing them one by one', async () => {
    const one = keep(await demoCore());
    const many = keep(await demoCore());
    const input = records(one.data.store().db);
    const meta = { actor: '测试', action: 'test.residents' };
    one.data.store().write(meta, (db) => {
      for (const r of input) repositories.resident.write(db, r, NOW);
    });
    many.data.store().write(meta, (db) => repositories.resident.writeMany?.(db, input, NOW));

    expect(tables(many.data.store().db)).toEqual(tables(one.data.store().db));
    const written = tables(many.data.store().db);
    expect(written.household).toEqual(expect.arrayContaining([expect.objectContaining({ room: '901' }), expect.objectContaining({ room: '底商1', unit: null })]));
    // A building without a room keeps the building and unit, in a place of the resident's own.
    expect(written.resident).toContainEqual(expect.objectContaining({ id_number: id(21), building: input[7]?.buildingCode, room: null }));
    expect(written.household?.filter((h) => (h as { room: string | null }).room === null)).toHaveLength(2);
    expect(written.tag).toEqual(expect.arrayContaining([{ id_number: id(11), tag: '独居老人' }]));
    expect(written.tag).not.toContainEqual({ id_number: id(11), tag: '残疾人' });
    for (const core of [one, many]) {
      expect(core.data.store().db.value('SELECT count(*) FROM resident_search WHERE grams MATCH ?', ['甲三'])).toBe(1);
    }
  });

  it('writes new people with a number of statements that does not grow with them', async () => {
    const core = keep(await demoCore());
    const db = core.data.store().db;
    const [first] = records(db);
    if (!first) throw new Error('no record');
    const building = db.get<{ code: string; grid: string }>('SELECT b.code, g.code AS grid FROM building b JOIN grid g ON g.id = b.grid_id LIMIT 1');
    const people = (from: number, n: number): ResidentRecord[] =>
      Array.from({ length: n }, (_, i) => ({ ...first, idNumber: id(101 + 2 * (from + i)), gridCode: building?.grid ?? '', buildingCode: building?.code ?? null, unit: '1', room: `${from + i}01`, tags: ['独居老人'] }));
    const statements = (input: ResidentRecord[]): number => {
      const spies = (['run', 'all', 'get', 'value'] as const).map((m) => vi.spyOn(db, m));
      try {
        core.data.store().write({ actor: '测试', action: 'test' }, (w) => repositories.resident.writeMany?.(w, input, NOW));
        return spies.reduce((n, s) => n + s.mock.calls.length, 0);
      } finally {
        for (const s of spies) s.mockRestore();
      }
    };
    const few = statements(people(0, 5));
    expect(statements(people(100, 200))).toBe(few);
    expect(db.value('SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id WHERE h.room = ?', ['29901'])).toBe(1);
  });

  it('stops at a grid or building that does not exist, as one record at a time does', async () => {
    const core = keep(await demoCore());
    const [first] = records(core.data.store().db);
    if (!first) throw new Error('no record');
    const write = (r: ResidentRecord) => () => core.data.store().write({ actor: '测试', action: 'test' }, (db) => repositories.resident.writeMany?.(db, [r], NOW));
    expect(write({ ...first, gridCode: '150102999999999' })).toThrow(/编码“150102999999999”对应的记录不存在/);
    expect(write({ ...first, buildingCode: '150102999999999999', room: '101' })).toThrow(/编码“150102999999999999”对应的记录不存在/);
    expect(core.data.store().db.value('SELECT count(*) FROM person WHERE id_number = ?', [first.idNumber])).toBe(0);
  });

  it('is replayed from the journal to the same rows after a crash', async () => {
    const dataDir = tempDataDir();
    const core = await testCore({ dataDir });
    core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 7, now: core.now() }));
    const input = records(core.data.store().db);
    core.data.store().write({ actor: '测试', action: 'test.residents' }, (db) => repositories.resident.writeMany?.(db, input, NOW));
    const before = tables(core.data.store().db);
    core.data.close({ snapshot: false });
    await core.close();
    expect(snapshotsIn(dataDir)).toHaveLength(1);
    const reopened = keep(await testCore({ dataDir }));
    expect(tables(reopened.data.store().db)).toEqual(before);
  });
});
