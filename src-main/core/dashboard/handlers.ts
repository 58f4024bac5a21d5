import { defineHandlers } from '../registry';
import { boardFigures } from './boards';
import { dashboardSummary } from './queries';

export const dashboardHandlers = defineHandlers({
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.db()),
  'dashboard.boards': (_input, ctx) => {
    const now = ctx.now();
    return boardFigures(ctx.db(), { now, today: now.slice(0, 10) });
  },
});
