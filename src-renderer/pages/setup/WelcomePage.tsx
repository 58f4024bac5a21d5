import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../src-main/contract';
import { api } from '../../api/client';
import { readAsBase64 } from '../../api/files';
import { useProgress } from '../../api/useProgress';
import { ErrorBanner } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';

/** First run: no street yet. Three ways in, each one call; the shell appears when it succeeds. */
export function WelcomePage({ dataDir }: { dataDir: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const progress = useProgress();

  const run = async (label: string, work: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    setBusy(label);
    setError(null);
    const result = await work();
    if (!result.ok && result.error) setError(result.error);
    setBusy(null);
  };

  const createEmpty = (event: FormEvent) => {
    event.preventDefault();
    void run('empty', () => api.call('setup.createEmpty', { name, code }));
  };

  const restore = (file: File | undefined) => {
    if (!file) return;
    void run('restore', async () => api.call('setup.restore', { fileName: file.name, contentBase64: await readAsBase64(file) }));
  };

  return (
    <section className="welcome">
      <h1>欢迎使用街道指挥中心</h1>
      <p className="page-lead">本机还没有街道数据。请选择一种方式开始（数据目录：{dataDir}）。</p>
      <ErrorBanner error={error} />
      {busy === 'demo' && progress && <ProgressBar progress={progress} />}
      <div className="welcome-cards">
        <div className="welcome-card">
          <h2>打开演示街道</h2>
          <p>生成一个虚构的“新华街道”：8 个社区、约 120 个网格、约 6 万实有人口、党组织与党员、网格员和一年的事件。适合熟悉功能和培训。</p>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('demo', () => api.call('setup.createDemo', {}))}>
            {busy === 'demo' ? '正在生成…' : '生成演示街道'}
          </button>
        </div>
        <form className="welcome-card" onSubmit={createEmpty}>
          <h2>新建空街道</h2>
          <p>填写本街道的名称和 9 位街道编码（统计用区划代码前 9 位），之后导入台账或逐条录入。</p>
          <label>
            街道名称
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="例如：海东路街道" required maxLength={40} />
          </label>
          <label>
            街道编码
            <input value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} placeholder="9 位数字，例如 150102005" inputMode="numeric" maxLength={9} required />
          </label>
          {error?.problems?.find((p) => p.field === 'code') && <div className="field-error">{error.problems.find((p) => p.field === 'code')?.message}</div>}
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'empty' ? '正在建立…' : '建立街道'}
          </button>
        </form>
        <div className="welcome-card">
          <h2>从备份恢复</h2>
          <p>选择本程序生成的备份文件（.sqlite 或加密的 .sqlite.enc），恢复已有的街道数据。市级平台的 Excel 模板可在建立街道后导入。</p>
          <label className="file-button">
            {busy === 'restore' ? '正在恢复…' : '选择备份文件…'}
            <input type="file" accept=".sqlite,.enc,.db" disabled={busy !== null} onChange={(e) => restore(e.target.files?.[0])} />
          </label>
        </div>
      </div>
    </section>
  );
}
