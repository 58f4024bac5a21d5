import { useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApiError, EntityName, PackageRow } from '../../../src-main/contract';
import { api } from '../../api/client';
import { downloadBase64, readAsBase64 } from '../../api/files';
import { useCall } from '../../api/useCall';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/Feedback';
import { formatTime, XLSX, ZIP } from './format';
import { newTaskId, TaskProgress } from './TaskProgress';
import { t } from './texts';

const e = t.export;

type TaskKind = keyof typeof e.working | 'acknowledge';

const packageColumns: ColDef<PackageRow>[] = [
  { field: 'createdAt', headerName: e.columns.at, width: 170, valueFormatter: (p) => formatTime(p.value as string) },
  { field: 'origin', headerName: e.columns.origin, width: 120, valueFormatter: (p) => e.origins[p.value as string] ?? '' },
  { field: 'fileName', headerName: e.columns.file, flex: 1, minWidth: 260 },
  { colId: 'records', headerName: e.columns.records, width: 100, type: 'rightAligned', valueGetter: (p) => Object.values(p.data?.counts ?? {}).reduce((n, c) => n + (c ?? 0), 0) },
  { field: 'status', headerName: e.columns.state, width: 170, valueFormatter: (p) => e.states[p.value as string] ?? '' },
  {
    colId: 'upload',
    headerName: e.columns.upload,
    width: 200,
    valueGetter: (p) => (p.data?.upload ? `${e.uploads[p.data.upload.status] ?? ''}${p.data.upload.error ? `：${p.data.upload.error}` : ''}` : ''),
    tooltipValueGetter: (p) => p.data?.upload?.error ?? null,
  },
];

export function ExportPanel({ onConflicts }: { onConflicts: () => void }) {
  const templates = useCall('exchange.templates', {});
  const packages = useCall('exchange.packages', {});
  const [incremental, setIncremental] = useState(true);
  const [download, setDownload] = useState(true);
  const [toFolder, setToFolder] = useState(false);
  const [folder, setFolder] = useState('');
  const [outbox, setOutbox] = useState(false);
  const [selected, setSelected] = useState<PackageRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [task, setTask] = useState<{ id: string; kind: TaskKind } | null>(null);

  // One piece of work at a time, under a task id, so its progress (and a cancel) can be told apart.
  const act = async (kind: TaskKind, work: (taskId: string) => Promise<string | null>) => {
    setError(null);
    setMessage(null);
    const id = newTaskId(kind);
    setTask({ id, kind });
    try {
      const done = await work(id);
      if (done) setMessage(done);
    } finally {
      setTask(null);
    }
  };

  const busy = task !== null;
  const bar = (kind: keyof typeof e.working) =>
    task?.kind === kind && <TaskProgress taskId={task.id} label={e.working[kind]} {...(kind === 'receive' ? { writeNote: e.noCancelWhileWriting } : {})} />;

  const exportTemplate = (entity: EntityName) =>
    act('template', async (taskId) => {
      const result = await api.call('exchange.exportTemplate', { entity, taskId });
      if (!result.ok) return (setError(result.error), null);
      downloadBase64(result.value.fileName, XLSX, result.value.contentBase64);
      return `已导出 ${result.value.fileName}（${result.value.records} 条）。`;
    });

  const exportPackage = () =>
    act('package', async (taskId) => {
      const result = await api.call('exchange.exportPackage', { since: incremental ? 'last' : 'full', download, outbox, taskId, ...(toFolder && folder.trim() ? { folder: folder.trim() } : {}) });
      if (!result.ok) return (setError(result.error), null);
      const { parts } = result.value;
      for (const part of parts) if (part.contentBase64) downloadBase64(part.fileName, ZIP, part.contentBase64);
      const where = [...new Set(parts.flatMap((p) => p.deliveredTo))].map((d) => (d === 'outbox' ? '已放入待发送队列' : `已写入 ${d}`)).join('，');
      const records = parts.reduce((n, p) => n + p.records, 0);
      return e.made(parts.length > 1 ? e.split(result.value.fileName, parts.length) : result.value.fileName, records, where);
    });

  const receive = (file: File) =>
    act('receive', async (taskId) => {
      const result = await api.call('exchange.receivePackage', { fileName: file.name, contentBase64: await readAsBase64(file), taskId });
      if (!result.ok) return (setError(result.error), null);
      if (result.value.status === 'conflict') onConflicts();
      return result.value.message;
    });

  const acknowledge = () =>
    act('acknowledge', async () => {
      if (!selected) return null;
      const result = await api.call('exchange.acknowledgePackage', { packageId: selected.packageId });
      if (!result.ok) return (setError(result.error), null);
      return `${result.value.fileName} 已标记为已送达。`;
    });

  return (
    <>
      <ErrorBanner error={error} />
      {message && <div className="ok-banner">{message}</div>}
      <div className="two-columns">
        <div className="panel">
          <div className="panel-head">
            <h2>{e.templates}</h2>
          </div>
          <p className="muted">{e.templatesLead}</p>
          <div className="template-buttons">
            {(templates.data ?? []).map((x) => (
              <button key={x.entity} type="button" onClick={() => void exportTemplate(x.entity)} disabled={busy}>
                {x.title}
              </button>
            ))}
          </div>
          {bar('template')}
        </div>
        <div className="panel">
          <div className="panel-head">
            <h2>{e.package}</h2>
          </div>
          <p className="muted">{e.packageLead}</p>
          <div className="option-row">
            <label>
              <input type="radio" name="since" checked={incremental} onChange={() => setIncremental(true)} />
              {e.incremental}
            </label>
            <label>
              <input type="radio" name="since" checked={!incremental} onChange={() => setIncremental(false)} />
              {e.full}
            </label>
          </div>
          <div className="option-column">
            <label>
              <input type="checkbox" checked={download} onChange={(x) => setDownload(x.target.checked)} />
              {e.download}
            </label>
            <label>
              <input type="checkbox" checked={toFolder} onChange={(x) => setToFolder(x.target.checked)} />
              {e.folder}
            </label>
            {toFolder && <input type="text" value={folder} placeholder={e.folderPlaceholder} onChange={(x) => setFolder(x.target.value)} aria-label={e.folder} />}
            <label>
              <input type="checkbox" checked={outbox} onChange={(x) => setOutbox(x.target.checked)} />
              {e.outbox}
            </label>
          </div>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void exportPackage()} disabled={busy || (!download && !outbox && !(toFolder && folder.trim()))}>
              {e.make}
            </button>
          </div>
          {bar('package')}
          <div className="divider" />
          <h3 className="sub-head">{e.receive}</h3>
          <p className="muted">{e.receiveLead}</p>
          <label className={busy ? 'file-button inline disabled' : 'file-button inline'}>
            {e.chooseZip}
            <input
              type="file"
              accept=".zip"
              disabled={busy}
              aria-label={e.chooseZip}
              onChange={(x) => {
                const file = x.target.files?.[0];
                x.target.value = '';
                if (file) void receive(file);
              }}
            />
          </label>
          {bar('receive')}
        </div>
      </div>
      <div className="panel package-panel">
        <div className="panel-head">
          <h2>{e.packages}</h2>
          <button type="button" onClick={() => void acknowledge()} disabled={busy || !selected || selected.origin !== 'local' || selected.status !== 'created'}>
            {e.acknowledge}
          </button>
        </div>
        <DataGrid<PackageRow>
          ariaLabel={e.packages}
          rows={packages.data}
          columns={packageColumns}
          rowId={(p) => p.packageId}
          selectedId={selected?.packageId ?? null}
          onRowClicked={setSelected}
          emptyText={e.noPackages}
        />
      </div>
    </>
  );
}
