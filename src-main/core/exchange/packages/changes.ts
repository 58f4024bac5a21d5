import type { EntityName } from '../../../dto/records';
import type { ReadDb } from '../../db/sqlite';

/**
 * Which records changed after a given write, read off the audit log: every insert, update and
 * delete of every table, mapped to the records (SPEC §2 kinds, by natural key) those rows belong
 * to. A person's row belongs to their resident, member and work-force records; a tag to its
 * resident; a renamed grid code to everything that names it. The result may hold keys whose
 * record no longer exists (deleted, or renamed away): the package carries those as tombstones.
 */
export type ChangedKeys = Map<EntityName, Map<string, string>>;

interface AuditRow {
  seq: number;
  at: string;
  entity: string;
  rowId: number | null;
  before: string | null;
  after: string | null;
}

type Image = Record<string, string | number | null>;

const images = (row: AuditRow): Image[] => [row.before, row.after].filter((x): x is string => x !== null).map((x) => JSON.parse(x) as Image);

export function changedKeys(db: ReadDb, afterSeq: number): ChangedKeys {
  const rows = db.all<AuditRow>(
    "SELECT seq, at, entity, row_id AS rowId, before, after FROM audit_log WHERE seq > ? AND entity NOT LIKE 'exchange\\_%' ESCAPE '\\' ORDER BY id",
    [afterSeq],
  );
  const changed: ChangedKeys = new Map();
  const mark = (entity: EntityName, key: string | null | undefined, at: string): void => {
    if (!key) return;
    let keys = changed.get(entity);
    if (!keys) changed.set(entity, (keys = new Map()));
    const previous = keys.get(key);
    if (!previous || at > previous) keys.set(key, at);
  };

  // Codes and ID numbers behind row ids: as the audit images last showed them (a deleted row is
  // gone from its table), otherwise as the tables hold them now.
  const seen = new Map<string, Image>();
  for (const row of rows) for (const image of images(row)) if (typeof image.id === 'number') seen.set(`${row.entity}:${image.id}`, image);
  const column = (table: string, id: number | null | undefined, name: string): string | null => {
    if (id === null || id === undefined) return null;
    const now = db.value<string>(`SELECT ${name} FROM ${table} WHERE id = ?`, [id]);
    return now ?? ((seen.get(`${table}:${id}`)?.[name] as string | undefined) ?? null);
  };
  const idNumber = (personId: number | null | undefined): string | null => column('person', personId, 'id_number');
  const scopeCode = (image: Image): string | null =>
    column('community', image.community_id as number | null, 'code') ?? column('grid', image.grid_id as number | null, 'code') ?? column('building', image.building_id as number | null, 'code');
  const staffKey = (image: Image): string | null => {
    const person = idNumber(image.person_id as number);
    const scope = scopeCode(image);
    return person && scope ? `${person}|${String(image.role)}|${scope}` : null;
  };
  const staffOf = (personId: number, at: string): void => {
    for (const s of db.all<Image>('SELECT person_id, role, community_id, grid_id, building_id FROM staff_assignment WHERE person_id = ?', [personId])) mark('staff', staffKey(s), at);
  };
  const codes = (list: Image[]): string[] => [...new Set(list.map((i) => i.code).filter((c): c is string => typeof c === 'string'))];
  const renamed = (list: Image[]): boolean => codes(list).length > 1;
  const residentsWhere = (where: string, id: number, at: string): void => {
    for (const r of db.all<{ id: string }>(`SELECT p.id_number AS id FROM resident r JOIN person p ON p.id = r.person_id WHERE ${where}`, [id])) mark('resident', r.id, at);
  };

  for (const row of rows) {
    const list = images(row);
    const at = row.at;
    const id = (list[0]?.id as number | undefined) ?? row.rowId ?? -1;
    switch (row.entity) {
      case 'community':
        for (const code of codes(list)) mark('community', code, at);
        if (renamed(list)) {
          for (const g of db.all<{ code: string }>('SELECT code FROM grid WHERE community_id = ?', [id])) mark('grid', g.code, at);
          for (const m of db.all<{ id: string }>('SELECT p.id_number AS id FROM party_member m JOIN person p ON p.id = m.person_id WHERE m.reported_community_id = ?', [id])) mark('partyMember', m.id, at);
          for (const s of db.all<Image>('SELECT person_id, role, community_id, grid_id, building_id FROM staff_assignment WHERE community_id = ?', [id])) mark('staff', staffKey(s), at);
        }
        break;
      case 'grid':
        for (const code of codes(list)) mark('grid', code, at);
        if (renamed(list)) {
          for (const b of db.all<{ code: string }>('SELECT code FROM building WHERE grid_id = ?', [id])) mark('building', b.code, at);
          residentsWhere('r.grid_id = ?', id, at);
          for (const o of db.all<{ code: string }>('SELECT code FROM party_org WHERE grid_id = ?', [id])) mark('partyOrg', o.code, at);
          for (const e of db.all<{ code: string }>('SELECT code FROM event WHERE grid_id = ?', [id])) mark('event', e.code, at);
          for (const s of db.all<Image>('SELECT person_id, role, community_id, grid_id, building_id FROM staff_assignment WHERE grid_id = ?', [id])) mark('staff', staffKey(s), at);
        }
        break;
      case 'building':
        for (const code of codes(list)) mark('building', code, at);
        if (renamed(list)) {
          residentsWhere('r.household_id IN (SELECT id FROM household WHERE building_id = ?)', id, at);
          for (const s of db.all<Image>('SELECT person_id, role, community_id, grid_id, building_id FROM staff_assignment WHERE building_id = ?', [id])) mark('staff', staffKey(s), at);
        }
        break;
      case 'unit':
        residentsWhere('r.household_id IN (SELECT id FROM household WHERE unit_id = ?)', id, at);
        break;
      case 'household':
        residentsWhere('r.household_id = ?', id, at);
        break;
      case 'person': {
        // The roles the person holds now change with them (under an old number too, when it was
        // corrected); a role gained or lost is audited on its own row.
        const numbers = [...new Set(list.map((i) => i.id_number).filter((n): n is string => typeof n === 'string'))];
        const isResident = db.value('SELECT 1 FROM resident WHERE person_id = ?', [id]) !== undefined;
        const isMember = db.value('SELECT 1 FROM party_member WHERE person_id = ?', [id]) !== undefined;
        for (const n of numbers) {
          if (isResident) mark('resident', n, at);
          if (isMember) mark('partyMember', n, at);
        }
        staffOf(id, at);
        // The secretary's ID number is part of the organisation's record.
        if (numbers.length > 1) for (const o of db.all<{ code: string }>('SELECT code FROM party_org WHERE secretary_person_id = ?', [id])) mark('partyOrg', o.code, at);
        break;
      }
      case 'resident':
        for (const image of list) mark('resident', idNumber(image.person_id as number), at);
        break;
      case 'resident_tag':
        for (const image of list) {
          const personId = db.value<number>('SELECT person_id FROM resident WHERE id = ?', [image.resident_id ?? null]) ?? (seen.get(`resident:${String(image.resident_id)}`)?.person_id as number | undefined);
          mark('resident', idNumber(personId), at);
        }
        break;
      case 'party_org':
        for (const code of codes(list)) mark('partyOrg', code, at);
        if (renamed(list)) {
          for (const m of db.all<{ id: string }>('SELECT p.id_number AS id FROM party_member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ?', [id])) mark('partyMember', m.id, at);
          for (const o of db.all<{ code: string }>('SELECT code FROM party_org WHERE parent_id = ?', [id])) mark('partyOrg', o.code, at);
        }
        break;
      case 'party_member':
        for (const image of list) {
          mark('partyMember', idNumber(image.person_id as number), at);
          // 是否党员 on the work-force record follows the membership.
          staffOf(image.person_id as number, at);
        }
        break;
      case 'staff_assignment':
        for (const image of list) mark('staff', staffKey(image), at);
        break;
      case 'event':
        for (const code of codes(list)) mark('event', code, at);
        break;
      case 'event_department':
        for (const image of list) mark('event', column('event', image.event_id as number, 'code'), at);
        break;
      case 'department':
        if (list.length > 1 && list[0]?.name !== list[1]?.name) {
          for (const e of db.all<{ code: string }>('SELECT e.code FROM event e JOIN event_department ed ON ed.event_id = e.id WHERE ed.department_id = ?', [id])) mark('event', e.code, at);
        }
        break;
      default:
        // Steps of an event, service centres, 包联: not part of any exchanged record.
        break;
    }
  }
  return changed;
}
