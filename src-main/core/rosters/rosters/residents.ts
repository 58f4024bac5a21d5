import type { ColumnFilter } from '../../../dto/rosters';
import type { ReadDb } from '../../db/sqlite';
import { derivedColumn, fieldColumn, type RosterDef, type SearchPlan } from '../definition';
import { gramQuery } from '../search';
import { buildingIdOf, gridScope } from '../scope';
import { prefixRange, type Binder } from '../sql';
import { templateEditor } from '../templateEditor';

const f = (key: string, sql: string, extra: Parameters<typeof fieldColumn>[3] = {}) => fieldColumn('resident', key, sql, extra);

/** 单元号 as the template writes it ("1") from the unit's name ("1单元"). */
export const unitNumberSql = (u: string): string =>
  `CASE WHEN ${u}.name GLOB '[0-9]单元' OR ${u}.name GLOB '[0-9][0-9]单元' THEN CAST(CAST(${u}.name AS INTEGER) AS TEXT) ELSE ${u}.name END`;

const TAGS = `(SELECT group_concat(tag, '、') FROM (SELECT tag FROM resident_tag WHERE resident_id = r.id ORDER BY tag))`;

function tagFilter(filter: ColumnFilter, b: Binder): string | null {
  const has = (test: string): string => `EXISTS (SELECT 1 FROM resident_tag t WHERE t.resident_id = r.id AND ${test})`;
  if (filter.kind === 'set') return filter.values.length === 0 ? '0' : has(`t.tag IN (${filter.values.map((v) => b.bind(v)).join(', ')})`);
  if (filter.kind !== 'text') return null;
  switch (filter.op) {
    case 'blank':
      return `NOT ${has('1')}`;
    case 'notBlank':
      return has('1');
    case 'notContains':
    case 'notEqual':
      return `NOT ${has(filter.op === 'notEqual' ? `t.tag = ${b.bind(filter.value)}` : `instr(t.tag, ${b.bind(filter.value)}) > 0`)}`;
    case 'equals':
      return has(`t.tag = ${b.bind(filter.value)}`);
    default:
      return has(`instr(t.tag, ${b.bind(filter.value)}) > 0`);
  }
}

/**
 * Quick search over 姓名, 公民身份号码, 联系电话 and 现住址, read the way a person means it:
 * - a whole ID number: that person;
 * - seven digits or more: the start of an ID or a phone number (indexed ranges; fewer digits
 *   are the region code every local ID starts with, or the start of half the phones);
 * - one character: a surname (indexed range); one character of an address would find everyone;
 * - anything else, up to six digits included (a house or room number): part of a name or an
 *   address, through the gram index (migration 0008), each hit confirmed with instr().
 */
export function residentSearch(text: string, b: Binder, plan?: SearchPlan) {
  if (/^\d{17}[\dXx]$/.test(text)) return { sql: `p.id_number = ${b.bind(text.toUpperCase())}`, needs: ['person'] };
  if (/^\d{7,}$/.test(text)) {
    const s = b.bind(text);
    return { sql: `${prefixRange('p.id_number', s)} OR ${prefixRange('p.phone', s)}`, needs: ['person'] };
  }
  if ([...text].length === 1) return { sql: prefixRange(plan?.walkSort ? '+p.name' : 'p.name', b.bind(text)), needs: ['person'] };
  const grams = gramQuery(text);
  if (!grams) return { sql: '0', needs: [] };
  const s = b.bind(text);
  return {
    sql: `r.id IN (SELECT r2.id FROM resident_search JOIN resident r2 ON r2.id = resident_search.docid JOIN person p2 ON p2.id = r2.person_id
       WHERE resident_search MATCH ${b.bind(grams)} AND (instr(p2.name, ${s}) > 0 OR instr(r2.address, ${s}) > 0))`,
    needs: [],
  };
}

/** A surname shared by more people than this is tested along the sort's index (王, 李: ~10% each). */
const COMMON_SURNAME = 4000;
/** Deep pages of a common surname: reaching them along the sort's index reads too many rows. */
const WALK_OFFSET_LIMIT = 2000;

/**
 * A surname search sorted by another column: SQLite would take the name index's range and sort
 * it (20k 王 by birth date, ~60 ms); for a common surname the sort's own index finds a page of
 * them within a few hundred rows. A rare one keeps the name index (walking would read everyone).
 */
export function residentSearchPlan(db: ReadDb, text: string, sortColumn: string | null, offset: number, common = COMMON_SURNAME): SearchPlan {
  if ([...text].length !== 1 || sortColumn === 'name' || offset >= WALK_OFFSET_LIMIT) return { walkSort: false };
  const sharing = db.value<number>(`SELECT count(*) FROM person WHERE ${prefixRange('name', '$s')}`, { $s: text }) ?? 0;
  return { walkSort: sharing > common };
}

export const residents: RosterDef = {
  name: 'residents',
  title: '实有人口',
  label: '实有人口',
  labelColumn: 'name',
  base: 'resident r',
  rowId: 'r.id',
  keySql: 'p.id_number',
  keyNeeds: ['person'],
  joins: [
    { name: 'person', sql: 'JOIN person p ON p.id = r.person_id' },
    { name: 'grid', sql: 'JOIN grid g ON g.id = r.grid_id' },
    { name: 'community', sql: 'JOIN community c ON c.id = g.community_id', needs: ['grid'] },
    { name: 'household', sql: 'LEFT JOIN household h ON h.id = r.household_id' },
    { name: 'building', sql: 'LEFT JOIN building b ON b.id = h.building_id', needs: ['household'] },
    { name: 'unit', sql: 'LEFT JOIN unit u ON u.id = h.unit_id', needs: ['household'] },
  ],
  columns: [
    f('idNumber', 'p.id_number', { needs: ['person'], sort: ['p.id_number', 'p.id'], pinned: true }),
    f('name', 'p.name', { needs: ['person'], sort: ['p.name', 'p.id'], pinned: true, width: 100 }),
    f('gender', 'p.gender', { needs: ['person'], width: 80 }),
    f('birthDate', 'p.birth_date', { needs: ['person'], sort: ['p.birth_date', 'p.id'] }),
    f('ethnicity', 'p.ethnicity', { needs: ['person'], width: 90, hidden: true }),
    f('phone', 'p.phone', { needs: ['person'], sort: ['p.phone', 'p.id'] }),
    f('political', 'p.political', { needs: ['person'], sort: ['p.political', 'p.id'], width: 120 }),
    f('personType', 'r.person_type', { sort: ['r.person_type'] }),
    f('residence', 'r.residence', { sort: ['r.residence'] }),
    derivedColumn('communityName', '所属社区', 'text', 'c.name', { needs: ['community'], width: 110 }),
    f('gridCode', 'g.code', { needs: ['grid'], sort: ['g.code'] }),
    derivedColumn('gridName', '所属网格', 'text', 'g.name', { needs: ['grid'], width: 160 }),
    f('buildingCode', 'b.code', { needs: ['building'], width: 200, hidden: true }),
    f('unit', unitNumberSql('u'), { needs: ['unit'], width: 80 }),
    f('room', 'h.room', { needs: ['household'], width: 80 }),
    f('address', 'r.address', { sort: ['r.address'], width: 260 }),
    f('hukouAddress', 'p.hukou_address', { needs: ['person'], width: 220, hidden: true }),
    f('tags', TAGS, { filterSql: tagFilter, sort: false }),
    derivedColumn('updatedAt', '更新时间', 'timestamp', 'r.updated_at', { sort: ['r.updated_at'], hidden: true }),
  ],
  defaultSort: [],
  tally: { sql: 'SELECT grid_id, NULL AS community_id, count(*) AS n FROM resident GROUP BY grid_id', tables: ['resident', 'grid', 'community'] },
  scope(scope, b) {
    if (scope.buildingCode) {
      return { sql: `r.household_id IN (SELECT id FROM household WHERE building_id = ${buildingIdOf(scope.buildingCode, b)})`, needs: [] };
    }
    return gridScope('r.grid_id', scope, b);
  },
  search: residentSearch,
  searchPlan: residentSearchPlan,
  searchHint: '姓名、身份号码、电话或住址',
  editor: templateEditor('resident', {
    adjust(_db, merged, { stored, given }) {
      // A grid move takes the person out of a building of the old grid (一楼严禁分两格): the
      // building, unit and room go unless the same edit names a building of the new grid.
      if (!stored || !('gridCode' in given) || 'buildingCode' in given) return [];
      const grid = String(merged.gridCode ?? '').trim();
      const building = typeof stored.buildingCode === 'string' ? stored.buildingCode : null;
      if (!building || building.startsWith(grid)) return [];
      merged.buildingCode = null;
      merged.unit = null;
      merged.room = null;
      return [`原楼栋 ${building} 不属于新网格，已清除楼栋、单元和房号`];
    },
  }),
  canAdd: true,
  entity: 'resident',
};
