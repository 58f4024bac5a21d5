import { createContext, useContext } from 'react';

/**
 * Tells a board when every chart in it has finished drawing (ECharts' `finished`), so the board
 * can mark itself rendered: `performance.mark('scc-board-rendered:<id>')` and `data-rendered`,
 * which the render benchmark and the end-to-end tests wait for.
 */
export interface RenderTracker {
  /** Called when a chart mounts; the returned function when it has first finished drawing. */
  register(): () => void;
}

export const RenderTrackerContext = createContext<RenderTracker | null>(null);
export const useRenderTracker = (): RenderTracker | null => useContext(RenderTrackerContext);
