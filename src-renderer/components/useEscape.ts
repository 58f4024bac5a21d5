import { useEffect } from 'react';
import { usePageActive } from '../app/pageActive';

/**
 * Calls `onEscape` when Esc is pressed anywhere while `active` and its page is on screen: how
 * dialogs, drawers and panels close.
 */
export function useEscape(onEscape: () => void, active = true): void {
  const shown = usePageActive();
  useEffect(() => {
    if (!active || !shown) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape, active, shown]);
}
