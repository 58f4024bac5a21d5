import type { EntityName } from '../../dto/records';
import type { ReadDb } from '../db/sqlite';
import type { ValidationContext } from '../catalog/validate';
import { events } from './events';
import { buildings, communities, grids } from './geo';
import { partyMembers, partyOrgs } from './party';
import { residents } from './people';
import type { Repository } from './repository';
import { splitStaffKey, staffAssignments } from './staff';

export const repositories: { [E in EntityName]: Repository<E> } = {
  community: communities,
  grid: grids,
  building: buildings,
  resident: residents,
  partyOrg: partyOrgs,
  partyMember: partyMembers,
  staff: staffAssignments,
  event: events,
};

const EXISTS: Record<EntityName | 'person', string> = {
  community: 'SELECT 1 FROM community WHERE code = ?',
  grid: 'SELECT 1 FROM grid WHERE code = ?',
  building: 'SELECT 1 FROM building WHERE code = ?',
  partyOrg: 'SELECT 1 FROM party_org WHERE code = ?',
  event: 'SELECT 1 FROM event WHERE code = ?',
  person: 'SELECT 1 FROM person WHERE id_number = ?',
  resident: 'SELECT 1 FROM resident r JOIN person p ON p.id = r.person_id WHERE p.id_number = ?',
  partyMember: 'SELECT 1 FROM party_member m JOIN person p ON p.id = m.person_id WHERE p.id_number = ?',
  staff: '',
};

/** Whether the database holds a record of that kind under that natural key. */
export function existsInDb(db: ReadDb, entity: EntityName | 'person', key: string): boolean {
  if (entity === 'staff') return staffAssignments.read(db, key) !== null;
  return db.value(EXISTS[entity], [key]) !== undefined;
}

/** Validation against the database (and, for imports, the rows of the same file via `alsoExists`). */
export function validationContext(db: ReadDb, today: string, alsoExists?: (entity: EntityName | 'person', key: string) => boolean): ValidationContext {
  const streetCode = db.value<string>('SELECT code FROM street WHERE id = 1') ?? '';
  return {
    today,
    streetCode,
    exists: (entity, key) => alsoExists?.(entity, key) === true || existsInDb(db, entity, key),
  };
}

export { splitStaffKey };
