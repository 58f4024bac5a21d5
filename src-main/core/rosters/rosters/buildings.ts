import { derivedColumn, fieldColumn, type RosterDef } from '../definition';
import { gridScope } from '../scope';
import { prefixRange } from '../sql';
import { templateEditor } from '../templateEditor';

const f = (key: string, sql: string, extra: Parameters<typeof fieldColumn>[3] = {}) => fieldColumn('building', key, sql, extra);
const count = (sql: string): string => `(${sql})`;

export const buildings: RosterDef = {
  name: 'buildings',
  title: '楼栋',
  label: '楼栋',
  labelColumn: 'name',
  base: 'building b',
  rowId: 'b.id',
  keySql: 'b.code',
  keyNeeds: [],
  joins: [
    { name: 'grid', sql: 'JOIN grid g ON g.id = b.grid_id' },
    { name: 'community', sql: 'JOIN community c ON c.id = g.community_id', needs: ['grid'] },
  ],
  columns: [
    f('code', 'b.code', { sort: ['b.code'], pinned: true, width: 200 }),
    f('name', 'b.name', { sort: ['b.name'], pinned: true, width: 180 }),
    derivedColumn('communityName', '所属社区', 'text', 'c.name', { needs: ['community'], width: 110 }),
    f('gridCode', 'g.code', { needs: ['grid'], sort: ['g.code'] }),
    derivedColumn('gridName', '所属网格', 'text', 'g.name', { needs: ['grid'], width: 170 }),
    f('address', 'b.address', { sort: ['b.address'], width: 240 }),
    f('units', 'b.unit_count', { sort: ['b.unit_count'], width: 90 }),
    f('floors', 'b.floors', { sort: ['b.floors'], width: 80 }),
    derivedColumn('unitRows', '已登记单元', 'integer', count('SELECT count(*) FROM unit WHERE building_id = b.id'), { width: 110 }),
    derivedColumn('rooms', '房屋数', 'integer', count('SELECT count(*) FROM rooms WHERE building_id = b.id'), { width: 90 }),
    derivedColumn('rented', '出租房屋', 'integer', count("SELECT count(*) FROM rooms WHERE building_id = b.id AND use = '出租'"), { width: 100 }),
    derivedColumn('vacant', '空置房屋', 'integer', count("SELECT count(*) FROM rooms WHERE building_id = b.id AND use = '空置'"), { width: 100 }),
    derivedColumn('partyCenters', '党员中心户', 'integer', count('SELECT count(*) FROM rooms WHERE building_id = b.id AND party_center = 1'), { width: 110 }),
    derivedColumn(
      'residents',
      '实有人口',
      'integer',
      count('SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id WHERE h.building_id = b.id'),
      { width: 100 },
    ),
    derivedColumn(
      'head',
      '楼栋长',
      'text',
      `(SELECT group_concat(p.name, '、') FROM staff_assignment s JOIN person p ON p.id = s.person_id WHERE s.building_id = b.id AND s.role = '楼栋长' AND (s.until IS NULL OR s.until >= $today))`,
      { width: 110, sort: false },
    ),
  ],
  defaultSort: [{ column: 'code', desc: false }],
  tally: { sql: 'SELECT grid_id, NULL AS community_id, count(*) AS n FROM building GROUP BY grid_id', tables: ['building', 'grid', 'community'] },
  scope(scope, b) {
    if (scope.buildingCode) return { sql: `b.code = ${b.bind(scope.buildingCode)}`, needs: [] };
    return gridScope('b.grid_id', scope, b);
  },
  search(text, b) {
    const s = b.bind(text);
    if (/^\d+$/.test(text)) return { sql: prefixRange('b.code', s), needs: [] };
    return { sql: `instr(b.name, ${s}) > 0 OR instr(b.address, ${s}) > 0`, needs: [] };
  },
  searchHint: '楼栋编码、名称或地址',
  editor: templateEditor('building'),
  canAdd: true,
  entity: 'building',
};
