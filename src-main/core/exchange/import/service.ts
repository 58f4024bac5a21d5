import type { ImportApplied, ImportPreview } from '../../../dto/exchange';
import type { EntityName } from '../../../dto/records';
import type { CoreContext } from '../../context';
import type { ReadDb } from '../../db/sqlite';
import { AppError } from '../../errors';
import { texts } from '../texts';
import type { TaskHooks } from '../tasks';
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
export async function makePlan(ctx: CoreContext, sources: SourceFile[], hooks: TaskHooks = {}): Promise<ImportPlan> {
  const db = ctx.db();
  try {
    return await planImport(db, sources, {
      today: ctx.now().slice(0, 10),
      signal: hooks.signal,
      remembered: rememberedMapping(db),
      onProgress: (label, done, total) => hooks.onProgress?.(label, done, total, true),
    });
  } catch (error) {
    if (error instanceof ImportCancelled) throw new AppError('CONFLICT', texts.importCancelled);
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', texts.fileUnreadable(sources.map((s) => s.name).join('、'), error instanceof Error ? error.message : String(error)));
  }
}

export async function previewImport(ctx: CoreContext, sources: SourceFile[], hooks: TaskHooks = {}): Promise<ImportPreview> {
  const plan = await makePlan(ctx, sources, hooks);
  held.set(plan.id, { plan, sources, baseSeq: ctx.data.store().seq });
  while (held.size > KEEP_PLANS) held.delete(held.keys().next().value as string);
  const today = ctx.now().slice(0, 10);
  const files = plan.files.map((f) => reportOf(f, plan.stored, today));
  return { planId: plan.id, files, unrecognised: plan.unrecognised, totals: totalsOf(files) };
}

export async function applyHeldPlan(ctx: CoreContext, planId: string, hooks: TaskHooks = {}): Promise<ImportApplied> {
  const entry = held.get(planId);
  if (!entry) throw new AppError('NOT_FOUND', texts.planExpired);
  if (entry.plan.unrecognised.length > 0) throw new AppError('VALIDATION', texts.planHasUnrecognised);
  // Someone changed the data since the preview: the same files are checked again against it.
  const plan = entry.baseSeq === ctx.data.store().seq ? entry.plan : await makePlan(ctx, entry.sources, hooks);
  const applied = applyPlan(ctx, plan, hooks.onProgress);
  held.delete(planId);
  return applied;
}
