import type { ResidentRecord } from '../../dto/records';
import type { ReadDb, SqlDb } from '../db/sqlite';
import { idByCode, insertRow, personIdOf, updateRow, upsertPerson } from './lookup';
import type { Repository } from './repository';
import { writeManyResidents } from './residentsMany';
import { dropPlaceIfLeft, householdId } from './rooms';

interface ResidentRow extends Omit<ResidentRecord, 'tags' | 'unit'> {
  residentId: number;
  unitName: string | null;
}

/** 单元号 as the template writes it ("1") from the unit's name ("1单元"). */
const unitNumber = (name: string | null): string | null => (name === null ? null : (/^(\d{1,2})单元$/.exec(name)?.[1] ?? name));

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
    const existing = db.get<{ id: number; household: number | null }>('SELECT id, household_id AS household FROM resident WHERE person_id = ?', [personId]);
    const columns = {
      person_id: personId,
      grid_id: idByCode(db, 'grid', r.gridCode),
      household_id: householdId(db, r, now, existing?.household ?? null),
      person_type: r.personType ?? '常住人口',
      residence: r.residence ?? '人户一致',
      address: r.address,
    };
    const residentId = existing === undefined ? insertRow(db, 'resident', columns, now) : (updateRow(db, 'resident', existing.id, columns, now), existing.id);
    if (existing && existing.household !== columns.household_id) dropPlaceIfLeft(db, existing.household);
    const current = new Set(db.all<{ tag: string }>('SELECT tag FROM resident_tag WHERE resident_id = ?', [residentId]).map((t) => t.tag));
    let tagsChanged = false;
    for (const tag of current) if (!r.tags.includes(tag)) tagsChanged = db.run('DELETE FROM resident_tag WHERE resident_id = ? AND tag = ?', [residentId, tag]) > 0 || tagsChanged;
    for (const tag of r.tags) if (!current.has(tag)) tagsChanged = db.run('INSERT INTO resident_tag (resident_id, tag) VALUES (?, ?)', [residentId, tag]) > 0 || tagsChanged;
    // The record's time moves with its tags too (exchange packages carry it as updatedAt).
    if (tagsChanged && existing !== undefined) db.run('UPDATE resident SET updated_at = ? WHERE id = ? AND updated_at <> ?', [now, residentId, now]);
  },
  writeMany(db, records, now) {
    writeManyResidents(db, records, now, (r) => residents.write(db, r, now));
  },
  remove(db, key) {
    const personId = personIdOf(db, key);
    if (personId === null) return false;
    const household = db.value<number | null>('SELECT household_id FROM resident WHERE person_id = ?', [personId]) ?? null;
    const removed = db.run('DELETE FROM resident WHERE person_id = ?', [personId]) > 0;
    if (removed) {
      dropPlaceIfLeft(db, household);
      dropPersonIfUnused(db, personId);
    }
    return removed;
  },
};
