/**
 * The playlist's clock as a pure state machine: tests drive it with explicit times, the hook
 * drives it with setTimeout. A board is held while any reason to hold it lasts (a pointer
 * moving over the screen, a key press), and the rest of its time runs once released.
 */
export type Hold = 'pointer' | 'key';

/** A playlist entry: which board, for how many milliseconds. */
export interface CarouselEntry {
  key: string;
  ms: number;
}

export interface CarouselState {
  index: number;
  length: number;
  entries: readonly CarouselEntry[];
  holds: readonly Hold[];
  /** Time left on the current entry when it last started or was held. */
  remainingMs: number;
  /** When the current run started (null while held). */
  runningSince: number | null;
}

export type CarouselAction =
  | { type: 'tick'; now: number }
  | { type: 'hold'; reason: Hold; now: number }
  | { type: 'release'; reason: Hold; now: number }
  | { type: 'step'; by: 1 | -1; now: number }
  | { type: 'reset'; entries: readonly CarouselEntry[]; now: number };

const DEFAULT_MS = 30_000;

export function startCarousel(entries: readonly CarouselEntry[], index: number, now: number): CarouselState {
  const length = Math.max(1, entries.length);
  const at = ((index % length) + length) % length;
  return { index: at, length, entries, holds: [], remainingMs: entries[at]?.ms ?? DEFAULT_MS, runningSince: now };
}

const show = (state: CarouselState, index: number, now: number): CarouselState => {
  const at = ((index % state.length) + state.length) % state.length;
  const remainingMs = state.entries[at]?.ms ?? DEFAULT_MS;
  return { ...state, index: at, remainingMs, runningSince: state.holds.length > 0 ? null : now };
};

/** Milliseconds until the current entry ends, or null while held. */
export function timeLeft(state: CarouselState, now: number): number | null {
  return state.runningSince === null ? null : Math.max(0, state.remainingMs - (now - state.runningSince));
}

export function carousel(state: CarouselState, action: CarouselAction): CarouselState {
  switch (action.type) {
    case 'tick': {
      const left = timeLeft(state, action.now);
      return left === 0 && state.length > 1 ? show(state, state.index + 1, action.now) : state;
    }
    case 'hold': {
      if (state.holds.includes(action.reason)) return state;
      const left = timeLeft(state, action.now);
      return { ...state, holds: [...state.holds, action.reason], remainingMs: left ?? state.remainingMs, runningSince: null };
    }
    case 'release': {
      if (!state.holds.includes(action.reason)) return state;
      const holds = state.holds.filter((h) => h !== action.reason);
      return { ...state, holds, runningSince: holds.length === 0 ? action.now : null };
    }
    case 'step':
      return show(state, state.index + action.by, action.now);
    case 'reset': {
      // A new playlist goes on from the board on screen, if it is still in the list.
      const current = state.entries[state.index]?.key;
      return startCarousel(action.entries, Math.max(0, action.entries.findIndex((e) => e.key === current)), action.now);
    }
  }
}
