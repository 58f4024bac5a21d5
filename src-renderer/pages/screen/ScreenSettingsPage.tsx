import { useState, type FormEvent } from 'react';
import type { ApiError, GridMeasure } from '../../../src-main/contract';
import { api, transport } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorBanner } from '../../components/Feedback';
import { boardTitles, measureText } from '../../screen/strings';
import { CANVAS_PRESETS, formOf, moveRow, patchOf, type ScreenForm } from './form';

const CUSTOM = 'custom';
const MEASURES: GridMeasure[] = ['households', 'events', 'staffingGaps'];

/** 大屏设置: what the hall's screens show, how long each board stays, and the canvas they are built for. */
export function ScreenSettingsPage() {
  const settings = useCall('settings.get', {});
  const [edited, setForm] = useState<ScreenForm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const screen = settings.data?.screen;
  // The saved settings until the first edit; the edits from then on.
  const form = edited ?? (screen ? formOf(screen) : null);

  if (!form) {
    return (
      <section className="page">
        <div className="page-head">
          <h1>大屏设置</h1>
        </div>
        <ErrorBanner error={settings.error} />
      </section>
    );
  }

  const edit = (change: Partial<ScreenForm>): void => {
    setMessage(null);
    setForm({ ...form, ...change });
  };
  const preset = CANVAS_PRESETS.find((p) => String(p.width) === form.width && String(p.height) === form.height);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const checked = patchOf(form);
    if (!checked.ok) {
      setError({ code: 'VALIDATION', message: checked.message });
      return;
    }
    setSaving(true);
    const result = await api.call('settings.update', { screen: checked.patch });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setForm(formOf(result.value.screen));
    setMessage('已保存。已打开的大屏会立即按新设置显示。');
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>大屏设置</h1>
        <p className="page-lead">党群服务中心和指挥中心大屏的轮播内容、停留时间与画布尺寸。大屏只显示统计数字，不显示姓名、身份号码和电话。</p>
      </div>
      <ErrorBanner error={error} />
      {message && (
        <div className="ok-banner" role="status">
          {message}
        </div>
      )}
      <form className="screen-settings" noValidate onSubmit={(e) => void save(e)}>
        <div className="two-columns">
          <div className="panel">
            <div className="panel-head">
              <h2>轮播</h2>
            </div>
            <table className="playlist-table" aria-label="轮播顺序">
              <thead>
                <tr>
                  <th>显示</th>
                  <th>大屏</th>
                  <th>停留（秒）</th>
                  <th>顺序</th>
                </tr>
              </thead>
              <tbody>
                {form.rows.map((row, i) => (
                  <tr key={`${row.board}-${i}`} className={row.shown ? undefined : 'muted'}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`显示${boardTitles[row.board]}`}
                        checked={row.shown}
                        onChange={(e) => edit({ rows: form.rows.map((r, j) => (j === i ? { ...r, shown: e.target.checked } : r)) })}
                      />
                    </td>
                    <td>{boardTitles[row.board]}</td>
                    <td>
                      <input
                        type="number"
                        min={5}
                        max={3600}
                        aria-label={`${boardTitles[row.board]}停留秒数`}
                        value={row.seconds}
                        disabled={!row.shown}
                        onChange={(e) => edit({ rows: form.rows.map((r, j) => (j === i ? { ...r, seconds: e.target.value } : r)) })}
                      />
                    </td>
                    <td>
                      <div className="order-buttons">
                        <button type="button" aria-label={`上移${boardTitles[row.board]}`} disabled={i === 0} onClick={() => edit({ rows: moveRow(form.rows, i, -1) })}>
                          ↑
                        </button>
                        <button type="button" aria-label={`下移${boardTitles[row.board]}`} disabled={i === form.rows.length - 1} onClick={() => edit({ rows: moveRow(form.rows, i, 1) })}>
                          ↓
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="hint">大屏上按空格键暂停或继续轮播，←/→ 切换；鼠标移动时停留在当前大屏。</p>
          </div>
          <div className="panel">
            <div className="panel-head">
              <h2>显示</h2>
            </div>
            <div className="form-grid">
              <label>
                画布尺寸
                <select
                  aria-label="画布尺寸"
                  value={preset ? `${preset.width}x${preset.height}` : CUSTOM}
                  onChange={(e) => {
                    const chosen = CANVAS_PRESETS.find((p) => `${p.width}x${p.height}` === e.target.value);
                    if (chosen) edit({ width: String(chosen.width), height: String(chosen.height) });
                    else edit({ width: form.width, height: form.height });
                  }}
                >
                  {CANVAS_PRESETS.map((p) => (
                    <option key={p.label} value={`${p.width}x${p.height}`}>
                      {p.label}
                    </option>
                  ))}
                  <option value={CUSTOM}>自定义</option>
                </select>
              </label>
              <div className="canvas-size">
                <label>
                  宽（像素）
                  <input type="number" aria-label="画布宽" min={640} max={15360} value={form.width} onChange={(e) => edit({ width: e.target.value })} />
                </label>
                <label>
                  高（像素）
                  <input type="number" aria-label="画布高" min={360} max={8640} value={form.height} onChange={(e) => edit({ height: e.target.value })} />
                </label>
              </div>
              <label>
                网格地图着色
                <select aria-label="网格地图着色" value={form.gridMeasure} onChange={(e) => edit({ gridMeasure: e.target.value as GridMeasure })}>
                  {MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {measureText[m].legend}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                定时刷新（秒）
                <input type="number" aria-label="定时刷新秒数" min={5} max={3600} value={form.refreshSeconds} onChange={(e) => edit({ refreshSeconds: e.target.value })} />
              </label>
            </div>
            <p className="hint">画布按大屏主机的输出分辨率选择；画面按比例缩放到窗口，不裁切。数据有变化时大屏立即更新，定时刷新用于网络中断后补齐。</p>
            <h3>桌面版</h3>
            <label className="check">
              <input type="checkbox" checked={form.kiosk} onChange={(e) => edit({ kiosk: e.target.checked })} />
              在副屏以展厅模式（全屏、不可退出）打开
            </label>
            <label className="check">
              <input type="checkbox" checked={form.openOnStart} onChange={(e) => edit({ openOnStart: e.target.checked })} />
              开机后自动打开大屏（停电恢复后回到原来的大屏）
            </label>
            <p className="hint">
              {transport === 'http' ? (
                <>
                  在本机浏览器预览：
                  <a href="/screen" target="_blank" rel="noreferrer">
                    打开大屏
                  </a>
                  。局域网内的大屏使用启动服务时显示的只读链接。
                </>
              ) : (
                '菜单“大屏 → 在副屏全屏展示”打开大屏窗口，“大屏 → 大屏显示器”选择显示器。'
              )}
            </p>
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={saving}>
            保存设置
          </button>
        </div>
      </form>
    </section>
  );
}
