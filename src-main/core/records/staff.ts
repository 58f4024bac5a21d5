import type { StaffRecord } from '../../dto/records';
import type { ReadDb } from '../db/sqlite';
import { idByCode, insertRow, personIdOf, updateRow, upsertPerson } from './lookup';
import { dropPersonIfUnused } from './people';
import type { Repository } from './repository';

/** The platform's key for a work-force role: 公民身份号码|岗位|范围编码. */
export function splitStaffKey(key: string): { idNumber: string; role: string; scopeCode: string } {
  const [idNumber = '', role = '', scopeCode = ''] = key.split('|');
  return { idNumber, role, scopeCode };
}

const SCOPE_COLUMN = { 12: 'community_id', 15: 'grid_id', 19: 'building_id' } as const;
const SCOPE_TABLE = { 12: 'community', 15: 'grid', 19: 'building' } as const;

function scopeOf(code: string): { column: string; table: 'community' | 'grid' | 'building' } {
  const length = code.length as 12 | 15 | 19;
  return { column: SCOPE_COLUMN[length], table: SCOPE_TABLE[length] };
}

function assignmentId(db: ReadDb, key: string): number | null {
  const { idNumber, role, scopeCode } = splitStaffKey(key);
  if (!(scopeCode.length in SCOPE_COLUMN)) return null;
  const { column, table } = scopeOf(scopeCode);
  return (
    db.value<number>(
      `SELECT s.id FROM staff_assignment s JOIN person p ON p.id = s.person_id JOIN ${table} x ON x.id = s.${column}
       WHERE p.id_number = ? AND s.role = ? AND x.code = ?`,
      [idNumber, role, scopeCode],
    ) ?? null
  );
}

interface StaffRow extends Omit<StaffRecord, 'isMember'> {
  isMember: number;
}

export const staffAssignments: Repository<'staff'> = {
  read(db, key) {
    const id = assignmentId(db, key);
    if (id === null) return null;
    const row = db.get<StaffRow>(
      `SELECT p.id_number AS idNumber, p.name, s.role, coalesce(c.code, g.code, b.code) AS scopeCode, p.phone,
         EXISTS (SELECT 1 FROM party_member m WHERE m.person_id = p.id AND m.status NOT IN ('已转出', '停止党籍')) AS isMember,
         s.since, s.until
       FROM staff_assignment s JOIN person p ON p.id = s.person_id LEFT JOIN community c ON c.id = s.community_id
       LEFT JOIN grid g ON g.id = s.grid_id LEFT JOIN building b ON b.id = s.building_id WHERE s.id = ?`,
      [id],
    );
    return row ? { ...row, isMember: row.isMember === 1 } : null;
  },
  write(db, r, now, existingKey) {
    const previous = existingKey ? splitStaffKey(existingKey).idNumber : undefined;
    const personId = upsertPerson(db, { idNumber: r.idNumber, name: r.name, phone: r.phone }, now, previous);
    const { column, table } = scopeOf(r.scopeCode);
    const columns = {
      person_id: personId,
      role: r.role,
      community_id: null,
      grid_id: null,
      building_id: null,
      [column]: idByCode(db, table, r.scopeCode),
      since: r.since,
      until: r.until,
    };
    const existing = assignmentId(db, existingKey ?? `${r.idNumber}|${r.role}|${r.scopeCode}`);
    if (existing === null) insertRow(db, 'staff_assignment', columns, now);
    else updateRow(db, 'staff_assignment', existing, columns, now);
  },
  remove(db, key) {
    const id = assignmentId(db, key);
    if (id === null) return false;
    const personId = personIdOf(db, splitStaffKey(key).idNumber);
    db.run('DELETE FROM staff_assignment WHERE id = ?', [id]);
    if (personId !== null) dropPersonIfUnused(db, personId);
    return true;
  },
};
