import type { ImportApplied, ImportPreview } from '../../../dto/exchange';
import type { EntityName } from '../../../dto/records';
import type { CoreContext } from '../../context';
import type { ReadDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { texts } from '../texts';
import { tasks } from '../tasks';
import { applyPlan } from './apply';
import { ImportCancelled, planImport, reportOf, totalsOf, type ImportPlan, type SourceFile } from './plan';

/**
 * The import as the wizard runs it: preview (dry run) keeps the plan; apply writes it. Plans
 * live in memory for the session; a preview older than the data is planned again before apply.
 */
interface HeldPlan {
  plan: ImportPlan;
  sources: SourceFile[];
  baseSeq: number;
}

const held = new Map<string, HeldPlan>();
const KEEP_PLANS = 4;

export function rememberedMapping(db: ReadDb): (signature: string) => { entity: EntityName; columns: Record<string, string> } | null {
  return (signature) => {
    const row = db.get<{ entity: EntityName; columns: string }>('SELECT entity, columns FROM exchange_column_mapping WHERE signature = ?', [signature]);
    return row ? { entity: row.entity, columns: JSON.parse(row.columns) as Record<string, string> } : null;
  };
}

/** Reads and checks the files, reporting progress; a cancel request stops it and changes nothing. */
export async function makePlan(ctx: CoreContext, sources: SourceFile[], taskId?: string): Promise<ImportPlan> {
  const db = ctx.db();
  const task = taskId ? tasks.start(taskId) : null;
  try {
    return await planImport(db, sources, {
      today: ctx.now().slice(0, 10),
      signal: task?.signal,
      remembered: rememberedMapping(db),
      onProgress: (label, done, total) => {
        if (taskId) ctx.emit('progress', { taskId, label, done, total, finished: false });
      },
    });
  } catch (error) {
    if (error instanceof ImportCancelled) {
      if (taskId) ctx.emit('progress', { taskId, label: texts.importCancelled, done: 0, total: null, finished: true });
      throw new AppError('CONFLICT', texts.importCancelled);
    }
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', texts.fileUnreadable(sources.map((s) => s.name).join('、'), error instanceof Error ? error.message : String(error)));
  } finally {
    if (taskId) tasks.finish(taskId);
  }
}

export async function previewImport(ctx: CoreContext, sources: SourceFile[], taskId?: string): Promise<ImportPreview> {
  const plan = await makePlan(ctx, sources, taskId);
  held.set(plan.id, { plan, sources, baseSeq: ctx.data.store().seq });
  while (held.size > KEEP_PLANS) held.delete(held.keys().next().value as string);
  if (taskId) ctx.emit('progress', { taskId, label: texts.importDone, done: 1, total: 1, finished: true });
  const today = ctx.now().slice(0, 10);
  const files = plan.files.map((f) => reportOf(f, plan.stored, today));
  return { planId: plan.id, files, unrecognised: plan.unrecognised, totals: totalsOf(files) };
}

export async function applyHeldPlan(ctx: CoreContext, planId: string, taskId?: string): Promise<ImportApplied> {
  const entry = held.get(planId);
  if (!entry) throw new AppError('NOT_FOUND', texts.planExpired);
  if (entry.plan.unrecognised.length > 0) throw new AppError('VALIDATION', texts.planHasUnrecognised);
  // Someone changed the data since the preview: the same files are checked again against it.
  const plan = entry.baseSeq === ctx.data.store().seq ? entry.plan : await makePlan(ctx, entry.sources, taskId);
  const applied = applyPlan(ctx, plan, taskId);
  held.delete(planId);
  if (taskId) ctx.emit('progress', { taskId, label: texts.importDone, done: 1, total: 1, finished: true });
  return applied;
}
