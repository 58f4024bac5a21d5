import { api } from '../../api/client';
import { useProgress } from '../../api/useProgress';
import { ProgressBar } from '../../components/ProgressBar';
import { t } from './texts';

// Progress events reach every open window: a task id names this page's work among theirs.
const pageId = Math.random().toString(36).slice(2, 10);
let taskCount = 0;

export const newTaskId = (kind: string): string => `${kind}-${pageId}-${++taskCount}`;

/**
 * A long exchange call's bar: how far the core got, 取消 while it can still stop, and once the
 * write has begun (which runs to its end) the reason there is no 取消.
 */
export function TaskProgress({ taskId, label, writeNote }: { taskId: string; label: string; writeNote?: string }) {
  const mine = useProgress(taskId);
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
