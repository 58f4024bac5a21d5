import { defineHandlers } from '../registry';
import { dashboardSummary } from './queries';

export const dashboardHandlers = defineHandlers({
  'dashboard.summary': (_input, ctx) => dashboardSummary(ctx.db()),
});
