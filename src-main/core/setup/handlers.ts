import type { SetupResult } from '../../dto/setup';
import type { CoreContext } from '../context';
import { createEmptyStreet, generateStreet } from '../demo/generate';
import { AppError } from '../errors';
import { streetCodeProblem } from '../geo/codes';
import { defineHandlers } from '../registry';
import { tableCounts } from '../storage/health';

const DEMO_SEED = 20261121;

function result(ctx: CoreContext): SetupResult {
  const db = ctx.db();
  const street = db.get<{ code: string; name: string }>('SELECT code, name FROM street WHERE id = 1');
  return { streetCode: street?.code ?? '', streetName: street?.name ?? '', counts: tableCounts(db) };
}

function announce(ctx: CoreContext): void {
  ctx.emit('data-changed', { entities: ['*'], seq: ctx.data.store().seq });
}

/** First run: the demo street, an empty street, or a backup brought back. */
export const setupHandlers = defineHandlers({
  'setup.createDemo': (_input, ctx) => {
    const taskId = `setup-${Date.now()}`;
    ctx.data.create((db) =>
      generateStreet(db, {
        size: 'demo',
        seed: DEMO_SEED,
        now: ctx.now(),
        onProgress: (done, total, label) => ctx.emit('progress', { taskId, label, done, total, finished: false }),
      }),
    );
    ctx.emit('progress', { taskId, label: '演示街道已生成', done: 1, total: 1, finished: true });
    announce(ctx);
    return result(ctx);
  },
  'setup.createEmpty': (input, ctx) => {
    const problem = streetCodeProblem(input.code);
    if (problem) throw new AppError('VALIDATION', problem, [{ field: 'code', reason: 'format', message: problem }]);
    ctx.data.create((db) => createEmptyStreet(db, input, ctx.now()));
    announce(ctx);
    return result(ctx);
  },
  'setup.restore': (input, ctx) => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw new AppError('VALIDATION', '备份文件为空。');
    ctx.data.restore(bytes);
    announce(ctx);
    return result(ctx);
  },
});
