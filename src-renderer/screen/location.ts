import type { BoardId, GridMeasure } from '../../src-main/contract';

/** What the address asks of a screen, beyond its settings (a pinned board, a canvas to test). */
export interface ScreenParams {
  /** Shows this board only, without the carousel (a splice wall dedicated to one board). */
  board: BoardId | null;
  canvas: { width: number; height: number } | null;
  measure: GridMeasure | null;
}

const BOARDS: readonly BoardId[] = ['overview', 'party', 'grids', 'events'];
const MEASURES: readonly GridMeasure[] = ['households', 'events', 'staffingGaps'];

interface LocationLike {
  pathname: string;
  hash: string;
  search: string;
}

/** `/screen` (a browser on the LAN) or `#/screen` (the Electron window, the app's own router). */
export function isScreenLocation(location: LocationLike): boolean {
  return /\/screen\/?$/.test(location.pathname) || /^#\/screen(?:[/?]|$)/.test(location.hash);
}

function query(location: LocationLike): URLSearchParams {
  const inHash = location.hash.indexOf('?');
  const params = new URLSearchParams(location.search);
  if (inHash >= 0) for (const [k, v] of new URLSearchParams(location.hash.slice(inHash + 1))) params.set(k, v);
  return params;
}

const oneOf = <T extends string>(values: readonly T[], given: string | null): T | null =>
  given !== null && (values as readonly string[]).includes(given) ? (given as T) : null;

/** `?board=party&canvas=3840x2160&measure=events`, from the query or the hash's query. */
export function screenParams(location: LocationLike): ScreenParams {
  const params = query(location);
  const size = /^(\d{3,5})x(\d{3,5})$/.exec(params.get('canvas') ?? '');
  return {
    board: oneOf(BOARDS, params.get('board')),
    canvas: size ? { width: Number(size[1]), height: Number(size[2]) } : null,
    measure: oneOf(MEASURES, params.get('measure')),
  };
}
