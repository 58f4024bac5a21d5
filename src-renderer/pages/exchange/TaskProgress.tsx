import { useEffect, useState } from 'react';
import type { Progress } from '../../../src-main/contract';
import { api } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { t } from './texts';

// Progress events reach every open window: a task id names this page's work among theirs.
const pageId = Math.random().toString(36).slice(2, 10);
let taskCount = 0;

export const newTaskId = (kind: string): string => `${kind}-${pageId}-${++taskCount}`;

/**
 * A long exchange call's bar: how far the core got, 取消 while it can still stop, and once the
 * write has begun (which runs to its end) the reason there is no 取消. A task already running
 * when the bar appears (a background sync, another window's) is asked where it is, since its
 * next event may be long in coming.
 */
export function TaskProgress({ taskId, label, writeNote }: { taskId: string; label: string; writeNote?: string }) {
  const [latest, setLatest] = useState<Progress | null>(null);
  useEffect(() => {
    let gone = false;
    let heard = false;
    const off = api.on('progress', (p) => {
      if (p.taskId !== taskId) return;
      heard = true;
      setLatest(p);
    });
    void api.call('exchange.taskProgress', { taskId }).then((answer) => {
      // An event heard meanwhile is newer than this answer.
      if (!gone && !heard && answer.ok) setLatest(answer.value);
    });
    return () => {
      gone = true;
      off();
    };
  }, [taskId]);
  const mine = latest && !latest.finished && latest.taskId === taskId ? latest : null;
  return (
    <div className="task-progress">
      <ProgressBar progress={mine ?? { taskId, label, done: 0, total: null, finished: false }} />
      {mine?.cancellable === true && (
        <button type="button" onClick={() => void api.call('exchange.cancel', { taskId })}>
          {t.cancel}
        </button>
      )}
      {writeNote && mine?.cancellable === false && <span className="muted write-note">{writeNote}</span>}
    </div>
  );
}
