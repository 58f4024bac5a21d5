import { useState, type FormEvent } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApiError, AuditRow, StorageInfo } from '../../../src-main/contract';
import { api } from '../../api/client';
import { useCall } from '../../api/useCall';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/Feedback';

const opNames = { insert: '新增', update: '修改', delete: '删除' } as const;

const auditColumns: ColDef<AuditRow>[] = [
  { field: 'at', headerName: '时间', width: 200, valueFormatter: (p) => String(p.value ?? '').replace('T', ' ').slice(0, 19) },
  { field: 'actor', headerName: '操作人', width: 160 },
  { field: 'action', headerName: '操作', width: 200 },
  { field: 'entityLabel', headerName: '对象', width: 120 },
  { field: 'op', headerName: '类型', width: 90, valueFormatter: (p) => opNames[p.value as AuditRow['op']] ?? '' },
  { field: 'seq', headerName: '修改序号', width: 110, type: 'rightAligned' },
];

const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function InfoTable({ info }: { info: StorageInfo }) {
  const rows: [string, string][] = [
    ['存储方式', info.mode === 'file' ? '本机文件（快照 + 日志）' : '内存（测试）'],
    ['静态加密', info.encrypted ? '已开启（AES-256-GCM）' : '未开启'],
    ['已保存的修改', `${info.seq.toLocaleString('zh-CN')} 次`],
    ['当前快照代数', `第 ${info.generation} 代（保留最近 ${info.keptGenerations} 代作为自动备份）`],
    ['日志', `${info.journalEntries} 次修改，${size(info.journalBytes)}`],
    ['上次快照', info.lastSnapshotAt ? info.lastSnapshotAt.replace('T', ' ').slice(0, 19) : '本次启动后尚未保存'],
  ];
  return (
    <table className="info-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StoragePage() {
  const info = useCall('storage.info', {});
  const settings = useCall('settings.get', {});
  const audit = useCall('audit.list', { limit: 200 });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');

  const act = async <T,>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, done: (value: T) => string) => {
    setError(null);
    setMessage(null);
    const result = await work();
    if (result.ok) {
      setMessage(done(result.value));
      info.reload();
    } else setError(result.error);
  };

  const encrypt = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== confirm) {
      setError({ code: 'VALIDATION', message: '两次输入的口令不一致。' });
      return;
    }
    void act(() => api.call('storage.enableEncryption', { passphrase }), () => '已开启静态加密。请妥善保管口令：遗失后数据无法恢复。');
  };

  const s = settings.data?.storage;
  return (
    <section className="page">
      <div className="page-head">
        <h1>数据与备份</h1>
        <p className="page-lead">每次修改在确认前都已写入磁盘日志；快照定期压缩日志，最近几代快照即自动备份。</p>
      </div>
      <ErrorBanner error={error ?? info.error} />
      {message && (
        <div className="ok-banner" role="status">
          {message}
        </div>
      )}
      <div className="two-columns">
        <div className="panel">
          <div className="panel-head">
            <h2>存储状态</h2>
          </div>
          {info.data && <InfoTable info={info.data} />}
          {info.data?.broken && <div className="error-banner">{info.data.broken}</div>}
          {info.data?.snapshotFailure && <div className="error-banner">上次快照失败：{info.data.snapshotFailure}（修改仍在日志中，不会丢失）</div>}
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void act(() => api.call('storage.backup', {}), (b) => `已备份到 ${b.file}（${size(b.bytes)}）`)}>
              立即备份
            </button>
            <button type="button" onClick={() => void act(() => api.call('storage.snapshot', {}), () => '已保存快照。')}>
              立即保存快照
            </button>
          </div>
        </div>
        <div className="panel">
          <div className="panel-head">
            <h2>设置</h2>
          </div>
          {s && (
            <div className="form-grid">
              <label>
                保留快照代数
                <input
                  type="number"
                  min={2}
                  max={100}
                  defaultValue={s.keepGenerations}
                  onBlur={(e) => void act(() => api.call('settings.update', { storage: { keepGenerations: Number(e.target.value) } }), () => '已保存设置。')}
                />
              </label>
              <label>
                日志超过（MB）时保存快照
                <input
                  type="number"
                  min={1}
                  max={1024}
                  defaultValue={s.snapshotAfterMiB}
                  onBlur={(e) => void act(() => api.call('settings.update', { storage: { snapshotAfterMiB: Number(e.target.value) } }), () => '已保存设置。')}
                />
              </label>
            </div>
          )}
          {info.data && !info.data.encrypted && info.data.mode === 'file' && (
            <form className="encrypt-form" onSubmit={encrypt}>
              <h3>开启静态加密</h3>
              <p>开启后快照、日志和备份均加密保存，数据目录中不再有明文的身份号码。每次启动需输入口令。</p>
              <input type="password" placeholder="口令（至少 8 个字符）" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} minLength={8} required />
              <input type="password" placeholder="再次输入口令" value={confirm} onChange={(e) => setConfirm(e.target.value)} minLength={8} required />
              <button type="submit">开启加密</button>
            </form>
          )}
        </div>
      </div>
      <div className="panel audit-panel">
        <div className="panel-head">
          <h2>操作日志（最近 200 条）</h2>
        </div>
        <DataGrid<AuditRow> ariaLabel="操作日志" rows={audit.data} columns={auditColumns} rowId={(r) => String(r.id)} emptyText="暂无操作记录：台账的每一次新增、修改、删除都会记录在这里" />
      </div>
    </section>
  );
}
