import { defineHandlers } from '../registry';
import { listAudit } from './queries';

export const auditHandlers = defineHandlers({
  'audit.list': (input, ctx) => listAudit(ctx.db(), input),
});
