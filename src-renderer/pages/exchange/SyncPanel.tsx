import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError, Settings, SyncStatus } from '../../../src-main/contract';
import { api } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorBanner } from '../../components/Feedback';
import { formatTime } from './format';
import { newTaskId, TaskProgress } from './TaskProgress';
import { t } from './texts';

const s = t.sync;
type Schedule = Settings['exchange']['schedule'];

function CityForm({ status, every, onSaved, onError }: { status: SyncStatus; every: number; onSaved: (m: string) => void; onError: (e: ApiError) => void }) {
  const [url, setUrl] = useState(status.cityUrl ?? '');
  const [token, setToken] = useState('');
  const [minutes, setMinutes] = useState(every);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const configured = await api.call('sync.configure', { cityUrl: url.trim() === '' ? null : url.trim(), ...(token.trim() ? { token: token.trim() } : {}) });
    if (!configured.ok) return onError(configured.error);
    const settings = await api.call('settings.update', { exchange: { syncEveryMinutes: minutes } });
    if (!settings.ok) return onError(settings.error);
    setToken('');
    onSaved(s.saved);
  };
  return (
    <form className="form-grid" onSubmit={(e) => void save(e)}>
      <label className="span-2">
        {s.url}
        <input type="text" value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        {s.token}
        <input type="password" value={token} placeholder={status.tokenSet ? s.tokenSet : s.tokenUnset} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      </label>
      <label>
        {s.every}
        <input type="number" min={0} max={1440} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
      </label>
      <div className="button-row span-2">
        <button type="submit" className="primary">
          {s.save}
        </button>
      </div>
    </form>
  );
}

function ScheduleForm({ schedule, onSaved, onError }: { schedule: Schedule; onSaved: (m: string) => void; onError: (e: ApiError) => void }) {
  const [draft, setDraft] = useState<Schedule>(schedule);
  const set = (patch: Partial<Schedule>): void => setDraft({ ...draft, ...patch });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.call('settings.update', { exchange: { schedule: { ...draft, folder: draft.folder?.trim() ? draft.folder.trim() : null } } });
    if (result.ok) onSaved(s.saved);
    else onError(result.error);
  };
  return (
    <form className="form-grid" onSubmit={(e) => void save(e)}>
      <label>
        {s.mode}
        <select value={draft.mode} onChange={(e) => set({ mode: e.target.value as Schedule['mode'] })}>
          {Object.entries(s.modes).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {draft.mode === 'hours' ? (
        <label>
          {s.everyHours}
          <input type="number" min={1} max={168} value={draft.everyHours} onChange={(e) => set({ everyHours: Number(e.target.value) })} />
        </label>
      ) : (
        <TimeOfDay label={s.dailyAt} value={draft.dailyAt} onChange={(dailyAt) => set({ dailyAt })} disabled={draft.mode === 'off'} />
      )}
      <label className="span-2">
        {s.folder}
        <input type="text" value={draft.folder ?? ''} placeholder={t.export.folderPlaceholder} onChange={(e) => set({ folder: e.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.incremental} onChange={(e) => set({ incremental: e.target.checked })} />
        {s.incremental}
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.outbox} onChange={(e) => set({ outbox: e.target.checked })} />
        {s.toOutbox}
      </label>
      <div className="button-row span-2">
        <button type="submit" className="primary">
          {s.save}
        </button>
      </div>
    </form>
  );
}

export function SyncPanel() {
  const status = useCall('sync.status', {});
  const settings = useCall('settings.get', {});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const st = status.data;
  // A round this page did not start (the background's, another window's) is shown too, with 取消.
  const shownTask = taskId ?? st?.runningTaskId ?? null;
  const running = taskId !== null || st?.running === true;
  const { reload } = status;
  useEffect(
    () =>
      api.on('progress', (p) => {
        if (p.taskId === taskId || !p.taskId.startsWith('sync-')) return;
        // Another's round began (the status does not know its task yet) or ended.
        if (p.finished || p.taskId !== st?.runningTaskId) reload();
      }),
    [taskId, st?.runningTaskId, reload],
  );
  const done = (m: string): void => {
    setError(null);
    setMessage(m);
    status.reload();
    settings.reload();
  };

  const syncNow = async () => {
    setError(null);
    setMessage(null);
    const id = newTaskId('sync');
    setTaskId(id);
    const result = await api.call('sync.run', { taskId: id });
    setTaskId(null);
    status.reload();
    if (result.ok) {
      if (result.value.cancelled) setMessage(result.value.lastError);
      else if (result.value.lastError) setError({ code: 'UNAVAILABLE', message: result.value.lastError });
      else setMessage(s.ran(result.value.uploaded.length, result.value.pulled.length, result.value.pending));
    } else setError(result.error);
  };
  const exportNow = async () => {
    const result = await api.call('exchange.runSchedule', {});
    status.reload();
    if (!result.ok) setError(result.error);
    else if (result.value.lastError) setError({ code: 'WRITE_FAILED', message: result.value.lastError });
    else setMessage(result.value.lastResult);
  };

  const report = st?.lastReport;
  return (
    <>
      <ErrorBanner error={error ?? status.error} />
      {message && <div className="ok-banner">{message}</div>}
      <div className="two-columns">
        <div className="panel">
          <div className="panel-head">
            <h2>{s.status}</h2>
            <button type="button" className="primary" onClick={() => void syncNow()} disabled={running || !st?.cityUrl || !st.tokenSet}>
              {running ? s.running : s.runNow}
            </button>
          </div>
          {shownTask && <TaskProgress taskId={shownTask} label={taskId ? s.running : s.background} writeNote={s.writeNote} />}
          {st && (
            <table className="info-table" aria-label={s.status}>
              <tbody>
                <tr>
                  <th>{s.lastSuccess}</th>
                  <td>{st.lastSuccessAt ? formatTime(st.lastSuccessAt) : s.never}</td>
                </tr>
                <tr>
                  <th>{s.lastRun}</th>
                  <td>{st.lastRunAt ? formatTime(st.lastRunAt) : s.never}</td>
                </tr>
                <tr>
                  <th>{s.pending}</th>
                  <td>{st.pending} 个</td>
                </tr>
                <tr>
                  <th>{s.refused}</th>
                  <td>{st.refused} 个</td>
                </tr>
                <tr>
                  <th>{s.lastReport}</th>
                  <td>{report ? s.report(report.uploaded.length, report.pulled.length, report.applied.length) : s.none}</td>
                </tr>
                <tr>
                  <th>{s.lastError}</th>
                  {/* A round a person cancelled is no fault: said plainly, not in red. */}
                  <td className={st.lastError && !report?.cancelled ? 'error-text' : ''}>{st.lastError ?? s.none}</td>
                </tr>
              </tbody>
            </table>
          )}
          <div className="divider" />
          <h3 className="sub-head">{s.settings}</h3>
          {st && settings.data && <CityForm key={`${st.cityUrl ?? ''}-${settings.data.exchange.syncEveryMinutes}`} status={st} every={settings.data.exchange.syncEveryMinutes} onSaved={done} onError={setError} />}
        </div>
        <div className="panel">
          <div className="panel-head">
            <h2>{s.schedule}</h2>
            <button type="button" onClick={() => void exportNow()}>
              {s.exportNow}
            </button>
          </div>
          {st && (
            <table className="info-table" aria-label={s.schedule}>
              <tbody>
                <tr>
                  <th>{s.mode}</th>
                  <td>{st.schedule.describe}</td>
                </tr>
                <tr>
                  <th>{s.nextRun}</th>
                  <td>{st.schedule.nextRunAt ? formatTime(st.schedule.nextRunAt) : '—'}</td>
                </tr>
                <tr>
                  <th>{s.lastExport}</th>
                  <td>{st.schedule.lastRunAt ? formatTime(st.schedule.lastRunAt) : s.neverExported}</td>
                </tr>
                <tr>
                  <th>{s.lastResult}</th>
                  <td className={st.schedule.lastError ? 'error-text' : ''}>{st.schedule.lastError ?? st.schedule.lastResult ?? s.none}</td>
                </tr>
              </tbody>
            </table>
          )}
          <div className="divider" />
          {settings.data && <ScheduleForm key={JSON.stringify(settings.data.exchange.schedule)} schedule={settings.data.exchange.schedule} onSaved={done} onError={setError} />}
        </div>
      </div>
    </>
  );
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');
const HOURS = Array.from({ length: 24 }, (_, h) => twoDigits(h));
const MINUTES = Array.from({ length: 60 }, (_, m) => twoDigits(m));

/**
 * "HH:MM" as two lists, not `<input type="time">`: that one follows the browser's locale and shows
 * "06:00 PM" in an English-locale browser, in an otherwise Chinese page.
 */
function TimeOfDay({ label, value, onChange, disabled }: { label: string; value: string; onChange: (value: string) => void; disabled: boolean }) {
  const [hour = '00', minute = '00'] = value.split(':');
  return (
    <fieldset className="time-of-day" disabled={disabled}>
      <legend>{label}</legend>
      <select aria-label={s.hour} value={hour} onChange={(e) => onChange(`${e.target.value}:${minute}`)}>
        {HOURS.map((h) => (
          <option key={h} value={h}>
            {h} {s.hour}
          </option>
        ))}
      </select>
      <select aria-label={s.minute} value={minute} onChange={(e) => onChange(`${hour}:${e.target.value}`)}>
        {MINUTES.map((m) => (
          <option key={m} value={m}>
            {m} {s.minute}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
