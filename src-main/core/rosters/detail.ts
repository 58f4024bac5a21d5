import type { SqlValue } from 'sql.js';
import type { HistoryEntry, PersonRole, RecordDetail } from '../../dto/rosters';
import { tableLabel } from '../catalog/tables';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import type { RosterDef } from './definition';
import { rowsByIds } from './query';
import { actionLabel, T } from './texts';

/** Column names of the audited tables as people call them; ids and timestamps are left out. */
const LABELS: Record<string, Record<string, string>> = {
  person: { id_number: '公民身份号码', name: '姓名', gender: '性别', birth_date: '出生日期', ethnicity: '民族', phone: '联系电话', education: '学历', political: '政治面貌', hukou_address: '户籍地址' },
  resident: { person_id: '人员', grid_id: '所属网格', household_id: '房屋', person_type: '人员类型', residence: '居住状况', address: '现住址' },
  resident_tag: { tag: '特殊人群' },
  party_member: {
    org_id: '所在党组织',
    category: '人员类别',
    joined_on: '入党日期',
    confirmed_on: '转正日期',
    probation_extended_to: '延长预备期至',
    status: '党籍状态',
    in_service: '在职党员',
    reported_community_id: '报到社区',
    workplace: '工作单位及职务',
    dues_kind: '党费类别',
    dues_base: '党费基数',
    last_contact_on: '最近联系日期',
    group_id: '党小组',
  },
  staff_assignment: { role: '岗位', community_id: '范围（社区）', grid_id: '范围（网格）', building_id: '范围（楼栋）', since: '上岗日期', until: '离岗日期' },
  household: { building_id: '楼栋', unit_id: '单元', room: '房号', use: '房屋用途', party_center: '党员中心户' },
  building: { code: '楼栋编码', name: '楼栋名称', grid_id: '所属网格', address: '地址', unit_count: '单元数', floors: '层数' },
  grid: { code: '网格编码', name: '网格名称', community_id: '所属社区', kind: '网格类型', dedicated_kind: '专属网格类别', boundary: '边界' },
  community: { code: '社区编码', name: '社区名称', kind: '社区类型', area_km2: '面积平方公里', address: '办公地址', phone: '联系电话' },
  party_org: {
    code: '党组织编码',
    name: '党组织名称',
    kind: '组织类别',
    parent_id: '上级党组织',
    secretary_person_id: '书记',
    founded_on: '成立日期',
    term_ends_on: '届满日期',
    community_id: '所属社区',
    grid_id: '对应网格',
    building_id: '对应楼栋',
  },
};

/** What a foreign key pointed at, as a person reads it (the row may be gone: then its number). */
const REFERENCES: Record<string, string> = {
  person_id: "SELECT name FROM person WHERE id = ?",
  secretary_person_id: "SELECT name FROM person WHERE id = ?",
  grid_id: "SELECT code || ' ' || name FROM grid WHERE id = ?",
  community_id: 'SELECT name FROM community WHERE id = ?',
  reported_community_id: 'SELECT name FROM community WHERE id = ?',
  building_id: 'SELECT name FROM building WHERE id = ?',
  unit_id: 'SELECT name FROM unit WHERE id = ?',
  household_id: "SELECT b.name || ifnull(u.name, '') || ifnull(h.room, '（房号未登记）') FROM household h JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id WHERE h.id = ?",
  org_id: 'SELECT name FROM party_org WHERE id = ?',
  group_id: 'SELECT name FROM party_org WHERE id = ?',
  parent_id: 'SELECT name FROM party_org WHERE id = ?',
};

const BOOLEAN_COLUMNS = new Set(['in_service', 'party_center']);

function shown(db: ReadDb, column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const ref = REFERENCES[column];
  if (ref) return db.value<string>(ref, [value as SqlValue]) ?? `#${String(value)}`;
  if (BOOLEAN_COLUMNS.has(column)) return value === 1 ? '是' : '否';
  if (column === 'boundary') return '（边界数据）';
  return String(value);
}

interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  op: 'insert' | 'update' | 'delete';
  before: string | null;
  after: string | null;
}

/** Which audit rows are about the record: rows of these tables with these row ids. */
export type AuditTargets = Record<string, number[]>;

const OPS = { insert: '新增', delete: '删除' } as const;

/**
 * A record's history from the audit log, one entry per write (one user action), newest first,
 * each change told field by field in Chinese.
 */
export function historyOf(db: ReadDb, targets: AuditTargets, residentIds: number[] = [], limit = 30): HistoryEntry[] {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const [entity, ids] of Object.entries(targets)) {
    if (ids.length === 0) continue;
    clauses.push(`(entity = ? AND row_id IN (SELECT value FROM json_each(?)))`);
    params.push(entity, JSON.stringify(ids));
  }
  if (residentIds.length > 0) {
    // Tags have no row id of their own: they belong to the resident their row names.
    clauses.push(`(entity = 'resident_tag' AND json_extract(coalesce(after, before), '$.resident_id') IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(residentIds));
  }
  if (clauses.length === 0) return [];
  const rows = db.all<AuditRecord>(
    `SELECT seq, at, actor, action, entity, op, before, after FROM audit_log WHERE ${clauses.join(' OR ')} ORDER BY id DESC LIMIT 400`,
    params,
  );
  const entries = new Map<number, HistoryEntry>();
  for (const row of rows) {
    let entry = entries.get(row.seq);
    if (!entry) {
      if (entries.size >= limit) break;
      entry = { seq: row.seq, at: row.at, actor: row.actor, action: actionLabel(row.action), changes: [] };
      entries.set(row.seq, entry);
    }
    const labels = LABELS[row.entity] ?? {};
    const before = row.before ? (JSON.parse(row.before) as Record<string, unknown>) : {};
    const after = row.after ? (JSON.parse(row.after) as Record<string, unknown>) : {};
    if (row.entity === 'resident_tag') {
      entry.changes.push({ what: '特殊人群', before: row.op === 'delete' ? String(before.tag) : '（无）', after: row.op === 'insert' ? String(after.tag) : '（无）' });
      continue;
    }
    if (row.op !== 'update') {
      // A record is several rows (a resident: the person and the resident role): each is named.
      entry.changes.push({ what: `${OPS[row.op]}${tableLabel(row.entity)}记录`, before: '', after: '' });
      continue;
    }
    for (const [column, label] of Object.entries(labels)) {
      if (JSON.stringify(before[column] ?? null) === JSON.stringify(after[column] ?? null)) continue;
      entry.changes.push({ what: label, before: shown(db, column, before[column]), after: shown(db, column, after[column]) });
    }
  }
  return [...entries.values()].filter((e) => e.changes.length > 0);
}

interface PersonIds {
  person: number;
  idNumber: string;
}

/** A person's roles: resident, party member, each work-force post, secretary of an organisation. */
export function rolesOf(db: ReadDb, person: PersonIds, today: string): PersonRole[] {
  const roles: PersonRole[] = [];
  const resident = db.get<{ grid: string; address: string | null }>(
    `SELECT g.name AS grid, r.address FROM resident r JOIN grid g ON g.id = r.grid_id WHERE r.person_id = ?`,
    [person.person],
  );
  if (resident) roles.push({ kind: 'resident', title: '实有人口', detail: [resident.grid, resident.address].filter(Boolean).join(' · '), roster: 'residents', key: person.idNumber });
  const member = db.get<{ category: string; org: string; status: string; grp: string | null }>(
    `SELECT m.category, o.name AS org, m.status, grp.name AS grp FROM party_member m JOIN party_org o ON o.id = m.org_id
     LEFT JOIN party_org grp ON grp.id = m.group_id WHERE m.person_id = ?`,
    [person.person],
  );
  if (member) {
    roles.push({ kind: 'member', title: member.category, detail: [member.org, member.grp, `党籍${member.status}`].filter(Boolean).join(' · '), roster: 'members', key: person.idNumber });
  }
  const posts = db.all<{ role: string; scope: string; scopeCode: string; since: string; until: string | null }>(
    `SELECT s.role, coalesce(c.name, g.name, b.name) AS scope, coalesce(c.code, g.code, b.code) AS scopeCode, s.since, s.until
     FROM staff_assignment s LEFT JOIN community c ON c.id = s.community_id LEFT JOIN grid g ON g.id = s.grid_id
     LEFT JOIN building b ON b.id = s.building_id WHERE s.person_id = ? ORDER BY s.since DESC`,
    [person.person],
  );
  for (const p of posts) {
    const ended = p.until !== null && p.until < today;
    roles.push({
      kind: 'staff',
      title: p.role,
      detail: `${p.scope} · ${p.since} 起${p.until ? `，${p.until} ${ended ? '已离岗' : '离岗'}` : ''}`,
      roster: 'staff',
      key: `${person.idNumber}|${p.role}|${p.scopeCode}`,
    });
  }
  for (const o of db.all<{ code: string; name: string }>('SELECT code, name FROM party_org WHERE secretary_person_id = ? ORDER BY code', [person.person])) {
    roles.push({ kind: 'secretary', title: '书记', detail: o.name, roster: 'partyOrgs', key: o.code });
  }
  return roles;
}

/** The row id of a roster row by its key. */
function rowIdOf(db: ReadDb, def: RosterDef, key: string): number | null {
  const joins = def.joins.filter((j) => def.keyNeeds.includes(j.name)).map((j) => j.sql);
  return db.value<number>(`SELECT ${def.rowId} FROM ${def.base} ${joins.join(' ')} WHERE ${def.keySql} = ?`, [key]) ?? null;
}

const BASE_TABLE: Record<string, string> = {
  buildings: 'building',
  rooms: 'household',
  communities: 'community',
  grids: 'grid',
  partyOrgs: 'party_org',
};

/** The whole record of one row: every column, the person's roles, and its history. */
export function recordDetail(db: ReadDb, def: RosterDef, key: string, today: string): RecordDetail {
  const rowId = rowIdOf(db, def, key);
  const row = rowId === null ? undefined : rowsByIds(db, def, [rowId], today)[0];
  if (rowId === null || !row) throw new AppError('NOT_FOUND', T.noRecord(def.label));
  const fields = def.columns.map((c) => ({ column: c.id, header: c.header, value: row[c.id] ?? null }));
  const title = String(row[def.labelColumn] ?? key);

  const idNumber = typeof row.idNumber === 'string' ? row.idNumber : null;
  const person = idNumber === null ? null : (db.value<number>('SELECT id FROM person WHERE id_number = ?', [idNumber]) ?? null);
  if (person !== null && idNumber !== null) {
    const residentIds = db.all<{ id: number }>('SELECT id FROM resident WHERE person_id = ?', [person]).map((r) => r.id);
    const targets: AuditTargets = {
      person: [person],
      resident: residentIds,
      party_member: db.all<{ id: number }>('SELECT id FROM party_member WHERE person_id = ?', [person]).map((r) => r.id),
      staff_assignment: db.all<{ id: number }>('SELECT id FROM staff_assignment WHERE person_id = ?', [person]).map((r) => r.id),
    };
    return { roster: def.name, key, title, fields, roles: rolesOf(db, { person, idNumber }, today), history: historyOf(db, targets, residentIds) };
  }

  const table = BASE_TABLE[def.name];
  const roles: PersonRole[] = [];
  if (def.name === 'rooms') {
    for (const r of db.all<{ name: string; idNumber: string; member: number }>(
      `SELECT p.name, p.id_number AS idNumber, EXISTS (SELECT 1 FROM party_member m WHERE m.person_id = p.id) AS member
       FROM resident r JOIN person p ON p.id = r.person_id WHERE r.household_id = ? ORDER BY p.birth_date`,
      [rowId],
    )) {
      roles.push({ kind: 'resident', title: r.member ? '居住（党员）' : '居住', detail: r.name, roster: 'residents', key: r.idNumber });
    }
  }
  if (def.name === 'buildings' || def.name === 'grids' || def.name === 'communities') {
    const column = { buildings: 'building_id', grids: 'grid_id', communities: 'community_id' }[def.name];
    for (const s of db.all<{ role: string; name: string; idNumber: string; code: string }>(
      `SELECT s.role, p.name, p.id_number AS idNumber, ? AS code FROM staff_assignment s JOIN person p ON p.id = s.person_id
       WHERE s.${column} = ? AND (s.until IS NULL OR s.until >= ?) ORDER BY s.role`,
      [key, rowId, today],
    )) {
      roles.push({ kind: 'staff', title: s.role, detail: s.name, roster: 'staff', key: `${s.idNumber}|${s.role}|${s.code}` });
    }
  }
  return { roster: def.name, key, title, fields, roles, history: table ? historyOf(db, { [table]: [rowId] }) : [] };
}
