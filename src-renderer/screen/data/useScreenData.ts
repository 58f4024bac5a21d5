import { useEffect, useState } from 'react';
import type { ApiError, BoardFigures, ScreenConfig } from '../../../src-main/contract';
import { api } from '../../api/client';

export interface ScreenData {
  figures: BoardFigures | null;
  config: ScreenConfig | null;
  /** The last refresh failed: the figures on screen are the last good ones. */
  error: ApiError | null;
}

const FALLBACK_REFRESH_S = 60;

/**
 * The board figures and the screen's settings, kept fresh by the backend's data-changed push
 * and by a timer (a change the push missed while disconnected, a new day). One request at a
 * time: a burst of changes (an import) costs one more request, not one per change.
 */
export function useScreenData(): ScreenData {
  const [data, setData] = useState<ScreenData>({ figures: null, config: null, error: null });
  const [refreshSeconds, setRefreshSeconds] = useState(FALLBACK_REFRESH_S);

  useEffect(() => {
    let active = true;
    let inFlight = false;
    let again = false;
    const refresh = (): void => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      void Promise.all([api.call('dashboard.boards', {}), api.call('screen.config', {})]).then(([figures, config]) => {
        inFlight = false;
        if (!active) return;
        setData((previous) => ({
          figures: figures.ok ? figures.value : previous.figures,
          config: config.ok ? config.value : previous.config,
          error: figures.ok ? (config.ok ? null : config.error) : figures.error,
        }));
        if (config.ok) setRefreshSeconds(config.value.refreshSeconds);
        if (again) {
          again = false;
          refresh();
        }
      });
    };
    refresh();
    const off = api.on('data-changed', refresh);
    const timer = setInterval(refresh, refreshSeconds * 1000);
    return () => {
      active = false;
      off();
      clearInterval(timer);
    };
  }, [refreshSeconds]);

  return data;
}
