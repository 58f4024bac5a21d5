import type { ApiError } from '../../src-main/contract';

export function ErrorBanner({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      {error.message}
    </div>
  );
}

export function StatCard({ label, value, unit, hint }: { label: string; value: number | undefined; unit?: string; hint?: string }) {
  return (
    <div className="stat-card">
      <div className="stat-label">{label}</div>
      <div className="stat-value">
        {value === undefined ? '—' : value.toLocaleString('zh-CN')}
        {unit && <span className="stat-unit">{unit}</span>}
      </div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
