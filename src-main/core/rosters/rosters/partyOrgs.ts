import { derivedColumn, fieldColumn, type RosterDef } from '../definition';
import { gridScope } from '../scope';
import { prefixRange } from '../sql';
import { templateEditor } from '../templateEditor';
import { orgSubtree } from './members';

const f = (key: string, sql: string, extra: Parameters<typeof fieldColumn>[3] = {}) => fieldColumn('partyOrg', key, sql, extra);

/** 党组织: the party tree as rows; the 党组织 page shows it as a tree and edits through here. */
export const partyOrgs: RosterDef = {
  name: 'partyOrgs',
  title: '党组织',
  label: '党组织',
  labelColumn: 'name',
  base: 'party_org o',
  rowId: 'o.id',
  keySql: 'o.code',
  keyNeeds: [],
  joins: [
    { name: 'parent', sql: 'LEFT JOIN party_org parent ON parent.id = o.parent_id' },
    { name: 'secretary', sql: 'LEFT JOIN person sp ON sp.id = o.secretary_person_id' },
    { name: 'grid', sql: 'LEFT JOIN grid g ON g.id = o.grid_id' },
  ],
  columns: [
    f('code', 'o.code', { sort: ['o.code'], pinned: true, width: 190 }),
    f('name', 'o.name', { sort: ['o.name'], pinned: true, width: 260 }),
    f('kind', 'o.kind', { width: 110 }),
    f('parentCode', 'parent.code', { needs: ['parent'], width: 190, hidden: true }),
    derivedColumn('parentName', '上级党组织', 'text', 'parent.name', { needs: ['parent'], width: 240 }),
    f('secretaryId', 'sp.id_number', { needs: ['secretary'], hidden: true }),
    derivedColumn('secretaryName', '书记', 'text', 'sp.name', { needs: ['secretary'], width: 100 }),
    f('foundedOn', 'o.founded_on', { sort: ['o.founded_on'] }),
    f('termEndsOn', 'o.term_ends_on', { sort: ['o.term_ends_on'] }),
    f('gridCode', 'g.code', { needs: ['grid'], width: 170 }),
    derivedColumn('members', '党员数', 'integer', '(SELECT count(*) FROM party_member m WHERE m.org_id = o.id)', { width: 90 }),
  ],
  defaultSort: [{ column: 'code', desc: false }],
  scope(scope, b) {
    if (scope.buildingCode) return { sql: `o.building_id = (SELECT id FROM building WHERE code = ${b.bind(scope.buildingCode)})`, needs: [] };
    const inGrid = gridScope('o.grid_id', scope, b);
    if (scope.gridCode || !inGrid) return inGrid;
    return { sql: `${inGrid.sql} OR o.community_id = (SELECT id FROM community WHERE code = ${b.bind(scope.communityCode ?? '')})`, needs: [] };
  },
  orgFilter: (orgCode, b) => ({ sql: `o.id IN (${orgSubtree(b.bind(orgCode))})`, needs: [] }),
  search(text, b) {
    return { sql: /^[0-9A-Z]+$/i.test(text) ? prefixRange('o.code', b.bind(text.toUpperCase())) : `instr(o.name, ${b.bind(text)}) > 0`, needs: [] };
  },
  searchHint: '党组织编码或名称',
  editor: templateEditor('partyOrg'),
  canAdd: true,
  entity: 'partyOrg',
};
