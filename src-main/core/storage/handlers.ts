import { AppError } from '../errors';
import { defineHandlers } from '../registry';

export const storageHandlers = defineHandlers({
  'storage.info': (_input, ctx) => {
    ctx.data.store();
    const info = ctx.data.info();
    if (!info) throw new AppError('NO_DATABASE', '尚未建立街道数据库。');
    return info;
  },
  'storage.snapshot': (_input, ctx) => {
    ctx.data.store().snapshot();
    return ctx.data.store().info();
  },
  'storage.backup': (_input, ctx) => {
    const code = ctx.db().value<string>('SELECT code FROM street WHERE id = 1') ?? 'street';
    return ctx.data.backup(code);
  },
  'storage.enableEncryption': (input, ctx) => {
    ctx.data.enableEncryption(input.passphrase);
    return ctx.data.store().info();
  },
});
