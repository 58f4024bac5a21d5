import type { BoardFigures } from '../../dto/boards';
import type { ReadDb } from '../db/sqlite';
import { defineHandlers } from '../registry';
import { composeFigures, partNames, partSources, readParts, type BoardParts, type Clock, type PartName } from './boards';
import { dashboardSummary } from './queries';

/**
 * Every screen asks for the boards when data changes and on its timer. The figures are shared:
 * after a write only the parts that read a changed table are read again, and the parts that
 * also move with the clock (overdue events, this month's 转正, the last 30 days) are read again
 * once they are this old.
 */
export const BOARDS_MAX_AGE_MS = 30_000;

interface Computed {
  seq: number;
  parts: BoardParts;
  /** When each part was read (ms), for the parts that move with the clock. */
  readAt: Map<PartName, number>;
  figures: BoardFigures;
}

/** Per open store: a restored or new database is another store, and starts afresh. */
const computed = new WeakMap<object, Computed>();

/** Tables written since `seq`, from the audit rows every write leaves (indexed by seq). */
const tablesChangedSince = (db: ReadDb, seq: number): Set<string> =>
  new Set(db.all<{ entity: string }>('SELECT DISTINCT entity FROM audit_log WHERE seq > ?', [seq]).map((r) => r.entity));

function staleParts(db: ReadDb, last: Computed, seq: number, at: number): Set<PartName> {
  const changed = seq === last.seq ? new Set<string>() : tablesChangedSince(db, last.seq);
  const old = (name: PartName): boolean => {
    const readAt = last.readAt.get(name) ?? -Infinity;
    return partSources[name].clock && (at - readAt >= BOARDS_MAX_AGE_MS || at < readAt);
  };
  return new Set(partNames.filter((name) => old(name) || partSources[name].tables.some((t) => changed.has(t))));
}

export const dashboardHandlers = defineHandlers({
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.db()),
  'dashboard.boards': (_input, ctx) => {
    const db = ctx.db();
    const store = ctx.data.store();
    const now = ctx.now();
    const clock: Clock = { now, today: now.slice(0, 10) };
    const at = Date.parse(now);
    const last = computed.get(store);
    const stale = last ? staleParts(db, last, store.seq, at) : new Set(partNames);
    if (last && stale.size === 0) {
      if (last.seq !== store.seq) computed.set(store, { ...last, seq: store.seq });
      return last.figures;
    }
    const parts = last ? readParts(db, clock, { parts: last.parts, stale }) : readParts(db, clock);
    const readAt = new Map(last?.readAt);
    for (const name of stale) readAt.set(name, at);
    const figures = composeFigures(parts, clock);
    computed.set(store, { seq: store.seq, parts, readAt, figures });
    return figures;
  },
});
