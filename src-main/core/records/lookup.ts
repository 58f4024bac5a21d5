import type { ReadDb, SqlDb } from '../db/sqlite';
import { AppError } from '../errors';
import { checkIdNumber } from '../people/idNumber';

/** A code that names no record: validation should have said so before a write got here. */
export const missingCode = (code: string): AppError => new AppError('REFERENCE_MISSING', `编码“${code}”对应的记录不存在`);

/** Row ids behind natural keys. A missing one is an AppError (`missingCode`). */
export function idByCode(db: ReadDb, table: 'community' | 'grid' | 'building' | 'party_org' | 'event', code: string): number {
  const id = db.value<number>(`SELECT id FROM ${table} WHERE code = ?`, [code]);
  if (id === undefined) throw missingCode(code);
  return id;
}

export const findIdByCode = (db: ReadDb, table: 'community' | 'grid' | 'building' | 'party_org' | 'event', code: string): number | null =>
  db.value<number>(`SELECT id FROM ${table} WHERE code = ?`, [code]) ?? null;

export const personIdOf = (db: ReadDb, idNumber: string): number | null => db.value<number>('SELECT id FROM person WHERE id_number = ?', [idNumber]) ?? null;

export interface PersonFields {
  idNumber: string;
  name: string;
  gender?: string | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  phone?: string | null;
  education?: string | null;
  political?: string | null;
  hukouAddress?: string | null;
}

const PERSON_COLUMNS: [keyof PersonFields, string][] = [
  ['ethnicity', 'ethnicity'],
  ['phone', 'phone'],
  ['education', 'education'],
  ['political', 'political'],
  ['hukouAddress', 'hukou_address'],
];

/**
 * The person behind a role, found by ID number (or by `previousIdNumber` when the number itself
 * is being corrected) and created when new. Only the fields the caller knows are written: the
 * resident roster does not hold 学历, the member roster not 户籍地址. Gender and birth date always
 * follow the ID number.
 */
export function upsertPerson(db: SqlDb, fields: PersonFields, now: string, previousIdNumber?: string): number {
  const check = checkIdNumber(fields.idNumber, now.slice(0, 10));
  if (!check.ok) throw new AppError('VALIDATION', check.message);
  const existing = personIdOf(db, previousIdNumber ?? fields.idNumber) ?? (previousIdNumber === undefined ? null : personIdOf(db, fields.idNumber));
  const given = PERSON_COLUMNS.filter(([key]) => fields[key] !== undefined);
  if (existing === null) {
    const columns = ['id_number', 'name', 'gender', 'birth_date', 'updated_at', ...given.map(([, c]) => c)];
    const values = [check.id, fields.name, check.gender, check.birthDate, now, ...given.map(([key]) => fields[key] ?? null)];
    db.run(`INSERT INTO person (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
    return db.lastInsertId();
  }
  const clash = personIdOf(db, check.id);
  if (clash !== null && clash !== existing) throw new AppError('CONFLICT', `公民身份号码 ${check.id} 已登记为另一人`);
  const sets = ['id_number = ?', 'name = ?', 'gender = ?', 'birth_date = ?', ...given.map(([, c]) => `${c} = ?`)];
  const values = [check.id, fields.name, check.gender, check.birthDate, ...given.map(([key]) => fields[key] ?? null)];
  // updated_at moves only when something else did, so an unchanged save leaves no audit row.
  db.run(
    `UPDATE person SET ${sets.join(', ')}, updated_at = CASE WHEN (${sets.map((s) => s.split(' = ')[0]).join(', ')}) IS (${sets.map(() => '?').join(', ')}) THEN updated_at ELSE ? END WHERE id = ?`,
    [...values, ...values, now, existing],
  );
  return existing;
}

/** updated_at that moves only when the row's other columns change (see upsertPerson). */
export function updateRow(db: SqlDb, table: string, id: number, columns: Record<string, unknown>, now: string): void {
  const names = Object.keys(columns);
  const values = Object.values(columns) as (string | number | null)[];
  db.run(
    `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = CASE WHEN (${names.join(', ')}) IS (${names.map(() => '?').join(', ')}) THEN updated_at ELSE ? END WHERE id = ?`,
    [...values, ...values, now, id],
  );
}

export function insertRow(db: SqlDb, table: string, columns: Record<string, unknown>, now: string): number {
  const names = [...Object.keys(columns), 'updated_at'];
  db.run(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, [...(Object.values(columns) as (string | number | null)[]), now]);
  return db.lastInsertId();
}

/** The row under a natural key (`code`, or the key it had before an edit) updated, or inserted when new; its id. */
export function saveByCode(db: SqlDb, table: 'community' | 'grid' | 'building' | 'party_org' | 'event', code: string, columns: Record<string, unknown>, now: string): number {
  const id = findIdByCode(db, table, code);
  if (id === null) return insertRow(db, table, columns, now);
  updateRow(db, table, id, columns, now);
  return id;
}
