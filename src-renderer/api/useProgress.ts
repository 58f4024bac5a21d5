import { useEffect, useState } from 'react';
import type { Progress } from '../../src-main/contract';
import { api } from './client';

/**
 * The latest progress the backend reported (a long setup, an import), or null when idle. With a
 * task id, that task's only: two tasks running at once (an import here, a background sync) would
 * otherwise take the bar from each other at every event.
 */
export function useProgress(taskId?: string): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      api.on('progress', (p) => {
        if (taskId === undefined || p.taskId === taskId) setProgress(p.finished ? null : p);
      }),
    [taskId],
  );
  // Kept from the task shown before: not this one's.
  return taskId === undefined || progress?.taskId === taskId ? progress : null;
}
