import type { ResidentRecord } from '../../dto/records';
import type { SqlDb } from '../db/sqlite';
import { AppError } from '../errors';
import { checkIdNumber } from '../people/idNumber';
import { missingCode } from './lookup';
import { unitId } from './rooms';

/**
 * Many residents written at once (an import, a package). The people new to the database are
 * inserted with a handful of statements per call, rows passed as one JSON array, instead of a
 * dozen statements per person, which cost a 100k-row import about a quarter of its write. The rows
 * and audit rows are those `residents.write` makes one record at a time (a test holds them
 * equal); a record of someone already stored, or named twice, goes through `writeOne` after.
 */
export function writeManyResidents(db: SqlDb, records: readonly ResidentRecord[], now: string, writeOne: (r: ResidentRecord) => void): void {
  const today = now.slice(0, 10);
  const stored = storedPeople(db, records.map((r) => r.idNumber));
  const fresh: { r: ResidentRecord; gender: string; birthDate: string }[] = [];
  const later: ResidentRecord[] = [];
  const named = new Set<string>();
  for (const r of records) {
    const check = checkIdNumber(r.idNumber, today);
    if (!check.ok) throw new AppError('VALIDATION', check.message);
    // An ID not yet in its normal form is found and stored the way upsertPerson does it.
    if (check.id !== r.idNumber || stored.has(r.idNumber) || named.has(r.idNumber)) later.push(r);
    else fresh.push({ r, gender: check.gender, birthDate: check.birthDate });
    named.add(r.idNumber);
  }
  if (fresh.length > 0) {
    const rooms = householdIds(db, fresh.map((f) => f.r), now);
    const grids = idsByCode(db, 'grid', fresh.map((f) => f.r.gridCode));
    // The people go in in order, each taking the next row id, so their ids need no lookup after.
    const firstPerson = (db.value<number>('SELECT ifnull(max(id), 0) FROM person') ?? 0) + 1;
    const inserted = db.run(
      `INSERT INTO person (id_number, name, gender, birth_date, ethnicity, phone, political, hukou_address, updated_at)
       SELECT j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7, ? FROM json_each(?) j ORDER BY j.key`,
      [now, JSON.stringify(fresh.map(({ r, gender, birthDate }) => [r.idNumber, r.name, gender, birthDate, r.ethnicity, r.phone, r.political, r.hukouAddress]))],
    );
    if (inserted !== fresh.length || db.lastInsertId() !== firstPerson + fresh.length - 1) throw new Error('people were not numbered in order');
    const personIds = fresh.map((_, i) => firstPerson + i);
    db.run(
      `INSERT INTO resident (person_id, grid_id, household_id, person_type, residence, address, updated_at)
       SELECT j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, ? FROM json_each(?) j ORDER BY j.key`,
      [
        now,
        JSON.stringify(fresh.map(({ r }, i) => [personIds[i], grids(r.gridCode), rooms[i], r.personType ?? '常住人口', r.residence ?? '人户一致', r.address])),
      ],
    );
    const tagged = fresh.flatMap(({ r }, i) => r.tags.map((tag) => [personIds[i], tag]));
    if (tagged.length > 0) {
      db.run(
        `INSERT INTO resident_tag (resident_id, tag)
         SELECT r.id, j.value->>1 FROM json_each(?) j JOIN resident r ON r.person_id = j.value->>0 ORDER BY j.key`,
        [JSON.stringify(tagged)],
      );
    }
  }
  for (const r of later) writeOne(r);
}

/** The stored people among these ID numbers: row id by ID number, looked up in one query. */
function storedPeople(db: SqlDb, idNumbers: readonly string[]): Map<string, number> {
  const found = db.all<{ key: string; id: number }>('SELECT p.id_number AS key, p.id FROM json_each(?) j JOIN person p ON p.id_number = j.value', [JSON.stringify(idNumbers)]);
  return new Map(found.map((p) => [p.key, p.id]));
}

/** Row ids of the codes given (each must exist, as for `idByCode`), looked up in one query. */
function idsByCode(db: SqlDb, table: 'grid' | 'building', codes: readonly string[]): (code: string) => number {
  const found = new Map(
    db.all<{ code: string; id: number }>(`SELECT t.code, t.id FROM json_each(?) j JOIN ${table} t ON t.code = j.value`, [JSON.stringify([...new Set(codes)])]).map((t) => [t.code, t.id]),
  );
  return (code) => {
    const id = found.get(code);
    if (id === undefined) throw missingCode(code);
    return id;
  };
}

/**
 * Where each record lives, as `householdId` decides one at a time: null without a building; the
 * room, the rooms not yet registered created in the order the records first name them; for a
 * building without a room, a new place of the resident's own (room NULL), one per record.
 */
function householdIds(db: SqlDb, records: readonly ResidentRecord[], now: string): (number | null)[] {
  const buildings = idsByCode(db, 'building', records.flatMap((r) => (r.buildingCode ? [r.buildingCode] : [])));
  const units = new Map<string, number>();
  const rooms = new Map<string, [number, number, string]>();
  const places: [number, number][] = [];
  const keys = records.map((r): string | number | null => {
    if (!r.buildingCode) return null;
    const buildingId = buildings(r.buildingCode);
    let unit = 0;
    if (r.unit) {
      const unitKey = `${buildingId}\u001f${r.unit}`;
      unit = units.get(unitKey) ?? unitId(db, buildingId, r.buildingCode, r.unit, now);
      units.set(unitKey, unit);
    }
    if (!r.room) return places.push([buildingId, unit]) - 1;
    const key = `${buildingId}\u001f${unit}\u001f${r.room}`;
    if (!rooms.has(key)) rooms.set(key, [buildingId, unit, r.room]);
    return key;
  });
  const ids = new Map<string, number>();
  if (rooms.size > 0) {
    const listed = JSON.stringify([...rooms.values()]);
    // A room already registered is left as it is (its unique index): one statement, no lookup first.
    db.run(
      `INSERT INTO household (building_id, unit_id, room, use, updated_at)
       SELECT j.value->>0, nullif(j.value->>1, 0), j.value->>2, '自住', ? FROM json_each(?) j WHERE true ORDER BY j.key
       ON CONFLICT DO NOTHING`,
      [now, listed],
    );
    const roomKeys = [...rooms.keys()];
    for (const h of db.all<{ at: number; id: number }>(
      `SELECT j.key AS at, h.id FROM json_each(?) j
       JOIN household h ON h.building_id = j.value->>0 AND ifnull(h.unit_id, 0) = j.value->>1 AND h.room = j.value->>2`,
      [listed],
    )) {
      ids.set(roomKeys[h.at] as string, h.id);
    }
  }
  // Places without a room never collide (NULLs are distinct in the unique index), so every one
  // is inserted, in order, each taking the next row id.
  let firstPlace = 0;
  if (places.length > 0) {
    firstPlace = (db.value<number>('SELECT ifnull(max(id), 0) FROM household') ?? 0) + 1;
    const inserted = db.run(
      `INSERT INTO household (building_id, unit_id, room, use, updated_at)
       SELECT j.value->>0, nullif(j.value->>1, 0), NULL, '自住', ? FROM json_each(?) j ORDER BY j.key`,
      [now, JSON.stringify(places)],
    );
    if (inserted !== places.length || db.lastInsertId() !== firstPlace + places.length - 1) throw new Error('places without a room were not numbered in order');
  }
  return keys.map((key) => (key === null ? null : typeof key === 'number' ? firstPlace + key : (ids.get(key) as number)));
}
