import { useEffect, useReducer, useRef } from 'react';
import { carousel, startCarousel, timeLeft, type CarouselEntry, type CarouselState } from './carousel';

/** A key press holds the board this long at most: a hall screen must not stay paused for good. */
const KEY_HOLD_MS = 5 * 60_000;
/** A pointer resting on the screen (a kiosk's mouse) holds nothing once it stops moving. */
const POINTER_IDLE_MS = 15_000;

/**
 * Runs the playlist: each entry for its duration; a moving pointer or the space key holds the
 * current board, arrows step through the list. Returns the state for the indicator.
 */
export function useCarousel(entries: readonly CarouselEntry[], startIndex: number, enabled: boolean): CarouselState {
  const signature = JSON.stringify(entries);
  const [state, dispatch] = useReducer(carousel, null, () => startCarousel(entries, startIndex, Date.now()));

  // A new playlist (settings changed) goes on from the board the screen is showing.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    dispatch({ type: 'reset', entries: JSON.parse(signature) as CarouselEntry[], now: Date.now() });
  }, [signature]);

  useEffect(() => {
    if (!enabled) return;
    const left = timeLeft(state, Date.now());
    if (left === null) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), left + 5);
    return () => clearTimeout(timer);
  }, [state, enabled]);

  const keyHeld = state.holds.includes('key');
  const heldByKey = useRef(keyHeld);
  useEffect(() => {
    heldByKey.current = keyHeld;
    if (!keyHeld) return;
    const timer = setTimeout(() => dispatch({ type: 'release', reason: 'key', now: Date.now() }), KEY_HOLD_MS);
    return () => clearTimeout(timer);
  }, [keyHeld]);

  useEffect(() => {
    if (!enabled) return;
    let idle: ReturnType<typeof setTimeout> | null = null;
    const release = (): void => {
      if (idle) clearTimeout(idle);
      idle = null;
      dispatch({ type: 'release', reason: 'pointer', now: Date.now() });
    };
    const onMove = (): void => {
      dispatch({ type: 'hold', reason: 'pointer', now: Date.now() });
      if (idle) clearTimeout(idle);
      idle = setTimeout(release, POINTER_IDLE_MS);
    };
    const onKey = (event: KeyboardEvent): void => {
      const now = Date.now();
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault();
        dispatch({ type: heldByKey.current ? 'release' : 'hold', reason: 'key', now });
      } else if (event.key === 'ArrowRight' || event.key === 'PageDown') {
        dispatch({ type: 'step', by: 1, now });
      } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
        dispatch({ type: 'step', by: -1, now });
      }
    };
    window.addEventListener('pointermove', onMove);
    document.documentElement.addEventListener('pointerleave', release);
    window.addEventListener('keydown', onKey);
    return () => {
      if (idle) clearTimeout(idle);
      window.removeEventListener('pointermove', onMove);
      document.documentElement.removeEventListener('pointerleave', release);
      window.removeEventListener('keydown', onKey);
    };
  }, [enabled]);

  return state;
}
