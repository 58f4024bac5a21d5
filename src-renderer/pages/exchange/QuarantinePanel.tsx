import { useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApiError, EntityName, QuarantineRow, TemplateInfo } from '../../../src-main/contract';
import { api } from '../../api/client';
import { downloadBase64 } from '../../api/files';
import { useCall } from '../../api/useCall';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/Feedback';
import { XLSX } from './format';
import { t } from './texts';

const columns: ColDef<QuarantineRow>[] = [
  { field: 'template', headerName: t.quarantine.columns.template, width: 130 },
  { field: 'file', headerName: t.quarantine.columns.file, width: 200, tooltipField: 'file' },
  { field: 'row', headerName: t.quarantine.columns.row, width: 80, type: 'rightAligned' },
  {
    colId: 'reason',
    headerName: t.quarantine.columns.reason,
    flex: 1,
    minWidth: 260,
    valueGetter: (p) => p.data?.problems.map((x) => x.message).join('；'),
    tooltipValueGetter: (p) => p.data?.problems.map((x) => x.message).join('\n') ?? null,
  },
];

function EditForm({ row, template, onDone }: { row: QuarantineRow; template: TemplateInfo | undefined; onDone: (message: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>(row.values);
  const [problems, setProblems] = useState(row.problems);
  const [error, setError] = useState<ApiError | null>(null);
  const byField = new Map(problems.map((p) => [p.field, p.message]));

  const resubmit = async () => {
    setError(null);
    const result = await api.call('exchange.quarantineResubmit', { id: row.id, values });
    if (!result.ok) return setError(result.error);
    if (result.value.saved) onDone(t.quarantine.saved);
    else {
      setProblems(result.value.problems);
      setError({ code: 'VALIDATION', message: t.quarantine.still });
    }
  };
  const discard = async () => {
    const result = await api.call('exchange.quarantineDiscard', { ids: [row.id] });
    if (result.ok) onDone(t.quarantine.discarded);
    else setError(result.error);
  };

  return (
    <div className="quarantine-form" aria-label={t.quarantine.edit}>
      <h3>
        {row.template} · {row.file} 第 {row.row} 行
      </h3>
      <ErrorBanner error={error} />
      <div className="form-grid">
        {template?.fields
          .filter((f) => !f.derived)
          .map((f) => (
            <label key={f.key} className={byField.has(f.key) ? 'has-problem' : ''}>
              {f.header}
              {f.required ? ' *' : ''}
              <input type="text" value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
              {byField.has(f.key) && <span className="field-error">{byField.get(f.key)}</span>}
            </label>
          ))}
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void resubmit()}>
          {t.quarantine.resubmit}
        </button>
        <button type="button" onClick={() => void discard()}>
          {t.quarantine.discard}
        </button>
      </div>
    </div>
  );
}

export function QuarantinePanel() {
  const templates = useCall('exchange.templates', {});
  const summary = useCall('exchange.quarantineSummary', {});
  const [entity, setEntity] = useState<EntityName | undefined>(undefined);
  const rows = useCall('exchange.quarantine', entity ? { status: 'open', entity } : { status: 'open' });
  const [selected, setSelected] = useState<QuarantineRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const download = async (e: EntityName) => {
    const result = await api.call('exchange.quarantineDownload', { entity: e });
    if (result.ok) downloadBase64(result.value.fileName, XLSX, result.value.contentBase64);
    else setError(result.error);
  };

  return (
    <div className="panel quarantine-panel">
      <div className="panel-head">
        <h2>{t.tabs.quarantine}</h2>
        <span className="muted">{t.quarantine.lead}</span>
      </div>
      <ErrorBanner error={error ?? rows.error} />
      {message && <div className="ok-banner">{message}</div>}
      <div className="chip-row">
        <button type="button" className={entity === undefined ? 'chip-button active' : 'chip-button'} onClick={() => setEntity(undefined)}>
          全部（{(summary.data ?? []).reduce((n, s) => n + s.open, 0)}）
        </button>
        {(summary.data ?? []).map((s) => (
          <span key={s.entity} className="chip-pair">
            <button type="button" className={entity === s.entity ? 'chip-button active' : 'chip-button'} onClick={() => setEntity(s.entity)}>
              {s.template}（{s.open}）
            </button>
            <button type="button" className="link-button" onClick={() => void download(s.entity)}>
              {t.quarantine.download(s.template, s.open)}
            </button>
          </span>
        ))}
      </div>
      <div className="quarantine-body">
        <DataGrid<QuarantineRow>
          ariaLabel="待处理的行"
          rows={rows.data}
          columns={columns}
          rowId={(r) => String(r.id)}
          selectedId={selected ? String(selected.id) : null}
          onRowClicked={(r) => {
            setSelected(r);
            setMessage(null);
          }}
          emptyText={t.quarantine.empty}
        />
        {selected ? (
          <EditForm
            key={selected.id}
            row={selected}
            template={templates.data?.find((x) => x.entity === selected.entity)}
            onDone={(m) => {
              setMessage(m);
              setSelected(null);
            }}
          />
        ) : (
          <div className="quarantine-form muted">{t.quarantine.pick}</div>
        )}
      </div>
    </div>
  );
}
