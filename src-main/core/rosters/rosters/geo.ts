import { derivedColumn, fieldColumn, type RosterDef } from '../definition';
import { prefixRange } from '../sql';
import { templateEditor } from '../templateEditor';

const count = (sql: string): string => `(${sql})`;
const active = `(s.until IS NULL OR s.until >= $today)`;

/** 社区: the communities of the street, with counts derived from the rosters below them. */
export const communities: RosterDef = {
  name: 'communities',
  title: '社区',
  label: '社区',
  labelColumn: 'name',
  base: 'community c',
  rowId: 'c.id',
  keySql: 'c.code',
  keyNeeds: [],
  joins: [{ name: 'street', sql: 'JOIN street st ON st.id = 1' }],
  columns: [
    fieldColumn('community', 'code', 'c.code', { sort: ['c.code'], pinned: true, width: 150 }),
    fieldColumn('community', 'name', 'c.name', { sort: ['c.name'], pinned: true, width: 130 }),
    fieldColumn('community', 'streetCode', 'st.code', { needs: ['street'], editable: false, hidden: true }),
    fieldColumn('community', 'kind', 'c.kind', { width: 100 }),
    fieldColumn('community', 'areaKm2', 'c.area_km2', { width: 130 }),
    fieldColumn('community', 'address', 'c.address', { width: 220 }),
    fieldColumn('community', 'phone', 'c.phone'),
    derivedColumn('gridCount', '网格数', 'integer', count('SELECT count(*) FROM grid g WHERE g.community_id = c.id'), { width: 90 }),
    derivedColumn('dedicatedGridCount', '专属网格', 'integer', count("SELECT count(*) FROM grid g WHERE g.community_id = c.id AND g.kind = '专属网格'"), { width: 100 }),
    derivedColumn('buildingCount', '楼栋数', 'integer', count('SELECT count(*) FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.community_id = c.id'), { width: 90 }),
    derivedColumn(
      'householdCount',
      '户数',
      'integer',
      count('SELECT count(*) FROM rooms h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE g.community_id = c.id'),
      { width: 90 },
    ),
    derivedColumn('residentCount', '实有人口', 'integer', count('SELECT count(*) FROM resident r JOIN grid g ON g.id = r.grid_id WHERE g.community_id = c.id'), { width: 100 }),
    derivedColumn(
      'staffCount',
      '在岗工作力量',
      'integer',
      count(`SELECT count(*) FROM staff_assignment s WHERE ${active} AND (s.community_id = c.id OR s.grid_id IN (SELECT id FROM grid WHERE community_id = c.id))`),
      { width: 120 },
    ),
  ],
  defaultSort: [{ column: 'code', desc: false }],
  scope(scope, b) {
    const code = scope.communityCode ?? scope.gridCode?.slice(0, 12) ?? scope.buildingCode?.slice(0, 12);
    return code ? { sql: `c.code = ${b.bind(code)}`, needs: [] } : null;
  },
  search(text, b) {
    const s = b.bind(text);
    return { sql: /^\d+$/.test(text) ? prefixRange('c.code', s) : `instr(c.name, ${s}) > 0`, needs: [] };
  },
  searchHint: '社区编码或名称',
  editor: templateEditor('community', {
    // A community belongs to this street: a pasted row need not repeat its code.
    adjust(db, merged) {
      if (merged.streetCode === null || merged.streetCode === undefined || merged.streetCode === '') merged.streetCode = db.value<string>('SELECT code FROM street WHERE id = 1') ?? null;
      return [];
    },
  }),
  canAdd: true,
  entity: 'community',
};

/** 网格: every grid with its households, people and work force counted from the rosters. */
export const grids: RosterDef = {
  name: 'grids',
  title: '网格',
  label: '网格',
  labelColumn: 'name',
  base: 'grid g',
  rowId: 'g.id',
  keySql: 'g.code',
  keyNeeds: [],
  joins: [{ name: 'community', sql: 'JOIN community c ON c.id = g.community_id' }],
  columns: [
    fieldColumn('grid', 'code', 'g.code', { sort: ['g.code'], pinned: true, width: 170 }),
    fieldColumn('grid', 'name', 'g.name', { sort: ['g.name'], pinned: true, width: 190 }),
    fieldColumn('grid', 'communityCode', 'c.code', { needs: ['community'], sort: ['c.code'], width: 150, hidden: true }),
    derivedColumn('communityName', '所属社区', 'text', 'c.name', { needs: ['community'], sort: ['c.name'], width: 110 }),
    fieldColumn('grid', 'kind', 'g.kind', { sort: ['g.kind'], width: 130 }),
    fieldColumn('grid', 'dedicatedKind', 'g.dedicated_kind', { width: 120 }),
    derivedColumn('buildingCount', '楼栋数', 'integer', count('SELECT count(*) FROM building b WHERE b.grid_id = g.id'), { width: 90 }),
    derivedColumn('householdCount', '户数', 'integer', count('SELECT count(*) FROM rooms h JOIN building b ON b.id = h.building_id WHERE b.grid_id = g.id'), {
      width: 90,
    }),
    derivedColumn('residentCount', '实有人口', 'integer', count('SELECT count(*) FROM resident r WHERE r.grid_id = g.id'), { width: 100 }),
    derivedColumn(
      'memberCount',
      '居住党员',
      'integer',
      count('SELECT count(*) FROM resident r JOIN party_member m ON m.person_id = r.person_id WHERE r.grid_id = g.id'),
      { width: 100 },
    ),
    derivedColumn('staffCount', '在岗工作力量', 'integer', count(`SELECT count(*) FROM staff_assignment s WHERE s.grid_id = g.id AND ${active}`), { width: 120 }),
    derivedColumn(
      'gridHead',
      '网格长',
      'text',
      `(SELECT group_concat(p.name, '、') FROM staff_assignment s JOIN person p ON p.id = s.person_id WHERE s.grid_id = g.id AND s.role = '网格长' AND ${active})`,
      { width: 110, sort: false },
    ),
    derivedColumn(
      'fullTime',
      '专职网格员',
      'text',
      `(SELECT group_concat(p.name, '、') FROM staff_assignment s JOIN person p ON p.id = s.person_id WHERE s.grid_id = g.id AND s.role = '专职网格员' AND ${active})`,
      { width: 120, sort: false },
    ),
    derivedColumn('hasBoundary', '边界', 'enum', `CASE WHEN g.boundary IS NULL THEN '未标绘' ELSE '已标绘' END`, { values: ['已标绘', '未标绘'], width: 90 }),
  ],
  defaultSort: [{ column: 'code', desc: false }],
  scope(scope, b) {
    if (scope.buildingCode) return { sql: `g.id = (SELECT grid_id FROM building WHERE code = ${b.bind(scope.buildingCode)})`, needs: [] };
    if (scope.gridCode) return { sql: `g.code = ${b.bind(scope.gridCode)}`, needs: [] };
    if (scope.communityCode) return { sql: `g.community_id = (SELECT id FROM community WHERE code = ${b.bind(scope.communityCode)})`, needs: [] };
    return null;
  },
  search(text, b) {
    const s = b.bind(text);
    return { sql: /^\d+$/.test(text) ? prefixRange('g.code', s) : `instr(g.name, ${s}) > 0`, needs: [] };
  },
  searchHint: '网格编码或名称',
  editor: templateEditor('grid'),
  canAdd: true,
  entity: 'grid',
};
