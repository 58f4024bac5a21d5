import type { AnyRecord, EntityName, EventRecord, PartyMemberRecord, ResidentRecord, StaffRecord } from '../../dto/records';
import type { ReadDb } from '../db/sqlite';

/**
 * Every record of one kind, or those with the given natural keys, read set-wise: an export of
 * 200k residents or the comparison behind an import's dry run cannot afford a query per record.
 * The shapes are exactly what `repositories[entity].read` returns (a test holds them equal).
 *
 * `updatedAt` of a record is the latest `updated_at` of the rows it is made of (the person and
 * the role; a resident's tags and an event's departments move their parent row's time).
 */
export interface StoredRecord<R = AnyRecord> {
  key: string;
  record: R;
  updatedAt: string;
}

const KEYS = 'SELECT value FROM json_each(?)';
const later = (...times: (string | null | undefined)[]): string => times.reduce<string>((a, b) => (b && b > a ? b : a), '');

/** `IN (json_each(?))` for a key list, or no filter. */
function filter(column: string, keys: readonly string[] | undefined): { where: string; params: string[] } {
  return keys ? { where: `WHERE ${column} IN (${KEYS})`, params: [JSON.stringify(keys)] } : { where: '', params: [] };
}

const unitNumber = (name: string | null): string | null => (name === null ? null : (/^(\d{1,2})单元$/.exec(name)?.[1] ?? name));

type Row<T> = T & { t1: string; t2?: string | null };

function readPlain<R>(db: ReadDb, sql: string, keyColumn: string, keys: readonly string[] | undefined, key: (r: R) => string): StoredRecord<R>[] {
  const { where, params } = filter(keyColumn, keys);
  return db.all<Row<R>>(`${sql} ${where} ORDER BY ${keyColumn}`, params).map(({ t1, t2, ...record }) => ({ key: key(record as R), record: record as R, updatedAt: later(t1, t2) }));
}

function readResidents(db: ReadDb, keys: readonly string[] | undefined): StoredRecord<ResidentRecord>[] {
  const { where, params } = filter('p.id_number', keys);
  const rows = db.all<Omit<ResidentRecord, 'tags' | 'unit'> & { residentId: number; unitName: string | null; t1: string; t2: string }>(
    `SELECT r.id AS residentId, p.id_number AS idNumber, p.name, p.gender, p.ethnicity, p.birth_date AS birthDate, p.phone, p.political,
       r.person_type AS personType, r.residence, g.code AS gridCode, b.code AS buildingCode, u.name AS unitName, h.room,
       p.hukou_address AS hukouAddress, r.address, r.updated_at AS t1, p.updated_at AS t2
     FROM resident r JOIN person p ON p.id = r.person_id JOIN grid g ON g.id = r.grid_id
     LEFT JOIN household h ON h.id = r.household_id LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id
     ${where} ORDER BY r.id`,
    params,
  );
  const tags = new Map<number, string[]>();
  const tagRows = keys
    ? db.all<{ id: number; tag: string }>(
        `SELECT t.resident_id AS id, t.tag FROM resident_tag t JOIN resident r ON r.id = t.resident_id JOIN person p ON p.id = r.person_id
         WHERE p.id_number IN (${KEYS}) ORDER BY t.resident_id, t.tag`,
        params,
      )
    : db.all<{ id: number; tag: string }>('SELECT resident_id AS id, tag FROM resident_tag ORDER BY resident_id, tag');
  for (const t of tagRows) {
    const list = tags.get(t.id);
    if (list) list.push(t.tag);
    else tags.set(t.id, [t.tag]);
  }
  return rows.map(({ residentId, unitName, t1, t2, ...rest }) => ({
    key: rest.idNumber,
    record: { ...rest, unit: unitNumber(unitName), tags: tags.get(residentId) ?? [] },
    updatedAt: later(t1, t2),
  }));
}

function readMembers(db: ReadDb, keys: readonly string[] | undefined): StoredRecord<PartyMemberRecord>[] {
  const { where, params } = filter('p.id_number', keys);
  return db
    .all<Omit<PartyMemberRecord, 'inService'> & { inService: number; t1: string; t2: string }>(
      `SELECT p.id_number AS idNumber, p.name, p.gender, p.ethnicity, p.birth_date AS birthDate, p.education, m.category,
         m.joined_on AS joinedOn, m.confirmed_on AS confirmedOn, o.code AS orgCode, m.workplace, p.phone, m.status,
         m.in_service AS inService, c.code AS reportedCommunityCode, m.updated_at AS t1, p.updated_at AS t2
       FROM party_member m JOIN person p ON p.id = m.person_id JOIN party_org o ON o.id = m.org_id
       LEFT JOIN community c ON c.id = m.reported_community_id ${where} ORDER BY m.id`,
      params,
    )
    .map(({ t1, t2, inService, ...rest }) => ({ key: rest.idNumber, record: { ...rest, inService: inService === 1 }, updatedAt: later(t1, t2) }));
}

function readStaff(db: ReadDb, keys: readonly string[] | undefined): StoredRecord<StaffRecord>[] {
  const people = keys ? [...new Set(keys.map((k) => k.split('|')[0] ?? ''))] : undefined;
  const { where, params } = filter('p.id_number', people);
  const wanted = keys ? new Set(keys) : null;
  return db
    .all<Omit<StaffRecord, 'isMember'> & { isMember: number; t1: string; t2: string }>(
      `SELECT p.id_number AS idNumber, p.name, s.role, coalesce(c.code, g.code, b.code) AS scopeCode, p.phone,
         EXISTS (SELECT 1 FROM party_member m WHERE m.person_id = p.id AND m.status NOT IN ('已转出', '停止党籍')) AS isMember,
         s.since, s.until, s.updated_at AS t1, p.updated_at AS t2
       FROM staff_assignment s JOIN person p ON p.id = s.person_id LEFT JOIN community c ON c.id = s.community_id
       LEFT JOIN grid g ON g.id = s.grid_id LEFT JOIN building b ON b.id = s.building_id ${where} ORDER BY s.id`,
      params,
    )
    .map(({ t1, t2, isMember, ...rest }) => ({ key: `${rest.idNumber}|${rest.role}|${rest.scopeCode}`, record: { ...rest, isMember: isMember === 1 }, updatedAt: later(t1, t2) }))
    .filter((r) => !wanted || wanted.has(r.key));
}

function readEvents(db: ReadDb, keys: readonly string[] | undefined): StoredRecord<EventRecord>[] {
  const { where, params } = filter('e.code', keys);
  const rows = db.all<Omit<EventRecord, 'departments'> & { id: number; t1: string }>(
    `SELECT e.id, e.code, e.source, e.whistle, e.category, e.title, e.description, e.address, g.code AS gridCode,
       e.reported_at AS reportedAt, e.status, e.due_at AS dueAt, e.closed_at AS closedAt, e.satisfaction, e.updated_at AS t1
     FROM event e JOIN grid g ON g.id = e.grid_id ${where} ORDER BY e.id`,
    params,
  );
  const departments = new Map<number, string[]>();
  const departmentRows = keys
    ? db.all<{ id: number; name: string }>(
        `SELECT ed.event_id AS id, d.name FROM event_department ed JOIN department d ON d.id = ed.department_id JOIN event e ON e.id = ed.event_id
         WHERE e.code IN (${KEYS}) ORDER BY ed.event_id, ed.lead DESC, d.name`,
        params,
      )
    : db.all<{ id: number; name: string }>(
        'SELECT ed.event_id AS id, d.name FROM event_department ed JOIN department d ON d.id = ed.department_id ORDER BY ed.event_id, ed.lead DESC, d.name',
      );
  for (const d of departmentRows) {
    const list = departments.get(d.id);
    if (list) list.push(d.name);
    else departments.set(d.id, [d.name]);
  }
  return rows.map(({ id, t1, ...rest }) => ({ key: rest.code, record: { ...rest, departments: departments.get(id) ?? [] }, updatedAt: t1 }));
}

/** Records of one kind in a stable order (codes sorted; people and events as created); only `keys` when given. */
export function readRecords(db: ReadDb, entity: EntityName, keys?: readonly string[]): StoredRecord[] {
  if (keys && keys.length === 0) return [];
  switch (entity) {
    case 'community':
      return readPlain(
        db,
        `SELECT c.code, c.name, s.code AS streetCode, c.kind, c.area_km2 AS areaKm2, c.address, c.phone, c.updated_at AS t1
         FROM community c, street s`,
        'c.code',
        keys,
        (r: { code: string }) => r.code,
      ) as StoredRecord[];
    case 'grid':
      return readPlain(
        db,
        `SELECT g.code, g.name, c.code AS communityCode, g.kind, g.dedicated_kind AS dedicatedKind, g.boundary, g.updated_at AS t1
         FROM grid g JOIN community c ON c.id = g.community_id`,
        'g.code',
        keys,
        (r: { code: string }) => r.code,
      ) as StoredRecord[];
    case 'building':
      return readPlain(
        db,
        `SELECT b.code, b.name, g.code AS gridCode, b.address, b.unit_count AS units, b.floors, b.updated_at AS t1
         FROM building b JOIN grid g ON g.id = b.grid_id`,
        'b.code',
        keys,
        (r: { code: string }) => r.code,
      ) as StoredRecord[];
    case 'partyOrg':
      return readPlain(
        db,
        `SELECT o.code, o.name, o.kind, parent.code AS parentCode, p.id_number AS secretaryId, o.founded_on AS foundedOn,
           o.term_ends_on AS termEndsOn, g.code AS gridCode, o.updated_at AS t1
         FROM party_org o LEFT JOIN party_org parent ON parent.id = o.parent_id LEFT JOIN person p ON p.id = o.secretary_person_id
         LEFT JOIN grid g ON g.id = o.grid_id`,
        'o.code',
        keys,
        (r: { code: string }) => r.code,
      ) as StoredRecord[];
    case 'resident':
      return readResidents(db, keys);
    case 'partyMember':
      return readMembers(db, keys);
    case 'staff':
      return readStaff(db, keys);
    case 'event':
      return readEvents(db, keys);
  }
}

/** Records by natural key, in chunks so a 100k-key lookup stays one statement per chunk. */
export function recordsByKey(db: ReadDb, entity: EntityName, keys: readonly string[], chunk = 20_000): Map<string, StoredRecord> {
  const found = new Map<string, StoredRecord>();
  for (let i = 0; i < keys.length; i += chunk) {
    for (const r of readRecords(db, entity, keys.slice(i, i + chunk))) found.set(r.key, r);
  }
  return found;
}
