import type { Progress } from '../../src-main/contract';

export function ProgressBar({ progress }: { progress: Progress }) {
  const share = progress.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total ?? undefined} aria-valuenow={progress.done}>
      <div className="progress-label">
        {progress.label}
        {progress.total ? `（${progress.done}/${progress.total}）` : ''}
      </div>
      <div className="progress-track">
        <div className={share === null ? 'progress-fill indeterminate' : 'progress-fill'} style={share === null ? undefined : { width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
