import type { ReadDb } from '../db/sqlite';

/**
 * One page of 实有人口 for a roster: scope (community → grid → building), a few column filters,
 * a quick search, a sort, an offset. Paging, sorting, filtering and counting happen here in
 * SQLite, never in the renderer, so a street of 200k residents scrolls like a small table.
 */
export interface ResidentPageQuery {
  communityCode?: string;
  gridCode?: string;
  buildingCode?: string;
  personType?: string;
  /** Prefix of a name, an ID number or a phone number. */
  search?: string;
  sort: { field: ResidentSortField; desc: boolean };
  offset: number;
  limit: number;
}

// The tie-breaker is the indexed rowid of the same table, in the same direction, so the sort
// walks an index instead of sorting the whole street.
export const residentSortFields = {
  name: ['p.name', 'p.id'],
  idNumber: ['p.id_number', 'p.id'],
  birthDate: ['p.birth_date', 'p.id'],
  gridCode: ['g.code', 'r.id'],
  updatedAt: ['r.updated_at', 'r.id'],
} as const;
export type ResidentSortField = keyof typeof residentSortFields;

export interface ResidentPageRow {
  id: number;
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  phone: string | null;
  personType: string;
  residence: string;
  gridCode: string;
  gridName: string;
  address: string | null;
}

interface Condition {
  sql: string;
  needs: ('person' | 'grid')[];
}

const HIGHEST = 'char(1114111)';

/** A search box's text, read the way a person means it: digits are an ID or a phone, else a name. */
function searchCondition(text: string): Condition {
  if (/^\d+$/.test(text)) {
    return {
      sql: `(p.id_number >= $s AND p.id_number < $s || ${HIGHEST} OR p.phone >= $s AND p.phone < $s || ${HIGHEST})`,
      needs: ['person'],
    };
  }
  if (/^\d{17}[Xx]$/.test(text)) return { sql: 'p.id_number = upper($s)', needs: ['person'] };
  return { sql: `p.name >= $s AND p.name < $s || ${HIGHEST}`, needs: ['person'] };
}

export function residentPage(db: ReadDb, q: ResidentPageQuery): { rows: ResidentPageRow[]; total: number } {
  const conditions: Condition[] = [];
  const params: Record<string, string | number> = {};
  if (q.gridCode) {
    conditions.push({ sql: 'r.grid_id = (SELECT id FROM grid WHERE code = $grid)', needs: [] });
    params.$grid = q.gridCode;
  } else if (q.communityCode) {
    conditions.push({ sql: 'r.grid_id IN (SELECT g2.id FROM grid g2 JOIN community c ON c.id = g2.community_id WHERE c.code = $community)', needs: [] });
    params.$community = q.communityCode;
  }
  if (q.buildingCode) {
    conditions.push({ sql: 'r.household_id IN (SELECT h.id FROM household h JOIN building b ON b.id = h.building_id WHERE b.code = $building)', needs: [] });
    params.$building = q.buildingCode;
  }
  if (q.personType) {
    conditions.push({ sql: 'r.person_type = $personType', needs: [] });
    params.$personType = q.personType;
  }
  const search = q.search?.trim();
  if (search) {
    conditions.push(searchCondition(search));
    params.$s = search;
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.map((c) => c.sql).join(' AND ')}` : '';
  const [column, tieBreak] = residentSortFields[q.sort.field];
  const direction = q.sort.desc ? 'DESC' : 'ASC';
  const rows = db.all<ResidentPageRow>(
    `SELECT r.id, p.id_number AS idNumber, p.name, p.gender, p.birth_date AS birthDate, p.phone, r.person_type AS personType,
       r.residence, g.code AS gridCode, g.name AS gridName, r.address
     FROM resident r JOIN person p ON p.id = r.person_id JOIN grid g ON g.id = r.grid_id
     ${where} ORDER BY ${column} ${direction}, ${tieBreak} ${direction} LIMIT $limit OFFSET $offset`,
    { ...params, $limit: q.limit, $offset: q.offset },
  );
  // The count joins only what its conditions need: a bare count of residents touches one index.
  const needsPerson = conditions.some((c) => c.needs.includes('person'));
  const total = db.value<number>(`SELECT count(*) FROM resident r ${needsPerson ? 'JOIN person p ON p.id = r.person_id' : ''} ${where}`, params) ?? 0;
  return { rows, total };
}
