import { describe, expect, it } from 'vitest';
import { formOf, moveRow, patchOf, rowsOf } from '../../../src-renderer/pages/screen/form';

const saved = {
  canvas: { width: 3840, height: 2160 },
  playlist: [
    { board: 'grids' as const, seconds: 45 },
    { board: 'overview' as const, seconds: 20 },
  ],
  refreshSeconds: 60,
  gridMeasure: 'households' as const,
  openOnStart: false,
  kiosk: true,
};

describe('the 大屏设置 form', () => {
  it('lists the playlist in its order, then the boards it leaves out, unticked', () => {
    expect(rowsOf(saved.playlist).map((r) => [r.board, r.shown, r.seconds])).toEqual([
      ['grids', true, '45'],
      ['overview', true, '20'],
      ['party', false, '30'],
      ['events', false, '30'],
    ]);
  });

  it('gives back what it was given when nothing is edited', () => {
    expect(patchOf(formOf(saved))).toEqual({ ok: true, patch: saved });
  });

  it('moves a board and keeps only the ticked ones, in the new order', () => {
    const form = formOf(saved);
    const rows = moveRow(moveRow(form.rows, 3, -1), 0, 1).map((r) => (r.board === 'events' ? { ...r, shown: true, seconds: '15' } : r));
    const checked = patchOf({ ...form, rows });
    expect(checked.ok && checked.patch.playlist).toEqual([
      { board: 'overview', seconds: 20 },
      { board: 'grids', seconds: 45 },
      { board: 'events', seconds: 15 },
    ]);
    expect(moveRow(form.rows, 0, -1)).toEqual(form.rows);
  });

  it('refuses what the settings would refuse, saying what and where in Chinese', () => {
    const form = formOf(saved);
    expect(patchOf({ ...form, rows: form.rows.map((r) => ({ ...r, shown: false })) })).toEqual({ ok: false, message: '至少选择一个轮播的大屏。' });
    expect(patchOf({ ...form, rows: form.rows.map((r, i) => (i === 1 ? { ...r, seconds: '3' } : r)) })).toEqual({ ok: false, message: '“街道总览”的停留时间应为 5–3600 秒的整数。' });
    expect(patchOf({ ...form, width: '1920.5' }).ok).toBe(false);
    expect(patchOf({ ...form, height: '100' }).ok).toBe(false);
    expect(patchOf({ ...form, refreshSeconds: '' }).ok).toBe(false);
  });
});
