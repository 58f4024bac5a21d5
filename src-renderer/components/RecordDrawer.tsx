import { useEffect, useState } from 'react';
import type { ApiError, ColumnInfo, RecordDetail, RosterName } from '../../src-main/contract';
import { api } from '../api/client';
import { useSchema } from './roster/useSchema';
import { ErrorBanner } from './Feedback';
import { useEscape } from './useEscape';
import { showToast } from './Toasts';
import { recordStep } from './undoStack';

interface RecordDrawerProps {
  roster: RosterName;
  /** null: an empty form for a new record. */
  recordKey: string | null;
  onClose: () => void;
  onOpen: (roster: RosterName, key: string) => void;
}

type Values = Record<string, string>;

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const when = (at: string): string => at.replace('T', ' ').slice(0, 16);

function Field({ column, value, problem, onChange }: { column: ColumnInfo; value: string; problem: string | undefined; onChange: (v: string) => void }) {
  const id = `field-${column.id}`;
  return (
    <div className={problem ? 'drawer-field invalid' : 'drawer-field'}>
      <label htmlFor={id}>
        {column.header}
        {column.required && column.editable ? ' *' : ''}
      </label>
      {!column.editable ? (
        <div className="drawer-value" id={id}>
          {(column.type === 'timestamp' ? when(value) : value) || '—'}
        </div>
      ) : column.values ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="" />
          {column.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
      {problem && <div className="field-error">{problem}</div>}
    </div>
  );
}

/**
 * A whole record in a drawer: every field (editable ones as a form), the person's roles across
 * the rosters (resident, party member, work-force posts, secretary of …) and the record's history
 * from the audit log. Saving is one write, one undo step.
 */
export function RecordDrawer({ roster, recordKey, onClose, onOpen }: RecordDrawerProps) {
  const { schema } = useSchema(roster);
  const [detail, setDetail] = useState<RecordDetail | null>(null);
  const [values, setValues] = useState<Values>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);

  // The parent keys the drawer by record, so state starts fresh for each; `reload` reads it again after a save.
  useEffect(() => {
    let active = true;
    if (recordKey === null) return;
    void api.call('roster.detail', { roster, key: recordKey }).then((r) => {
      if (!active) return;
      if (r.ok) {
        setDetail(r.value);
        setValues(Object.fromEntries(r.value.fields.map((f) => [f.column, text(f.value)])));
      } else setError(r.error);
    });
    return () => {
      active = false;
    };
  }, [roster, recordKey, reload]);

  useEscape(onClose);

  const columns = schema?.columns ?? [];
  const original = Object.fromEntries((detail?.fields ?? []).map((f) => [f.column, text(f.value)]));
  const changed = columns.filter((c) => c.editable && (values[c.id] ?? '') !== (original[c.id] ?? ''));
  const dirty = changed.length > 0;

  // Someone else's change (or an undo) shows here too, unless the form holds unsaved edits.
  useEffect(() => {
    if (recordKey === null || dirty) return;
    return api.on('data-changed', () => setReload((n) => n + 1));
  }, [recordKey, dirty]);

  const save = async (): Promise<void> => {
    const row = Object.fromEntries(changed.map((c) => [c.id, values[c.id] === '' ? null : (values[c.id] ?? null)]));
    setBusy(true);
    const result = await api.call('roster.edit', { roster, action: 'form', rows: [recordKey ? { key: recordKey, values: row } : { values: row }] });
    setBusy(false);
    if (!result.ok) {
      const byField = Object.fromEntries((result.error.problems ?? []).map((p) => [p.field, p.message]));
      setProblems(byField);
      // Problems of fields show under them; the banner is for the rest (a conflict, a lost connection).
      const shown = columns.some((c) => c.id in byField);
      setError(shown ? null : result.error);
      return;
    }
    setProblems({});
    setError(null);
    recordStep({ seq: result.value.seq, summary: result.value.summary });
    showToast('info', result.value.summary, result.value.notes.join('；') || undefined);
    const key = result.value.keys[0];
    if (key && key !== recordKey) onOpen(roster, key);
    else setReload((n) => n + 1);
  };

  const title = recordKey === null ? `新增${schema?.label ?? ''}` : (detail?.title ?? '');
  return (
    <aside className="drawer" role="dialog" aria-label={`${schema?.label ?? ''}详情`}>
      <div className="drawer-head">
        <h2>{title}</h2>
        <span className="drawer-sub">{schema?.label}</span>
        <button type="button" className="modal-close" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="drawer-body">
        <ErrorBanner error={error} />
        {detail && detail.roles.length > 0 && (
          <section className="drawer-section">
            <h3>身份与职务</h3>
            <ul className="roles">
              {detail.roles.map((r, i) => (
                <li key={`${r.kind}${i}`} className={`role role-${r.kind}`}>
                  <button type="button" className="link-button" onClick={() => onOpen(r.roster, r.key)}>
                    {r.title}
                  </button>
                  <span>{r.detail}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="drawer-section">
          <h3>信息</h3>
          <div className="drawer-form">
            {columns
              .filter((c) => recordKey !== null || c.editable)
              .map((c) => (
                <Field key={c.id} column={c} value={values[c.id] ?? ''} problem={problems[c.id]} onChange={(v) => setValues({ ...values, [c.id]: v })} />
              ))}
          </div>
        </section>
        {detail && (
          <section className="drawer-section">
            <h3>修改记录</h3>
            {detail.history.length === 0 && <div className="muted">暂无修改记录（生成或导入的原始数据）</div>}
            <ol className="history">
              {detail.history.map((h) => (
                <li key={h.seq}>
                  <div className="history-head">
                    <span>{when(h.at)}</span>
                    <span>{h.actor}</span>
                    <span>{h.action}</span>
                  </div>
                  {h.changes.map((c, i) => (
                    <div key={i} className="history-change">
                      {c.what}
                      {c.before || c.after ? `：${c.before} → ${c.after}` : ''}
                    </div>
                  ))}
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      <div className="drawer-foot">
        <span className="muted">{changed.length > 0 ? `已修改 ${changed.length} 项` : ''}</span>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          关闭
        </button>
        <button type="button" className="primary" disabled={busy || changed.length === 0} onClick={() => void save()}>
          保存
        </button>
      </div>
    </aside>
  );
}
