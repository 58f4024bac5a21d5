import { normaliseText } from '../../catalog/values';
import { derivedColumn, fieldColumn, YES_NO, type RosterDef } from '../definition';
import { buildingIdOf, gridScope } from '../scope';
import { prefixRange } from '../sql';
import { templateEditor, type ExtraField } from '../templateEditor';

const f = (key: string, sql: string, extra: Parameters<typeof fieldColumn>[3] = {}) => fieldColumn('partyMember', key, sql, extra);

/** Organisations at or below one (a 党委 and its 支部 and 党小组), as a subquery of ids. */
export const orgSubtree = (placeholder: string): string =>
  `WITH RECURSIVE sub(id) AS (SELECT id FROM party_org WHERE code = ${placeholder} UNION SELECT o.id FROM party_org o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub`;

/** 党小组: a group under the member's own 支部 (the template has no column for it). */
const partyGroup: ExtraField = {
  column: 'partyGroup',
  read: (db, key) =>
    db.value<string>(
      `SELECT grp.code FROM party_member m JOIN person p ON p.id = m.person_id JOIN party_org grp ON grp.id = m.group_id WHERE p.id_number = ?`,
      [key],
    ) ?? null,
  check(db, value, record) {
    const code = normaliseText(String(value));
    const group = db.get<{ kind: string; parentCode: string | null; name: string }>(
      'SELECT o.kind, parent.code AS parentCode, o.name FROM party_org o LEFT JOIN party_org parent ON parent.id = o.parent_id WHERE o.code = ?',
      [code],
    );
    if (!group) return { ok: false, message: `党小组编码“${code}”不存在` };
    if (group.kind !== '党小组') return { ok: false, message: `“${group.name}”是${group.kind}，不是党小组` };
    if (group.parentCode !== record.orgCode) return { ok: false, message: `党小组“${group.name}”不属于该党员所在的党组织` };
    return { ok: true, value: code };
  },
  write(db, value, record, now) {
    const groupId = value === null ? null : (db.value<number>('SELECT id FROM party_org WHERE code = ?', [String(value)]) ?? null);
    db.run(
      'UPDATE party_member SET group_id = ?, updated_at = ? WHERE person_id = (SELECT id FROM person WHERE id_number = ?) AND group_id IS NOT ?',
      [groupId, now, String(record.idNumber), groupId],
    );
  },
};

/** Where a member lives: the scope filter of the members roster places members by residence. */
const residenceOf = 'm.person_id IN (SELECT person_id FROM resident WHERE ';

export const members: RosterDef = {
  name: 'members',
  title: '党员',
  label: '党员',
  labelColumn: 'name',
  base: 'party_member m',
  rowId: 'm.id',
  keySql: 'p.id_number',
  keyNeeds: ['person'],
  joins: [
    { name: 'person', sql: 'JOIN person p ON p.id = m.person_id' },
    { name: 'org', sql: 'JOIN party_org o ON o.id = m.org_id' },
    { name: 'group', sql: 'LEFT JOIN party_org grp ON grp.id = m.group_id AND grp.parent_id = m.org_id' },
    { name: 'reported', sql: 'LEFT JOIN community rc ON rc.id = m.reported_community_id' },
    { name: 'resident', sql: 'LEFT JOIN resident r ON r.person_id = m.person_id' },
    { name: 'grid', sql: 'LEFT JOIN grid g ON g.id = r.grid_id', needs: ['resident'] },
    { name: 'household', sql: 'LEFT JOIN household h ON h.id = r.household_id', needs: ['resident'] },
  ],
  columns: [
    f('idNumber', 'p.id_number', { needs: ['person'], sort: ['p.id_number'], pinned: true }),
    f('name', 'p.name', { needs: ['person'], sort: ['p.name'], pinned: true, width: 100 }),
    f('gender', 'p.gender', { needs: ['person'], width: 80 }),
    f('birthDate', 'p.birth_date', { needs: ['person'], sort: ['p.birth_date'] }),
    f('ethnicity', 'p.ethnicity', { needs: ['person'], width: 90, hidden: true }),
    f('education', 'p.education', { needs: ['person'], width: 110 }),
    f('category', 'm.category', { width: 110 }),
    f('joinedOn', 'm.joined_on', { sort: ['m.joined_on'] }),
    f('confirmedOn', 'm.confirmed_on'),
    derivedColumn('partyYears', '党龄', 'integer', `CASE WHEN m.confirmed_on IS NULL THEN NULL ELSE CAST((julianday($today) - julianday(m.confirmed_on)) / 365.2425 AS INTEGER) END`, {
      width: 80,
    }),
    f('orgCode', 'o.code', { needs: ['org'], sort: ['o.code'], width: 190 }),
    derivedColumn('orgName', '所在党组织', 'text', 'o.name', { needs: ['org'], width: 240 }),
    {
      id: 'partyGroup',
      header: '党小组编码',
      type: 'code',
      sql: 'grp.code',
      needs: ['group'],
      editable: true,
      width: 190,
      hidden: true,
    },
    derivedColumn('partyGroupName', '党小组', 'text', 'grp.name', { needs: ['group'], width: 160 }),
    f('status', 'm.status', { width: 100 }),
    f('inService', `CASE m.in_service WHEN 1 THEN '是' ELSE '否' END`, { width: 110 }),
    f('reportedCommunityCode', 'rc.code', { needs: ['reported'], hidden: true }),
    derivedColumn('reportedCommunityName', '报到社区', 'text', 'rc.name', { needs: ['reported'], width: 110 }),
    f('workplace', 'm.workplace', { width: 200 }),
    f('phone', 'p.phone', { needs: ['person'], sort: ['p.phone'] }),
    derivedColumn('gridName', '居住网格', 'text', 'g.name', { needs: ['grid'], width: 160 }),
    derivedColumn('partyCenter', '党员中心户', 'boolean', `CASE WHEN h.party_center = 1 THEN '是' ELSE '否' END`, {
      needs: ['household'],
      values: YES_NO,
      width: 110,
    }),
  ],
  defaultSort: [{ column: 'orgCode', desc: false }],
  // A member is placed where they live (resident.person_id is unique: one place each).
  tally: {
    sql: 'SELECT r.grid_id, NULL AS community_id, count(*) AS n FROM party_member m JOIN resident r ON r.person_id = m.person_id GROUP BY r.grid_id',
    tables: ['party_member', 'resident', 'grid', 'community'],
  },
  scope(scope, b) {
    if (scope.buildingCode) {
      return { sql: `${residenceOf}household_id IN (SELECT id FROM household WHERE building_id = ${buildingIdOf(scope.buildingCode, b)}))`, needs: [] };
    }
    const inGrid = gridScope('grid_id', scope, b);
    return inGrid ? { sql: `${residenceOf}${inGrid.sql})`, needs: [] } : null;
  },
  orgFilter: (orgCode, b) => ({ sql: `m.org_id IN (${orgSubtree(b.bind(orgCode))}) OR m.group_id IN (${orgSubtree(b.bind(orgCode))})`, needs: [] }),
  search(text, b) {
    const s = b.bind(text);
    if (/^\d+[Xx]?$/.test(text)) return { sql: `${prefixRange('p.id_number', b.bind(text.toUpperCase()))} OR ${prefixRange('p.phone', s)}`, needs: ['person'] };
    return { sql: `instr(p.name, ${s}) > 0 OR instr(m.workplace, ${s}) > 0`, needs: ['person'] };
  },
  searchHint: '姓名、身份号码、电话或工作单位',
  editor: templateEditor('partyMember', {
    extras: [partyGroup],
    adjust(_db, merged, { stored, given }) {
      // Moving to another organisation leaves the old one's 党小组 behind.
      if (stored && 'orgCode' in given && !('partyGroup' in given) && stored.partyGroup && merged.orgCode !== stored.orgCode) {
        merged.partyGroup = null;
        return ['党员转到其他党组织，原党小组已清除'];
      }
      return [];
    },
  }),
  canAdd: true,
  entity: 'partyMember',
};

