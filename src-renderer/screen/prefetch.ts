import type { BoardFigures, Result, ScreenConfig } from '../../src-main/contract';
import { api } from '../api/client';

export type ScreenAnswers = [Result<BoardFigures>, Result<ScreenConfig>];

let first: Promise<ScreenAnswers> | null = null;

/** Both calls a screen makes on every refresh. */
export const askScreenData = (): Promise<ScreenAnswers> => Promise.all([api.call('dashboard.boards', {}), api.call('screen.config', {})]);

/** Asks for the figures while the screen's code is still loading (the first refresh takes them). */
export function prefetchScreenData(): void {
  first ??= askScreenData();
}

export function takePrefetched(): Promise<ScreenAnswers> | null {
  const answers = first;
  first = null;
  return answers;
}
