import type { ResidentRecord } from '../../dto/records';
import type { ReadDb, SqlDb } from '../db/sqlite';
import { AppError } from '../errors';
import { idByCode, insertRow, personIdOf, updateRow, upsertPerson } from './lookup';
import type { Repository } from './repository';

interface ResidentRow extends Omit<ResidentRecord, 'tags' | 'unit'> {
  residentId: number;
  unitName: string | null;
}

/** 单元号 as the template writes it ("1") from the unit's name ("1单元"). */
const unitNumber = (name: string | null): string | null => (name === null ? null : (/^(\d{1,2})单元$/.exec(name)?.[1] ?? name));

function unitId(db: SqlDb, buildingId: number, buildingCode: string, unit: string, now: string): number {
  const n = /^(\d{1,2})(?:单元)?$/.exec(unit)?.[1];
  const name = n ? `${Number(n)}单元` : unit;
  const found = db.value<number>('SELECT id FROM unit WHERE building_id = ? AND name = ?', [buildingId, name]);
  if (found !== undefined) return found;
  let code = n ? `${buildingCode}${String(Number(n)).padStart(2, '0')}` : '';
  if (!n || db.value<number>('SELECT count(*) FROM unit WHERE code = ?', [code])) {
    const next = (db.value<number>("SELECT max(CAST(substr(code, 20) AS INTEGER)) FROM unit WHERE building_id = ?", [buildingId]) ?? 0) + 1;
    if (next > 99) throw new AppError('VALIDATION', `楼栋 ${buildingCode} 的单元已满 99 个`);
    code = `${buildingCode}${String(next).padStart(2, '0')}`;
  }
  return insertRow(db, 'unit', { code, building_id: buildingId, name }, now);
}

/** The room a resident lives in, created the first time someone is registered there. */
function householdId(db: SqlDb, r: ResidentRecord, now: string): number | null {
  if (!r.buildingCode || !r.room) return null;
  const buildingId = idByCode(db, 'building', r.buildingCode);
  const unit = r.unit ? unitId(db, buildingId, r.buildingCode, r.unit, now) : null;
  const found = db.value<number>('SELECT id FROM household WHERE building_id = ? AND ifnull(unit_id, 0) = ? AND room = ?', [buildingId, unit ?? 0, r.room]);
  return found ?? insertRow(db, 'household', { building_id: buildingId, unit_id: unit, room: r.room, use: '自住' }, now);
}

/** A person's roles besides the one being removed: while any is left, the person stays. */
export function personStillNeeded(db: ReadDb, personId: number): boolean {
  return (
    (db.value<number>(
      `SELECT (SELECT count(*) FROM resident WHERE person_id = $p) + (SELECT count(*) FROM party_member WHERE person_id = $p)
        + (SELECT count(*) FROM staff_assignment WHERE person_id = $p) + (SELECT count(*) FROM party_org WHERE secretary_person_id = $p)
        + (SELECT count(*) FROM responsibility WHERE person_id = $p) + (SELECT count(*) FROM event WHERE reporter_person_id = $p)
        + (SELECT count(*) FROM event_step WHERE actor_person_id = $p)`,
      { $p: personId },
    ) ?? 0) > 0
  );
}

/** Removes the person row once no role refers to it: personal data is not kept without a purpose. */
export function dropPersonIfUnused(db: SqlDb, personId: number): void {
  if (!personStillNeeded(db, personId)) db.run('DELETE FROM person WHERE id = ?', [personId]);
}

export const residents: Repository<'resident'> = {
  read(db, key) {
    const row = db.get<ResidentRow>(
      `SELECT r.id AS residentId, p.id_number AS idNumber, p.name, p.gender, p.ethnicity, p.birth_date AS birthDate, p.phone, p.political,
         r.person_type AS personType, r.residence, g.code AS gridCode, b.code AS buildingCode, u.name AS unitName, h.room,
         p.hukou_address AS hukouAddress, r.address
       FROM resident r JOIN person p ON p.id = r.person_id JOIN grid g ON g.id = r.grid_id
       LEFT JOIN household h ON h.id = r.household_id LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id
       WHERE p.id_number = ?`,
      [key],
    );
    if (!row) return null;
    const { residentId, unitName, ...rest } = row;
    const tags = db.all<{ tag: string }>('SELECT tag FROM resident_tag WHERE resident_id = ? ORDER BY tag', [residentId]).map((t) => t.tag);
    return { ...rest, unit: unitNumber(unitName), tags };
  },
  write(db, r, now, existingKey) {
    const personId = upsertPerson(
      db,
      { idNumber: r.idNumber, name: r.name, ethnicity: r.ethnicity, phone: r.phone, political: r.political, hukouAddress: r.hukouAddress },
      now,
      existingKey,
    );
    const columns = {
      person_id: personId,
      grid_id: idByCode(db, 'grid', r.gridCode),
      household_id: householdId(db, r, now),
      person_type: r.personType ?? '常住人口',
      residence: r.residence ?? '人户一致',
      address: r.address,
    };
    const existing = db.value<number>('SELECT id FROM resident WHERE person_id = ?', [personId]);
    const residentId = existing === undefined ? insertRow(db, 'resident', columns, now) : (updateRow(db, 'resident', existing, columns, now), existing);
    const current = new Set(db.all<{ tag: string }>('SELECT tag FROM resident_tag WHERE resident_id = ?', [residentId]).map((t) => t.tag));
    let tagsChanged = false;
    for (const tag of current) if (!r.tags.includes(tag)) tagsChanged = db.run('DELETE FROM resident_tag WHERE resident_id = ? AND tag = ?', [residentId, tag]) > 0 || tagsChanged;
    for (const tag of r.tags) if (!current.has(tag)) tagsChanged = db.run('INSERT INTO resident_tag (resident_id, tag) VALUES (?, ?)', [residentId, tag]) > 0 || tagsChanged;
    // The record's time moves with its tags too (exchange packages carry it as updatedAt).
    if (tagsChanged && existing !== undefined) db.run('UPDATE resident SET updated_at = ? WHERE id = ? AND updated_at <> ?', [now, residentId, now]);
  },
  remove(db, key) {
    const personId = personIdOf(db, key);
    if (personId === null) return false;
    const removed = db.run('DELETE FROM resident WHERE person_id = ?', [personId]) > 0;
    if (removed) dropPersonIfUnused(db, personId);
    return removed;
  },
};
