/**
 * Long exchange work (an import's dry run, an export) runs under a task id the UI chose, so a
 * second call can cancel it. Cancelling is only possible before anything is written: the write
 * itself is one transaction and is never interrupted halfway.
 */
const running = new Map<string, AbortController>();

export const tasks = {
  start(taskId: string): AbortController {
    running.get(taskId)?.abort();
    const controller = new AbortController();
    running.set(taskId, controller);
    return controller;
  },
  finish(taskId: string): void {
    running.delete(taskId);
  },
  /** False when there was no such task running (already finished). */
  cancel(taskId: string): boolean {
    const controller = running.get(taskId);
    if (!controller) return false;
    controller.abort();
    running.delete(taskId);
    return true;
  },
};
