import { useState } from 'react';
import type { ApiError, ConflictView } from '../../../src-main/contract';
import { api } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorBanner } from '../../components/Feedback';
import { formatValue } from './format';
import { newTaskId, TaskProgress } from './TaskProgress';
import { t } from './texts';

const c = t.conflicts;

function ConflictCard({ conflict, onError }: { conflict: ConflictView; onError: (e: ApiError) => void }) {
  const decide = async (choice: Record<string, 'local' | 'remote'>) => {
    const result = await api.call('exchange.decideConflict', { id: conflict.id, choice });
    if (!result.ok) onError(result.error);
  };
  return (
    <div className={`conflict-card ${conflict.decided ? 'decided' : ''}`} aria-label={`冲突：${conflict.template} ${conflict.label}`}>
      <div className="panel-head">
        <h3>
          {conflict.template} · {conflict.label} <span className="muted mono">{conflict.key}</span>
        </h3>
        <div className="button-row tight">
          <button type="button" onClick={() => void decide({ '*': 'local' })}>
            {conflict.deleted === 'remote' ? c.keepRecord : c.allLocal}
          </button>
          <button type="button" onClick={() => void decide({ '*': 'remote' })}>
            {conflict.deleted === 'remote' ? c.deleteRecord : c.allRemote}
          </button>
        </div>
      </div>
      {conflict.deleted === 'remote' && <div className="warn-line">{c.deleted}</div>}
      <table className="report-table conflict-table">
        <thead>
          <tr>
            <th>{c.field}</th>
            <th>{c.local}</th>
            <th>{c.remote}</th>
            <th>{c.keep}</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((f) => (
            <tr key={f.field}>
              <td>{f.header}</td>
              <td className={f.choice === 'local' ? 'chosen' : ''}>{formatValue(f.local)}</td>
              <td className={f.choice === 'remote' ? 'chosen' : ''}>{conflict.deleted === 'remote' ? '（删除）' : formatValue(f.remote)}</td>
              <td className="choice">
                <label>
                  <input type="radio" name={`c${conflict.id}-${f.field}`} checked={f.choice === 'local'} onChange={() => void decide({ [f.field]: 'local' })} />
                  本地
                </label>
                <label>
                  <input type="radio" name={`c${conflict.id}-${f.field}`} checked={f.choice === 'remote'} onChange={() => void decide({ [f.field]: 'remote' })} />
                  数据包
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConflictsPanel() {
  const conflicts = useCall('exchange.conflicts', {});
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const byPackage = new Map<string, ConflictView[]>();
  for (const x of conflicts.data ?? []) byPackage.set(x.packageId, [...(byPackage.get(x.packageId) ?? []), x]);

  // A large package is checked again and written whole: its bar shows how far that got.
  const [applying, setApplying] = useState<{ packageId: string; taskId: string } | null>(null);
  const apply = async (packageId: string) => {
    setError(null);
    setMessage(null);
    const taskId = newTaskId('apply-package');
    setApplying({ packageId, taskId });
    const result = await api.call('exchange.applyPending', { packageId, taskId });
    setApplying(null);
    if (result.ok) setMessage(result.value.message);
    else setError(result.error);
  };

  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t.tabs.conflicts}</h2>
        <span className="muted">{c.lead}</span>
      </div>
      <ErrorBanner error={error ?? conflicts.error} />
      {message && <div className="ok-banner">{message}</div>}
      {byPackage.size === 0 && <p className="muted">{c.none}</p>}
      {[...byPackage].map(([packageId, list]) => {
        const open = list.filter((x) => !x.decided).length;
        return (
          <div key={packageId} className="conflict-package">
            <div className="panel-head">
              <h3>{list[0]?.packageLabel ?? c.packageOf(packageId)}</h3>
              <div className="button-row tight">
                {open > 0 && <span className="muted">{c.undecided(open)}</span>}
                <button type="button" className="primary" disabled={open > 0 || applying !== null} onClick={() => void apply(packageId)}>
                  {c.applyPackage}
                </button>
              </div>
            </div>
            {applying?.packageId === packageId && <TaskProgress taskId={applying.taskId} label={c.applying} writeNote={t.export.noCancelWhileWriting} />}
            {list.map((x) => (
              <ConflictCard key={x.id} conflict={x} onError={setError} />
            ))}
          </div>
        );
      })}
    </div>
  );
}
