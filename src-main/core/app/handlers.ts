import type { AppStatus } from '../../dto/app';
import type { CoreContext } from '../context';
import { defineHandlers } from '../registry';

function status(ctx: CoreContext): AppStatus {
  const data = ctx.data;
  const street = data.hasStore() ? (data.store().db.get<{ code: string; name: string }>('SELECT code, name FROM street WHERE id = 1') ?? null) : null;
  return {
    appName: ctx.appName,
    version: ctx.version,
    database: data.state,
    damage: data.damageMessage,
    street,
    dataDir: data.dataDir ?? '(内存数据库)',
    encrypted: data.encrypted,
    notes: data.notes,
  };
}

export const appHandlers = defineHandlers({
  'app.status': (_input, ctx) => status(ctx),
  'app.unlock': (input, ctx) => {
    ctx.data.unlock(input.passphrase);
    if (ctx.data.hasStore()) ctx.emit('data-changed', { entities: ['*'], seq: ctx.data.store().seq });
    return status(ctx);
  },
});
