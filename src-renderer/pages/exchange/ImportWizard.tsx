import { useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApiError, ColumnMappingInput, ImportApplied, ImportBatchRow, ImportFileReport, ImportPreview, TemplateInfo, UnrecognisedFile } from '../../../src-main/contract';
import { api } from '../../api/client';
import { readAsBase64 } from '../../api/files';
import { useCall } from '../../api/useCall';
import { useProgress } from '../../api/useProgress';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner, StatCard } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';
import { formatTime, formatValue } from './format';
import { t } from './texts';
import { newTaskId } from './TaskProgress';

const SHOWN = 500;

type View = 'rejected' | 'changed' | 'inserted' | 'upgraded';

function FileReport({ report, open: initiallyOpen }: { report: ImportFileReport; open: boolean }) {
  const [view, setView] = useState<View>(report.rejected > 0 ? 'rejected' : report.updated > 0 ? 'changed' : 'inserted');
  const [open, setOpen] = useState(initiallyOpen);
  const counts: Record<View, number> = { rejected: report.rejected, changed: report.updated, inserted: report.inserted, upgraded: report.upgraded.length };
  const source = report.kind === 'csv' ? `CSV · ${report.encoding ?? ''}` : 'xlsx';
  return (
    <div className="panel import-file" aria-label={`${report.file} 的预览`}>
      <div className="panel-head">
        <h2>
          {report.file} <span className="muted">→ {report.template}</span>
        </h2>
        <span className="muted">
          {source} · {t.headerRow(report.headerRow)} · 共 {report.rows} 行
        </span>
      </div>
      <div className="chip-row">
        <span className="chip chip-new">新增 {report.inserted}</span>
        <span className="chip chip-changed">修改 {report.updated}</span>
        <span className="chip">未变 {report.unchanged}</span>
        <span className={report.rejected > 0 ? 'chip chip-bad' : 'chip'}>拒绝 {report.rejected}</span>
        <button type="button" className="link-button" onClick={() => setOpen(!open)}>
          {open ? t.hideDetails : t.showDetails}
        </button>
      </div>
      {report.notes.length > 0 && (
        <ul className="notes warn-notes">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {open && (
        <>
          <div className="segmented" role="tablist">
            {(Object.keys(t.views) as View[]).map((v) => (
              <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'active' : ''} onClick={() => setView(v)}>
                {t.views[v]}（{counts[v]}）
              </button>
            ))}
          </div>
          <div className="table-scroll">
            {view === 'rejected' && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{t.columns.row}</th>
                    <th>{t.columns.column}</th>
                    <th>{t.columns.reason}</th>
                    <th>{t.columns.message}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejections.slice(0, SHOWN).map((r, i) => (
                    <tr key={`${r.row}-${i}`}>
                      <td className="num">{r.row}</td>
                      <td>{r.column}</td>
                      <td>
                        <span className={`reason reason-${r.reason}`}>{t.reasons[r.reason]}</span>
                      </td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {view === 'changed' && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{t.columns.row}</th>
                    <th>{t.columns.label}</th>
                    <th>{t.columns.field}</th>
                    <th>{t.columns.before}</th>
                    <th>{t.columns.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.samples.changed.flatMap((r) =>
                    (r.changes ?? []).map((c, i) => (
                      <tr key={`${r.row}-${c.field}`}>
                        <td className="num">{i === 0 ? r.row : ''}</td>
                        <td>{i === 0 ? r.label : ''}</td>
                        <td>{c.header}</td>
                        <td className="before">{formatValue(c.before)}</td>
                        <td className="after">{formatValue(c.after)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            )}
            {view === 'inserted' && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{t.columns.row}</th>
                    <th>{t.columns.key}</th>
                    <th>{t.columns.label}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.samples.inserted.map((r) => (
                    <tr key={r.row}>
                      <td className="num">{r.row}</td>
                      <td className="mono">{r.key}</td>
                      <td>{r.label}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {view === 'upgraded' && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{t.columns.row}</th>
                    <th>{t.columns.from}</th>
                    <th>{t.columns.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.upgraded.map((u) => (
                    <tr key={u.row}>
                      <td className="num">{u.row}</td>
                      <td className="mono">{u.from}</td>
                      <td className="mono">{u.to}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          {view === 'rejected' && report.rejections.length > SHOWN && <p className="muted">{t.firstOnly(SHOWN, report.rejections.length)}</p>}
        </>
      )}
    </div>
  );
}

/** The files of a preview, those needing attention first (refused rows, then changes). */
const attentionFirst = (files: ImportFileReport[]): ImportFileReport[] => [...files].sort((a, b) => b.rejected - a.rejected || b.updated - a.updated);

function MappingForm({ file, templates, onMap }: { file: UnrecognisedFile; templates: TemplateInfo[]; onMap: (m: ColumnMappingInput) => void }) {
  const [entity, setEntity] = useState(file.closest?.entity ?? templates[0]?.entity ?? 'resident');
  const [headerRow, setHeaderRow] = useState(file.closest?.headerRow ?? file.candidates[0]?.row ?? 1);
  const headers = file.candidates.find((c) => c.row === headerRow)?.headers.filter((h) => h !== '') ?? [];
  const template = templates.find((x) => x.entity === entity);
  const [columns, setColumns] = useState<Record<string, string>>({});
  const pick = (header: string): string => columns[header] ?? template?.fields.find((f) => f.header === header)?.key ?? '';
  const mapping = (): ColumnMappingInput => ({ entity, headerRow, columns: Object.fromEntries(headers.map((h) => [h, pick(h)]).filter(([, k]) => k !== '')) });
  return (
    <div className="panel mapping" aria-label={t.mapTitle(file.file)}>
      <div className="panel-head">
        <h2>{t.mapTitle(file.file)}</h2>
      </div>
      <div className="error-banner">{file.message}</div>
      <div className="form-grid">
        <label>
          {t.mapTemplate}
          <select value={entity} onChange={(e) => setEntity(e.target.value as typeof entity)}>
            {templates.map((x) => (
              <option key={x.entity} value={x.entity}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.mapHeaderRow}
          <select value={headerRow} onChange={(e) => setHeaderRow(Number(e.target.value))}>
            {file.candidates.map((c) => (
              <option key={c.row} value={c.row}>
                第 {c.row} 行：{c.headers.filter((h) => h !== '').slice(0, 4).join('、')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mapping-grid">
        {headers.map((h) => (
          <label key={h}>
            <span className="mapping-source">{h}</span>
            <select value={pick(h)} onChange={(e) => setColumns({ ...columns, [h]: e.target.value })}>
              <option value="">{t.mapIgnore}</option>
              {template?.fields
                .filter((f) => !f.derived)
                .map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.header}
                    {f.required ? ' *' : ''}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => onMap(mapping())}>
          {t.mapApply}
        </button>
        <span className="muted">{t.mapHint}</span>
      </div>
    </div>
  );
}

const batchColumns: ColDef<ImportBatchRow>[] = [
  { field: 'createdAt', headerName: t.batchColumns.at, width: 170, valueFormatter: (p) => formatTime(p.value as string) },
  { field: 'actor', headerName: t.batchColumns.actor, width: 150 },
  { colId: 'files', headerName: t.batchColumns.files, flex: 1, minWidth: 240, valueGetter: (p) => p.data?.files.map((f) => `${f.file}（${f.template}）`).join('；') },
  { field: 'inserted', headerName: t.batchColumns.inserted, width: 90, type: 'rightAligned' },
  { field: 'updated', headerName: t.batchColumns.updated, width: 90, type: 'rightAligned' },
  { field: 'unchanged', headerName: t.batchColumns.unchanged, width: 90, type: 'rightAligned' },
  { field: 'rejected', headerName: t.batchColumns.rejected, width: 90, type: 'rightAligned' },
  { colId: 'state', headerName: t.batchColumns.state, width: 100, valueGetter: (p) => (p.data?.undoneAt ? t.batchUndone : t.batchActive) },
];

export function ImportWizard() {
  const templates = useCall('exchange.templates', {});
  const batches = useCall('exchange.batches', {});
  const [files, setFiles] = useState<File[]>([]);
  const [mappings, setMappings] = useState<Record<string, ColumnMappingInput>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [applied, setApplied] = useState<ImportApplied | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const mine = useProgress(taskId ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [selectedBatch, setSelectedBatch] = useState<number | null>(null);

  const run = async (nextMappings: Record<string, ColumnMappingInput>) => {
    setError(null);
    setApplied(null);
    setMessage(null);
    const id = newTaskId('import');
    setTaskId(id);
    const payload = await Promise.all(
      files.map(async (f) => ({ name: f.name, contentBase64: await readAsBase64(f), ...(nextMappings[f.name] ? { mapping: nextMappings[f.name] } : {}) })),
    );
    const result = await api.call('exchange.importPreview', { files: payload, taskId: id });
    setTaskId(null);
    if (result.ok) setPreview(result.value);
    else setError(result.error);
  };

  const apply = async () => {
    if (!preview) return;
    const id = newTaskId('apply');
    setTaskId(id);
    const result = await api.call('exchange.importApply', { planId: preview.planId, taskId: id });
    setTaskId(null);
    if (result.ok) {
      setApplied(result.value);
      setPreview(null);
      setFiles([]);
    } else setError(result.error);
  };

  // Undoing a large batch is one long write (about 12 s for 100k rows): the button says so meanwhile.
  const [undoing, setUndoing] = useState(false);
  const undo = async () => {
    if (selectedBatch === null) return;
    setError(null);
    setMessage(null);
    setUndoing(true);
    const result = await api.call('exchange.undoBatch', { batchId: selectedBatch });
    setUndoing(false);
    if (result.ok) {
      setMessage(t.undone(result.value.summary));
      setSelectedBatch(null);
    } else setError(result.error);
  };

  const busy = taskId !== null;
  // The write is one transaction the core never interrupts: no cancel is offered while it runs.
  const writing = taskId?.startsWith('apply-') === true;

  return (
    <>
      <div className="panel">
        <div className="panel-head">
          <h2>{t.tabs.import}</h2>
          <span className="muted">{t.dependencyHint}</span>
        </div>
        <div className="button-row">
          <label className="file-button inline">
            {t.chooseFiles}
            <input
              type="file"
              multiple
              accept=".xlsx,.csv"
              aria-label={t.chooseFiles}
              onChange={(e) => {
                setFiles([...(e.target.files ?? [])]);
                setPreview(null);
                setApplied(null);
                setMappings({});
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" onClick={() => void run(mappings)} disabled={files.length === 0 || busy}>
            {t.preview}
          </button>
          <button type="button" className="primary" onClick={() => void apply()} disabled={!preview || preview.unrecognised.length > 0 || preview.files.length === 0 || busy}>
            {t.apply}
          </button>
          {busy && !writing && (
            <button type="button" onClick={() => taskId && void api.call('exchange.cancel', { taskId })}>
              {t.cancel}
            </button>
          )}
          {writing && <span className="muted write-note">{t.noCancelWhileWriting}</span>}
        </div>
        <div className="file-list">{files.length === 0 ? <span className="muted">{t.noFiles}</span> : files.map((f) => <span key={f.name} className="chip">{`${f.name}（${t.fileSize(f.size)}）`}</span>)}</div>
        {busy && <ProgressBar progress={mine ?? { taskId: taskId ?? '', label: writing ? t.writing : t.previewing, done: 0, total: null, finished: false }} />}
        <ErrorBanner error={error} />
        {message && <div className="ok-banner">{message}</div>}
        {applied && <div className="ok-banner">{t.applied(applied.batchId, applied.quarantined)}</div>}
      </div>

      {preview && (
        <>
          {preview.files.length > 0 && (
            <div className="stat-grid">
              <StatCard label={t.totals.rows} value={preview.totals.rows} unit="行" />
              <StatCard label={t.totals.inserted} value={preview.totals.inserted} unit="条" />
              <StatCard label={t.totals.updated} value={preview.totals.updated} unit="条" />
              <StatCard label={t.totals.unchanged} value={preview.totals.unchanged} unit="条" />
              <StatCard label={t.totals.rejected} value={preview.totals.rejected} unit="行" />
            </div>
          )}
          {preview.unrecognised.map((u) => (
            <MappingForm
              key={u.file}
              file={u}
              templates={templates.data ?? []}
              onMap={(m) => {
                const next = { ...mappings, [u.file]: m };
                setMappings(next);
                void run(next);
              }}
            />
          ))}
          {attentionFirst(preview.files).map((f, i) => (
            <FileReport key={f.file} report={f} open={i === 0 || f.rejected > 0 || f.updated > 0} />
          ))}
        </>
      )}

      <div className="panel batch-panel">
        <div className="panel-head">
          <h2>{t.batches}</h2>
          <button type="button" onClick={() => void undo()} disabled={selectedBatch === null || undoing || busy}>
            {undoing ? t.undoingBatch : t.undoBatch}
          </button>
        </div>
        <DataGrid<ImportBatchRow>
          ariaLabel={t.batches}
          rows={batches.data}
          columns={batchColumns}
          rowId={(b) => String(b.id)}
          selectedId={selectedBatch === null ? null : String(selectedBatch)}
          onRowClicked={(b) => setSelectedBatch(b.undoneAt ? null : b.id)}
          emptyText={t.noBatches}
        />
      </div>
    </>
  );
}
