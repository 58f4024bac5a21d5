import { defineHandlers } from '../registry';
import type { StreetSummary } from '../../dto/app';

export const appHandlers = defineHandlers({
  'app.status': (_input, ctx) => {
    const street = ctx.hasDatabase()
      ? (ctx.db().get<{ code: string; name: string }>('SELECT code, name FROM street WHERE id = 1') ?? null)
      : null;
    return {
      appName: ctx.appName,
      version: ctx.version,
      database: street ? ('ready' as const) : ('empty' as const),
      street: street as StreetSummary | null,
      dataDir: ctx.dataDir ?? '(内存数据库)',
    };
  },
});
