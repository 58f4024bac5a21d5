import { useEffect, useState } from 'react';
import type { AppStatus } from '../../src-main/contract';
import { whenSettled } from '../api/activity';
import { transport } from '../api/client';
import { useCall } from '../api/useCall';
import { DamagedPage } from '../pages/setup/DamagedPage';
import { UnlockPage } from '../pages/setup/UnlockPage';
import { WelcomePage } from '../pages/setup/WelcomePage';
import { navItems } from './nav';
import { PageActive } from './pageActive';
import { navigate, useRoute } from './router';

function Header({ status, connected }: { status: AppStatus | undefined; connected: boolean }) {
  return (
    <header className="shell-header">
      <div className="brand">
        <span className="brand-emblem" aria-hidden="true">
          党
        </span>
        <span className="brand-title">街道指挥中心</span>
        <span className="brand-sub">党建引领网格化治理</span>
      </div>
      <div className="header-status">
        <span className="street-name">{status?.street?.name ?? (status ? '尚未建立街道' : '')}</span>
        {status?.street && <span className="street-code">{status.street.code}</span>}
        {status?.encrypted && <span className="link-state">已加密</span>}
        <span className={`link-state ${connected ? 'up' : 'down'}`} title={transport === 'ipc' ? '桌面版' : '浏览器版'}>
          {connected ? (transport === 'ipc' ? '本机' : '浏览器') : '后台未连接'}
        </span>
      </div>
    </header>
  );
}

/** What opening the database found: shown once, until the person dismisses it. */
function RecoveryNotes({ status }: { status: AppStatus }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || status.notes.length === 0) return null;
  const serious = status.notes.some((n) => n.level !== 'info');
  return (
    <div className={serious ? 'error-banner notes-banner' : 'ok-banner notes-banner'} role="status">
      <strong>{serious ? '启动时对数据进行了恢复：' : '启动提示：'}</strong>
      <ul>
        {status.notes.map((n, i) => (
          <li key={i}>{n.message}</li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => setDismissed(true)}>
        知道了
      </button>
    </div>
  );
}

/**
 * The roster most working days begin with. Once the page on screen has its answers and the window
 * is idle, it is built off screen, as if visited, so opening it the first time is as quick as
 * coming back to it.
 */
const PREPARED = '/residents';
/**
 * How long no call may have been waiting before it counts as settled. A roster asks in steps (its
 * count 30–80 ms after its rows, while it draws them, so the idle wait covers most of the gap); at
 * 200 ms, a person who opened 实有人口 0.3 s after the first page showed found it not yet ready in
 * 7 of 10 (`npm run bench:rosters`).
 */
const PREPARE_QUIET_MS = 50;
/** At the latest, even if the page on screen keeps asking. */
const PREPARE_LATEST_MS = 3000;

export function App() {
  const route = useRoute();
  const status = useCall('app.status', {});
  const s = status.data;
  const active = navItems.find((item) => item.path === route) ?? navItems[0];
  const Page = active?.page;
  // Pages kept mounted since their first visit (nav.ts `keep`), in the order they were opened.
  const [kept, setKept] = useState<string[]>([]);
  if (active?.keep && !kept.includes(active.path)) setKept([...kept, active.path]);
  // Kept pages that have been on screen at least once (a prepared one has not, until visited).
  const [seen, setSeen] = useState<string[]>([]);
  if (active?.keep && !seen.includes(active.path)) setSeen([...seen, active.path]);
  const ready = s?.database === 'ready';
  const prepared = kept.includes(PREPARED);
  useEffect(() => {
    if (!ready || prepared) return;
    return whenSettled(() => setKept((k) => (k.includes(PREPARED) ? k : [...k, PREPARED])), PREPARE_QUIET_MS, PREPARE_LATEST_MS);
  }, [ready, prepared]);

  let body;
  if (!s) body = <div className="page page-lead">{status.error ? status.error.message : '正在连接…'}</div>;
  else if (s.database === 'empty') body = <WelcomePage dataDir={s.dataDir} />;
  else if (s.database === 'locked') body = <UnlockPage />;
  else if (s.database === 'damaged') body = <DamagedPage message={s.damage} notes={s.notes} dataDir={s.dataDir} />;

  if (body) {
    return (
      <div className="shell shell-bare">
        <Header status={s} connected={!status.error} />
        <main className="shell-main">{body}</main>
      </div>
    );
  }

  return (
    <div className="shell">
      <Header status={s} connected={!status.error} />
      <nav className="shell-nav" aria-label="主导航">
        {navItems.map((item) => (
          <button
            key={item.path}
            type="button"
            className={item === active ? 'nav-item active' : 'nav-item'}
            aria-current={item === active ? 'page' : undefined}
            onClick={() => navigate(item.path)}
          >
            <span className="nav-mark" aria-hidden="true">
              {item.mark}
            </span>
            {item.label}
          </button>
        ))}
      </nav>
      <main className="shell-main">
        {s && <RecoveryNotes status={s} />}
        {kept.length > 0 && (
          <div className="page-stack">
            {kept.map((path) => {
              const item = navItems.find((i) => i.path === path);
              if (!item) return null;
              const KeptPage = item.page;
              return (
                // Shown or hidden, a kept page keeps its box and its layout (a hidden one is only
                // skipped when drawing): its grid sees no resize, so coming back draws nothing anew.
                // A page prepared ahead of its first visit is moved off screen until then (the CSS
                // of .page-slot-unseen says why). `inert` takes a hidden one out of focus, clicks
                // and the accessibility tree; `aria-hidden` says so to tools that read only ARIA.
                <div key={path} className={item === active ? 'page-slot' : seen.includes(path) ? 'page-slot page-slot-hidden' : 'page-slot page-slot-unseen'} inert={item !== active} aria-hidden={item !== active || undefined}>
                  <PageActive.Provider value={item === active}>
                    <KeptPage />
                  </PageActive.Provider>
                </div>
              );
            })}
          </div>
        )}
        {Page && !active.keep && <Page />}
      </main>
    </div>
  );
}
