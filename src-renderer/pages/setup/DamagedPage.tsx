import { useState } from 'react';
import type { ApiError, RecoveryNote } from '../../../src-main/contract';
import { api } from '../../api/client';
import { readAsBase64 } from '../../api/files';
import { ErrorBanner } from '../../components/Feedback';

/** Nothing on disk could be opened: say what was found, and offer a backup. */
export function DamagedPage({ message, notes, dataDir }: { message: string | null; notes: RecoveryNote[]; dataDir: string }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const restore = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    const result = await api.call('setup.restore', { fileName: file.name, contentBase64: await readAsBase64(file) });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };
  return (
    <section className="welcome narrow">
      <h1>数据库无法打开</h1>
      <div className="error-banner" role="alert">
        {message}
      </div>
      {notes.length > 0 && (
        <ul className="notes">
          {notes.map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      )}
      <p className="page-lead">
        数据目录：{dataDir}。原有文件均未删除。可从备份恢复：db 文件夹中的 gen-*.sqlite 是自动保留的历史快照，backups 文件夹中是手动备份。
      </p>
      <ErrorBanner error={error} />
      <label className="file-button">
        {busy ? '正在恢复…' : '选择备份文件…'}
        <input type="file" accept=".sqlite,.enc,.db" disabled={busy} onChange={(e) => void restore(e.target.files?.[0])} />
      </label>
    </section>
  );
}
