import type { BoardId, GridMeasure, PlaylistEntry, ScreenSettings } from '../../../src-main/contract';
import { boardTitles } from '../../screen/strings';

/** The boards, in the order the carousel shows them by default. */
export const BOARDS: readonly BoardId[] = ['overview', 'party', 'grids', 'events'];

/** The source PC outputs a hall is built with (RULES.md "Large screens"). */
export const CANVAS_PRESETS = [
  { width: 1920, height: 1080, label: '1920×1080（全高清）' },
  { width: 3840, height: 2160, label: '3840×2160（4K）' },
  { width: 5760, height: 1080, label: '5760×1080（3×1 拼接墙）' },
  { width: 7680, height: 3240, label: '7680×3240（4×3 拼接墙）' },
] as const;

/** One line of the playlist editor: a board shown or not, for so many seconds. */
export interface PlaylistRow {
  board: BoardId;
  shown: boolean;
  seconds: string;
}

export interface ScreenForm {
  width: string;
  height: string;
  rows: PlaylistRow[];
  refreshSeconds: string;
  gridMeasure: GridMeasure;
  openOnStart: boolean;
  kiosk: boolean;
}

type Editable = Pick<ScreenSettings, 'canvas' | 'playlist' | 'refreshSeconds' | 'gridMeasure' | 'openOnStart' | 'kiosk'>;

/** The playlist as editor lines: its entries in order, then the boards it leaves out (unticked). */
export function rowsOf(playlist: readonly PlaylistEntry[]): PlaylistRow[] {
  const rows: PlaylistRow[] = playlist.map((e) => ({ board: e.board, shown: true, seconds: String(e.seconds) }));
  for (const board of BOARDS) if (!playlist.some((e) => e.board === board)) rows.push({ board, shown: false, seconds: '30' });
  return rows;
}

export function formOf(s: Editable): ScreenForm {
  return {
    width: String(s.canvas.width),
    height: String(s.canvas.height),
    rows: rowsOf(s.playlist),
    refreshSeconds: String(s.refreshSeconds),
    gridMeasure: s.gridMeasure,
    openOnStart: s.openOnStart,
    kiosk: s.kiosk,
  };
}

export function moveRow(rows: readonly PlaylistRow[], index: number, by: -1 | 1): PlaylistRow[] {
  const target = index + by;
  if (target < 0 || target >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(index, 1);
  if (row) next.splice(target, 0, row);
  return next;
}

const wholeIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
};

/** The settings patch of a form, or the first problem with it in words a person acts on. */
export function patchOf(form: ScreenForm): { ok: true; patch: Editable } | { ok: false; message: string } {
  const width = wholeIn(form.width, 640, 15360);
  const height = wholeIn(form.height, 360, 8640);
  if (width === null || height === null) return { ok: false, message: '画布宽应为 640–15360、高应为 360–8640 的整数像素。' };
  const playlist: PlaylistEntry[] = [];
  for (const row of form.rows) {
    if (!row.shown) continue;
    const seconds = wholeIn(row.seconds, 5, 3600);
    if (seconds === null) return { ok: false, message: `“${boardTitles[row.board]}”的停留时间应为 5–3600 秒的整数。` };
    playlist.push({ board: row.board, seconds });
  }
  if (playlist.length === 0) return { ok: false, message: '至少选择一个轮播的大屏。' };
  const refreshSeconds = wholeIn(form.refreshSeconds, 5, 3600);
  if (refreshSeconds === null) return { ok: false, message: '定时刷新间隔应为 5–3600 秒的整数。' };
  return {
    ok: true,
    patch: { canvas: { width, height }, playlist, refreshSeconds, gridMeasure: form.gridMeasure, openOnStart: form.openOnStart, kiosk: form.kiosk },
  };
}
