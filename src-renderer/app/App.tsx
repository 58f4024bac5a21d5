import { useCall } from '../api/useCall';
import { transport } from '../api/client';
import { navItems } from './nav';
import { navigate, useRoute } from './router';

export function App() {
  const route = useRoute();
  const status = useCall('app.status', {});
  const active = navItems.find((item) => item.path === route) ?? navItems[0];
  const Page = active?.page;

  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand">
          <span className="brand-emblem" aria-hidden="true">
            党
          </span>
          <span className="brand-title">街道指挥中心</span>
          <span className="brand-sub">党建引领网格化治理</span>
        </div>
        <div className="header-status">
          <span className="street-name">{status.data?.street?.name ?? (status.data ? '尚未建立街道' : '')}</span>
          {status.data?.street && <span className="street-code">{status.data.street.code}</span>}
          <span className={`link-state ${status.error ? 'down' : 'up'}`} title={transport === 'ipc' ? '桌面版' : '浏览器版'}>
            {status.error ? '后台未连接' : transport === 'ipc' ? '本机' : '浏览器'}
          </span>
        </div>
      </header>
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
      <main className="shell-main">{Page && <Page />}</main>
    </div>
  );
}
