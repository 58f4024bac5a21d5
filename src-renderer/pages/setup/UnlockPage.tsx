import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../src-main/contract';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/Feedback';

/** An encrypted database waits here for its passphrase. */
export function UnlockPage() {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.call('app.unlock', { passphrase });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <section className="welcome narrow">
      <h1>数据库已加密</h1>
      <p className="page-lead">请输入口令解锁。口令只用于在本机解密数据，不会被保存。</p>
      <ErrorBanner error={error} />
      <form className="welcome-card" onSubmit={(e) => void submit(e)}>
        <label>
          口令
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus required />
        </label>
        <button type="submit" className="primary" disabled={busy || passphrase === ''}>
          {busy ? '正在解锁…' : '解锁'}
        </button>
      </form>
    </section>
  );
}
