import type { Progress } from '../../src-main/contract';

const MB = 1024 * 1024;

/** Both sides of a transfer in the unit of the larger: 「（300/800 KB）」「（1.2/12.0 MB）」. */
function bytesText(done: number, total: number | null): string {
  const inMb = (total ?? done) >= MB;
  const shown = (n: number): string => (inMb ? (n / MB).toFixed(1) : String(Math.ceil(n / 1024)));
  return `（${shown(done)}${total ? `/${shown(total)}` : ''} ${inMb ? 'MB' : 'KB'}）`;
}

/** 「（3/10）」, or for bytes how many have moved; a transfer of unknown size shows what has arrived. */
function countText(progress: Progress): string {
  if (progress.unit === 'bytes') return bytesText(progress.done, progress.total);
  return progress.total ? `（${progress.done}/${progress.total}）` : '';
}

export function ProgressBar({ progress }: { progress: Progress }) {
  const share = progress.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total ?? undefined} aria-valuenow={progress.done}>
      <div className="progress-label">
        {progress.label}
        {countText(progress)}
      </div>
      <div className="progress-track">
        <div className={share === null ? 'progress-fill indeterminate' : 'progress-fill'} style={share === null ? undefined : { width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
