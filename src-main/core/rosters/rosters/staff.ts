import { derivedColumn, fieldColumn, YES_NO, type RosterDef } from '../definition';
import { prefixRange } from '../sql';
import { templateEditor } from '../templateEditor';

const f = (key: string, sql: string, extra: Parameters<typeof fieldColumn>[3] = {}) => fieldColumn('staff', key, sql, extra);

/** Grids and buildings of a community, for an assignment whose scope lies inside it. */
const gridsOfCommunity = (p: string): string => `(SELECT g.id FROM grid g JOIN community c ON c.id = g.community_id WHERE c.code = ${p})`;

export const staff: RosterDef = {
  name: 'staff',
  title: '工作力量',
  label: '工作力量',
  labelColumn: 'name',
  base: 'staff_assignment s',
  rowId: 's.id',
  keySql: `p.id_number || '|' || s.role || '|' || coalesce(sc.code, sg.code, sb.code)`,
  keyNeeds: ['person', 'community', 'grid', 'building'],
  joins: [
    { name: 'person', sql: 'JOIN person p ON p.id = s.person_id' },
    { name: 'community', sql: 'LEFT JOIN community sc ON sc.id = s.community_id' },
    { name: 'grid', sql: 'LEFT JOIN grid sg ON sg.id = s.grid_id' },
    { name: 'building', sql: 'LEFT JOIN building sb ON sb.id = s.building_id' },
  ],
  columns: [
    f('idNumber', 'p.id_number', { needs: ['person'], sort: ['p.id_number'], pinned: true }),
    f('name', 'p.name', { needs: ['person'], sort: ['p.name'], pinned: true, width: 100 }),
    f('role', 's.role', { sort: ['s.role'], width: 120 }),
    derivedColumn('scopeLevel', '范围层级', 'enum', `CASE WHEN s.community_id IS NOT NULL THEN '社区' WHEN s.grid_id IS NOT NULL THEN '网格' ELSE '楼栋' END`, {
      values: ['社区', '网格', '楼栋'],
      width: 100,
    }),
    f('scopeCode', 'coalesce(sc.code, sg.code, sb.code)', { needs: ['community', 'grid', 'building'], sort: ['coalesce(sc.code, sg.code, sb.code)'], width: 200 }),
    derivedColumn('scopeName', '范围名称', 'text', 'coalesce(sc.name, sg.name, sb.name)', { needs: ['community', 'grid', 'building'], width: 200 }),
    f('phone', 'p.phone', { needs: ['person'], sort: ['p.phone'] }),
    f(
      'isMember',
      `CASE WHEN EXISTS (SELECT 1 FROM party_member pm WHERE pm.person_id = s.person_id AND pm.status NOT IN ('已转出', '停止党籍')) THEN '是' ELSE '否' END`,
      { editable: false, width: 100 },
    ),
    f('since', 's.since', { sort: ['s.since'] }),
    f('until', 's.until', { sort: ['s.until'] }),
    derivedColumn('onDuty', '在岗', 'boolean', `CASE WHEN s.until IS NULL OR s.until >= $today THEN '是' ELSE '否' END`, { values: YES_NO, width: 80 }),
  ],
  defaultSort: [
    { column: 'scopeCode', desc: false },
    { column: 'role', desc: false },
  ],
  // A 楼栋长 counts in the building's grid; a community-level post in its community alone.
  tally: {
    sql: `SELECT coalesce(s.grid_id, b.grid_id) AS grid_id, s.community_id, count(*) AS n
          FROM staff_assignment s LEFT JOIN building b ON b.id = s.building_id GROUP BY 1, 2`,
    tables: ['staff_assignment', 'building', 'grid', 'community'],
  },
  scope(scope, b) {
    if (scope.buildingCode) return { sql: `s.building_id = (SELECT id FROM building WHERE code = ${b.bind(scope.buildingCode)})`, needs: [] };
    if (scope.gridCode) {
      const g = b.bind(scope.gridCode);
      return {
        sql: `s.grid_id = (SELECT id FROM grid WHERE code = ${g}) OR s.building_id IN (SELECT b2.id FROM building b2 JOIN grid g2 ON g2.id = b2.grid_id WHERE g2.code = ${g})`,
        needs: [],
      };
    }
    if (scope.communityCode) {
      const c = b.bind(scope.communityCode);
      return {
        sql: `s.community_id = (SELECT id FROM community WHERE code = ${c}) OR s.grid_id IN ${gridsOfCommunity(c)}
          OR s.building_id IN (SELECT id FROM building WHERE grid_id IN ${gridsOfCommunity(c)})`,
        needs: [],
      };
    }
    return null;
  },
  search(text, b) {
    const s = b.bind(text);
    if (/^\d+[Xx]?$/.test(text)) {
      return { sql: `${prefixRange('p.id_number', b.bind(text.toUpperCase()))} OR ${prefixRange('p.phone', s)}`, needs: ['person'] };
    }
    return { sql: `instr(p.name, ${s}) > 0 OR instr(coalesce(sc.name, sg.name, sb.name), ${s}) > 0`, needs: ['person', 'community', 'grid', 'building'] };
  },
  searchHint: '姓名、身份号码、电话或范围名称',
  editor: templateEditor('staff'),
  canAdd: true,
  entity: 'staff',
};
