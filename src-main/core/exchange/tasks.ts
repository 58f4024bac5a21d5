import type { Progress } from '../../dto/events';
import type { CoreContext } from '../context';
import { AppError } from '../errors';

/**
 * Long exchange work (an import's dry run, an export, a package received, a sync round) runs
 * under a task id the UI chose, so a second call can cancel it. A cancel is refused while a write
 * runs: the write is one transaction and is never interrupted halfway. A sync round can be
 * cancelled again once a package's write is over.
 */
const running = new Map<string, { controller: AbortController; cancellable: boolean; last: Progress | null }>();

export const tasks = {
  start(taskId: string): AbortController {
    running.get(taskId)?.controller.abort();
    const controller = new AbortController();
    running.set(taskId, { controller, cancellable: true, last: null });
    return controller;
  },
  /** What the task reported last, and whether a cancel is accepted now. */
  report(progress: Progress): void {
    const task = running.get(progress.taskId);
    if (!task) return;
    task.last = progress;
    task.cancellable = progress.cancellable !== false;
  },
  /** The task's last report, for a window that opens while it runs; null when it is not running. */
  progress(taskId: string): Progress | null {
    return running.get(taskId)?.last ?? null;
  },
  finish(taskId: string): void {
    running.delete(taskId);
  },
  /** False when there is no such task running (already finished), or it is writing. */
  cancel(taskId: string): boolean {
    const task = running.get(taskId);
    if (!task?.cancellable) return false;
    task.controller.abort();
    running.delete(taskId);
    return true;
  },
};

/** Lets the worker answer other calls (a cancel among them) in the middle of long work. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What long work is handed: the cancel signal, and where to report how far it got. */
export interface TaskHooks {
  signal?: AbortSignal;
  /** `cancellable` false: the write has begun and will run to its end. */
  onProgress?: (label: string, done: number, total: number | null, cancellable: boolean, unit?: 'bytes') => void;
}

/**
 * Runs work as the task `taskId` (none: no progress, no cancel): progress events while it runs,
 * and a finished one at its end, however it ends, so the UI's bar never stays behind. The
 * finished event says `doneLabel`, or what stopped the work (a cancel, a refusal).
 */
export async function runTask<T>(ctx: CoreContext, taskId: string | undefined, doneLabel: string, work: (hooks: TaskHooks) => Promise<T>): Promise<T> {
  if (!taskId) return work({});
  const controller = tasks.start(taskId);
  let label = doneLabel;
  try {
    return await work({
      signal: controller.signal,
      onProgress: (label, done, total, cancellable, unit) => {
        const progress: Progress = { taskId, label, done, total, finished: false, cancellable, ...(unit ? { unit } : {}) };
        // While a cancel would not be honoured, it is not accepted either.
        tasks.report(progress);
        ctx.emit('progress', progress);
      },
    });
  } catch (error) {
    if (error instanceof AppError) label = error.message;
    throw error;
  } finally {
    tasks.finish(taskId);
    ctx.emit('progress', { taskId, label, done: 1, total: 1, finished: true });
  }
}
