import type { BoardFigures } from '../../dto/boards';
import { defineHandlers } from '../registry';
import { boardFigures } from './boards';
import { dashboardSummary } from './queries';

/**
 * Every screen asks for the boards when data changes and on its timer: the figures are computed
 * once per change and shared. They are kept at most this long without a change, for the figures
 * that move with the clock alone (overdue events, the day's trend, this month's 转正).
 */
export const BOARDS_MAX_AGE_MS = 30_000;

interface Computed {
  seq: number;
  at: number;
  figures: BoardFigures;
}

/** Per open store: a restored or new database is another store, and starts afresh. */
const computed = new WeakMap<object, Computed>();

export const dashboardHandlers = defineHandlers({
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.db()),
  'dashboard.boards': (_input, ctx) => {
    const store = ctx.data.store();
    const now = ctx.now();
    const at = Date.parse(now);
    const last = computed.get(store);
    if (last && last.seq === store.seq && at - last.at >= 0 && at - last.at < BOARDS_MAX_AGE_MS) return last.figures;
    const figures = boardFigures(ctx.db(), { now, today: now.slice(0, 10) });
    computed.set(store, { seq: store.seq, at, figures });
    return figures;
  },
});
