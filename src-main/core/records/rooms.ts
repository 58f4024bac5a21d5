import type { ResidentRecord } from '../../dto/records';
import type { SqlDb } from '../db/sqlite';
import { AppError } from '../errors';
import { idByCode, insertRow } from './lookup';

/** A unit of a building by its number ("1" or "1单元"), created with the next free code when new. */
export function unitId(db: SqlDb, buildingId: number, buildingCode: string, unit: string, now: string): number {
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

/**
 * Where a resident lives: the room, created the first time someone is registered there; or, for a
 * building (and unit) without a room, a place of the resident's own with room NULL (房号未登记),
 * kept while they stay in that building and unit. `current` is the resident's household now.
 */
export function householdId(db: SqlDb, r: ResidentRecord, now: string, current: number | null = null): number | null {
  if (!r.buildingCode) return null;
  const buildingId = idByCode(db, 'building', r.buildingCode);
  const unit = r.unit ? unitId(db, buildingId, r.buildingCode, r.unit, now) : null;
  if (!r.room) {
    const same = current !== null && db.value<number>('SELECT 1 FROM household WHERE id = ? AND room IS NULL AND building_id = ? AND unit_id IS ?', [current, buildingId, unit]);
    return same ? current : insertRow(db, 'household', { building_id: buildingId, unit_id: unit, room: null, use: '自住' }, now);
  }
  const found = db.value<number>('SELECT id FROM household WHERE building_id = ? AND ifnull(unit_id, 0) = ? AND room = ?', [buildingId, unit ?? 0, r.room]);
  return found ?? insertRow(db, 'household', { building_id: buildingId, unit_id: unit, room: r.room, use: '自住' }, now);
}

/** A place without a room belongs to one resident: it goes when they leave it. A room stays. */
export function dropPlaceIfLeft(db: SqlDb, householdId: number | null): void {
  if (householdId === null) return;
  db.run('DELETE FROM household WHERE id = ? AND room IS NULL AND NOT EXISTS (SELECT 1 FROM resident WHERE household_id = ?)', [householdId, householdId]);
}
