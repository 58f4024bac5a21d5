import type { EventRecord } from '../../dto/records';
import type { SqlDb } from '../db/sqlite';
import { findIdByCode, idByCode, insertRow, updateRow } from './lookup';
import type { Repository } from './repository';

/** A department named by an event file is registered the first time it appears. */
function departmentId(db: SqlDb, name: string, now: string): number {
  const found = db.value<number>('SELECT id FROM department WHERE name = ?', [name]);
  if (found !== undefined) return found;
  const next = (db.value<number>("SELECT max(CAST(substr(code, 2) AS INTEGER)) FROM department WHERE code GLOB 'D[0-9]*'") ?? 0) + 1;
  return insertRow(db, 'department', { code: `D${String(next).padStart(3, '0')}`, name }, now);
}

export const events: Repository<'event'> = {
  read(db, key) {
    const row = db.get<Omit<EventRecord, 'departments'> & { id: number }>(
      `SELECT e.id, e.code, e.source, e.whistle, e.category, e.title, e.description, e.address, g.code AS gridCode,
         e.reported_at AS reportedAt, e.status, e.due_at AS dueAt, e.closed_at AS closedAt, e.satisfaction
       FROM event e JOIN grid g ON g.id = e.grid_id WHERE e.code = ?`,
      [key],
    );
    if (!row) return null;
    const { id, ...rest } = row;
    const departments = db
      .all<{ name: string }>('SELECT d.name FROM event_department ed JOIN department d ON d.id = ed.department_id WHERE ed.event_id = ? ORDER BY ed.lead DESC, d.name', [id])
      .map((d) => d.name);
    return { ...rest, departments };
  },
  write(db, r, now, existingKey) {
    const columns = {
      code: r.code,
      source: r.source,
      whistle: r.whistle,
      category: r.category,
      title: r.title,
      description: r.description,
      address: r.address,
      grid_id: idByCode(db, 'grid', r.gridCode),
      reported_at: r.reportedAt,
      status: r.status,
      due_at: r.dueAt,
      closed_at: r.closedAt,
      satisfaction: r.satisfaction,
    };
    const existing = findIdByCode(db, 'event', existingKey ?? r.code);
    const eventId = existing === null ? insertRow(db, 'event', columns, now) : (updateRow(db, 'event', existing, columns, now), existing);
    const wanted = r.departments.map((name) => departmentId(db, name, now));
    const current = db.all<{ id: number }>('SELECT department_id AS id FROM event_department WHERE event_id = ?', [eventId]).map((d) => d.id);
    let changed = false;
    for (const id of current) if (!wanted.includes(id)) changed = db.run('DELETE FROM event_department WHERE event_id = ? AND department_id = ?', [eventId, id]) > 0 || changed;
    wanted.forEach((id, i) => {
      if (!current.includes(id)) changed = db.run('INSERT INTO event_department (event_id, department_id, lead) VALUES (?, ?, ?)', [eventId, id, i === 0 ? 1 : 0]) > 0 || changed;
    });
    // The first department named leads (承办 vs 协办); a reordered list moves the lead.
    if (wanted.length > 0) {
      changed = db.run('UPDATE event_department SET lead = (department_id = ?) WHERE event_id = ? AND lead <> (department_id = ?)', [wanted[0] ?? 0, eventId, wanted[0] ?? 0]) > 0 || changed;
    }
    // The record's time moves with its departments too (exchange packages carry it as updatedAt).
    if (changed && existing !== null) db.run('UPDATE event SET updated_at = ? WHERE id = ? AND updated_at <> ?', [now, eventId, now]);
  },
  remove: (db, key) => db.run('DELETE FROM event WHERE code = ?', [key]) > 0,
};
