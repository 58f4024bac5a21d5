import { describe, expect, it } from 'vitest';
import { carousel, startCarousel, timeLeft, type CarouselAction, type CarouselEntry, type CarouselState } from '../../../src-renderer/screen/carousel/carousel';

const run = (state: CarouselState, ...actions: CarouselAction[]): CarouselState => actions.reduce(carousel, state);

describe('the board carousel', () => {
  const playlist: CarouselEntry[] = [
    { key: 'overview', ms: 10_000 },
    { key: 'party', ms: 20_000 },
    { key: 'events', ms: 5_000 },
  ];

  it('shows each board for its own time, then the next, and wraps round', () => {
    let s = startCarousel(playlist, 0, 0);
    s = run(s, { type: 'tick', now: 9_999 });
    expect(s.index).toBe(0);
    s = run(s, { type: 'tick', now: 10_000 });
    expect(s.index).toBe(1);
    expect(timeLeft(s, 10_000)).toBe(20_000);
    s = run(s, { type: 'tick', now: 30_000 }, { type: 'tick', now: 35_000 });
    expect(s.index).toBe(0);
  });

  it('holds the board while held, and runs only the rest of its time once released', () => {
    let s = startCarousel(playlist, 0, 0);
    s = run(s, { type: 'hold', reason: 'pointer', now: 4_000 }, { type: 'tick', now: 60_000 });
    expect(s.index).toBe(0);
    expect(timeLeft(s, 60_000)).toBeNull();
    s = run(s, { type: 'release', reason: 'pointer', now: 60_000 }, { type: 'tick', now: 65_999 });
    expect(s.index).toBe(0);
    s = run(s, { type: 'tick', now: 66_000 });
    expect(s.index).toBe(1);
  });

  it('stays held until every reason to hold is gone', () => {
    let s = startCarousel(playlist, 0, 0);
    s = run(s, { type: 'hold', reason: 'pointer', now: 1_000 }, { type: 'hold', reason: 'key', now: 2_000 }, { type: 'release', reason: 'pointer', now: 3_000 });
    expect(s.runningSince).toBeNull();
    s = run(s, { type: 'release', reason: 'key', now: 50_000 }, { type: 'tick', now: 58_999 });
    expect(s.index).toBe(0);
    expect(run(s, { type: 'tick', now: 59_000 }).index).toBe(1);
  });

  it('steps both ways with a full time on the board stepped to', () => {
    let s = startCarousel(playlist, 0, 0);
    s = run(s, { type: 'step', by: -1, now: 3_000 });
    expect(s.index).toBe(2);
    expect(timeLeft(s, 3_000)).toBe(5_000);
    s = run(s, { type: 'step', by: 1, now: 4_000 });
    expect(s.index).toBe(0);
  });

  it('starts at the board shown last, and a single board never moves', () => {
    expect(startCarousel(playlist, 2, 0).index).toBe(2);
    expect(startCarousel(playlist, 7, 0).index).toBe(1);
    const single = startCarousel([{ key: 'grids', ms: 10_000 }], 0, 0);
    expect(run(single, { type: 'tick', now: 1e9 }).index).toBe(0);
  });

  it('goes on from the board on screen when the playlist changes, or from the first when it left the list', () => {
    let s = run(startCarousel(playlist, 0, 0), { type: 'step', by: 1, now: 1_000 });
    expect(s.entries[s.index]?.key).toBe('party');
    s = run(s, { type: 'reset', entries: [{ key: 'grids', ms: 8_000 }, { key: 'party', ms: 9_000 }], now: 2_000 });
    expect(s.index).toBe(1);
    expect(timeLeft(s, 2_000)).toBe(9_000);
    s = run(s, { type: 'reset', entries: [{ key: 'overview', ms: 8_000 }], now: 3_000 });
    expect(s.index).toBe(0);
  });
});
