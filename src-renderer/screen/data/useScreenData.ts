import { useSyncExternalStore } from 'react';
import type { ApiError, BoardFigures, ScreenConfig } from '../../../src-main/contract';
import { api } from '../../api/client';
import { askScreenData, takePrefetched } from '../prefetch';

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
 * time: a burst of changes (an import) costs one more request, not one per change. It starts
 * before React renders anything, so the figures are on their way while the app starts.
 */
class ScreenFeed {
  private state: ScreenData = { figures: null, config: null, error: null };
  private readonly listeners = new Set<() => void>();
  private inFlight = false;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private refreshSeconds = 0;
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.refresh();
    api.on('data-changed', () => this.refresh());
    // A new playlist, canvas or map measure from the settings page shows at once.
    api.on('settings-changed', (e) => {
      if (e.sections.includes('screen')) this.refresh();
    });
    this.every(FALLBACK_REFRESH_S);
  }

  private every(seconds: number): void {
    if (seconds === this.refreshSeconds) return;
    this.refreshSeconds = seconds;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), seconds * 1000);
  }

  private refresh(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void (takePrefetched() ?? askScreenData()).then(([figures, config]) => {
      this.inFlight = false;
      const previous = this.state;
      this.state = {
        figures: figures.ok ? figures.value : previous.figures,
        config: config.ok ? config.value : previous.config,
        error: figures.ok ? (config.ok ? null : config.error) : figures.error,
      };
      if (config.ok) this.every(config.value.refreshSeconds);
      for (const listener of this.listeners) listener();
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ScreenData => this.state;
}

export const screenFeed = new ScreenFeed();

export function useScreenData(): ScreenData {
  screenFeed.start();
  return useSyncExternalStore(screenFeed.subscribe, screenFeed.snapshot);
}
