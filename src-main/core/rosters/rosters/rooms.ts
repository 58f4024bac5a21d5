import { isBlank, normaliseText } from '../../catalog/values';
import type { ReadDb, SqlDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { insertRow, updateRow } from '../../records/lookup';
import { derivedColumn, YES_NO, type CheckProblem, type RosterDef, type RosterEditor } from '../definition';
import { gridScope } from '../scope';
import { unitNumberSql } from './residents';

/** 房屋用途 (household.use): not in the city templates, kept by the street. */
export const ROOM_USES = ['自住', '出租', '商用', '空置'] as const;

const H = { building: '楼栋编码', unit: '单元号', room: '房号', use: '房屋用途', partyCenter: '党员中心户' } as const;

/** "1", "01", "1单元" → "1单元"; other names are kept as written. */
const unitName = (unit: string): string => {
  const n = /^(\d{1,2})(?:单元)?$/.exec(unit)?.[1];
  return n ? `${Number(n)}单元` : unit;
};

interface RoomRecord {
  buildingCode: string;
  unit: string | null;
  room: string;
  use: string;
  partyCenter: boolean;
}

function findRoom(db: ReadDb, buildingCode: string, unit: string | null, room: string): number | null {
  return (
    db.value<number>(
      `SELECT h.id FROM household h JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id
       WHERE b.code = ? AND ifnull(u.name, '') = ? AND h.room = ?`,
      [buildingCode, unit === null ? '' : unitName(unit), room],
    ) ?? null
  );
}

/** The unit row of a building, created the first time a room names it (code: building + 2 digits). */
function ensureUnit(db: SqlDb, buildingId: number, buildingCode: string, unit: string, now: string): number {
  const name = unitName(unit);
  const found = db.value<number>('SELECT id FROM unit WHERE building_id = ? AND name = ?', [buildingId, name]);
  if (found !== undefined) return found;
  const n = /^(\d{1,2})单元$/.exec(name)?.[1];
  let code = n ? `${buildingCode}${n.padStart(2, '0')}` : '';
  if (!n || db.value<number>('SELECT count(*) FROM unit WHERE code = ?', [code])) {
    const next = (db.value<number>('SELECT max(CAST(substr(code, 20) AS INTEGER)) FROM unit WHERE building_id = ?', [buildingId]) ?? 0) + 1;
    if (next > 99) throw new AppError('VALIDATION', `楼栋 ${buildingCode} 的单元已满 99 个`);
    code = `${buildingCode}${String(next).padStart(2, '0')}`;
  }
  return insertRow(db, 'unit', { code, building_id: buildingId, name }, now);
}

const text = (v: unknown): string | null => (isBlank(v) ? null : normaliseText(String(v)));

/**
 * Rooms (房屋) are the street's own records: the city templates know a resident's room but not
 * the room's use or 党员中心户. Checked here, written here, one write per user action like every
 * other roster edit.
 */
const roomEditor: RosterEditor = {
  read(db, key) {
    return (
      db.get<Record<string, unknown>>(
        `SELECT b.code AS buildingCode, ${unitNumberSql('u')} AS unit, h.room, h.use,
           CASE h.party_center WHEN 1 THEN '是' ELSE '否' END AS partyCenter
         FROM household h JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id WHERE h.id = ?`,
        [Number(key)],
      ) ?? null
    );
  },
  keyOf(db, values) {
    const building = text(values.buildingCode);
    const room = text(values.room);
    if (!building || !room) return null;
    const id = findRoom(db, building, text(values.unit), room);
    return id === null ? null : String(id);
  },
  check(db, merged, { stored }) {
    const problems: CheckProblem[] = [];
    const problem = (column: string, message: string): void => void problems.push({ column, message });
    const buildingCode = text(merged.buildingCode);
    if (!buildingCode) problem('buildingCode', `${H.building}为空`);
    else if (!/^\d{19}$/.test(buildingCode)) problem('buildingCode', `${H.building}应为 19 位数字，收到“${buildingCode}”`);
    else if (db.value('SELECT 1 FROM building WHERE code = ?', [buildingCode]) === undefined) problem('buildingCode', `${H.building}“${buildingCode}”不存在`);
    const unit = text(merged.unit);
    if (unit !== null && (unit.length > 20 || unit.includes('|'))) problem('unit', `${H.unit}“${unit}”无效（最多 20 字）`);
    const room = text(merged.room);
    if (!room) problem('room', `${H.room}为空`);
    else if (room.length > 20 || room.includes('|')) problem('room', `${H.room}“${room}”无效（最多 20 字）`);
    const use = text(merged.use) ?? '自住';
    if (!(ROOM_USES as readonly string[]).includes(use)) problem('use', `${H.use}“${use}”不是允许的值（${ROOM_USES.join('、')}）`);
    const centerText = text(merged.partyCenter) ?? '否';
    const partyCenter = centerText === '是' || centerText === 'true';
    if (!['是', '否', 'true', 'false'].includes(centerText)) problem('partyCenter', `${H.partyCenter}应为“是”或“否”`);
    if (problems.length > 0 || !buildingCode || !room) return { ok: false, problems, notes: [] };

    const existing = findRoom(db, buildingCode, unit, room);
    const self = stored ? findRoom(db, String(stored.buildingCode), text(stored.unit), String(stored.room)) : null;
    if (existing !== null && existing !== self) problem('room', `${buildingCode} ${unit ? unitName(unit) : ''}${room} 已经登记过`);
    // 党员中心户 is a member's household: a room where no party member lives cannot be one.
    if (partyCenter && (self === null || !db.value('SELECT 1 FROM resident r JOIN party_member m ON m.person_id = r.person_id WHERE r.household_id = ?', [self]))) {
      problem('partyCenter', '该房屋没有党员居住，不能设为党员中心户');
    }
    if (problems.length > 0) return { ok: false, problems, notes: [] };
    const record: RoomRecord = { buildingCode, unit, room, use, partyCenter };
    return {
      ok: true,
      record: record as unknown as Record<string, unknown>,
      key: self === null ? null : String(self),
      identity: `${buildingCode}|${unit === null ? '' : unitName(unit)}|${room}`,
      notes: [],
    };
  },
  write(db, value, now, existingKey) {
    const r = value as unknown as RoomRecord;
    const buildingId = db.value<number>('SELECT id FROM building WHERE code = ?', [r.buildingCode]);
    if (buildingId === undefined) throw new AppError('REFERENCE_MISSING', `${H.building}“${r.buildingCode}”不存在`);
    const columns = {
      building_id: buildingId,
      unit_id: r.unit === null ? null : ensureUnit(db, buildingId, r.buildingCode, r.unit, now),
      room: r.room,
      use: r.use,
      party_center: r.partyCenter ? 1 : 0,
    };
    if (existingKey !== null) {
      updateRow(db, 'household', Number(existingKey), columns, now);
      return existingKey;
    }
    return String(insertRow(db, 'household', columns, now));
  },
};

export const rooms: RosterDef = {
  name: 'rooms',
  title: '房屋',
  label: '房屋',
  labelColumn: 'room',
  // A resident's place without a room (房号未登记) is not a room: it is listed with its resident.
  base: 'rooms h',
  rowId: 'h.id',
  keySql: 'CAST(h.id AS TEXT)',
  keyNeeds: [],
  joins: [
    { name: 'building', sql: 'JOIN building b ON b.id = h.building_id' },
    { name: 'unit', sql: 'LEFT JOIN unit u ON u.id = h.unit_id' },
    { name: 'grid', sql: 'JOIN grid g ON g.id = b.grid_id', needs: ['building'] },
  ],
  columns: [
    { id: 'buildingCode', header: H.building, type: 'code', sql: 'b.code', needs: ['building'], sort: ['b.code', 'h.unit_id', 'h.room'], editable: true, required: true, width: 200, hidden: true },
    derivedColumn('buildingName', '楼栋', 'text', 'b.name', { needs: ['building'], sort: ['b.name'], width: 160, pinned: true }),
    { id: 'unit', header: H.unit, type: 'text', sql: unitNumberSql('u'), needs: ['unit'], sort: ['u.name'], editable: true, width: 80, pinned: true },
    { id: 'room', header: H.room, type: 'text', sql: 'h.room', sort: ['h.room'], editable: true, required: true, width: 80, pinned: true },
    { id: 'use', header: H.use, type: 'enum', values: ROOM_USES, sql: 'h.use', editable: true, width: 100 },
    { id: 'partyCenter', header: H.partyCenter, type: 'boolean', values: YES_NO, sql: `CASE h.party_center WHEN 1 THEN '是' ELSE '否' END`, editable: true, width: 110 },
    derivedColumn('residentCount', '居住人数', 'integer', '(SELECT count(*) FROM resident r WHERE r.household_id = h.id)', { width: 100 }),
    derivedColumn(
      'residentNames',
      '居住人员',
      'text',
      `(SELECT group_concat(p.name || CASE WHEN EXISTS (SELECT 1 FROM party_member m WHERE m.person_id = p.id) THEN '（党员）' ELSE '' END, '、')
        FROM resident r JOIN person p ON p.id = r.person_id WHERE r.household_id = h.id)`,
      { width: 320, sort: false },
    ),
    derivedColumn('gridName', '所属网格', 'text', 'g.name', { needs: ['grid'], width: 170 }),
  ],
  defaultSort: [{ column: 'buildingCode', desc: false }],
  scope(scope, b) {
    if (scope.buildingCode) return { sql: `h.building_id = (SELECT id FROM building WHERE code = ${b.bind(scope.buildingCode)})`, needs: [] };
    return gridScope('b.grid_id', scope, b, ['building']);
  },
  search(text, b) {
    const s = b.bind(text);
    return {
      sql: `h.room = ${s} OR instr(b.name, ${s}) > 0 OR h.id IN (SELECT r.household_id FROM resident r JOIN person p ON p.id = r.person_id WHERE instr(p.name, ${s}) > 0)`,
      needs: ['building'],
    };
  },
  searchHint: '房号、楼栋名称或居住人姓名',
  editor: roomEditor,
  canAdd: true,
};
