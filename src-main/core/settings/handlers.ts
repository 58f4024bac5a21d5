import type { Settings } from '../../dto/settings';
import { scheduleState } from '../exchange/sync/schedule';
import { defineHandlers } from '../registry';

// Where a screen last was is saved on every carousel step (desktop): no news for other screens.
const noNews = (section: string, value: unknown): string => {
  if (section !== 'screen' || typeof value !== 'object' || value === null) return JSON.stringify(value);
  const { lastBoard: _lastBoard, ...rest } = value as Settings['screen'];
  return JSON.stringify(rest);
};

export const settingsHandlers = defineHandlers({
  'settings.get': (_input, ctx) => ctx.data.settings,
  'settings.update': (input, ctx) => {
    const before = ctx.data.settings;
    const after = ctx.data.updateSettings(input);
    const sections = (Object.keys(after) as (keyof Settings)[]).filter((s) => noNews(s, before[s]) !== noNews(s, after[s]));
    // A new timing counts from when it was saved, even if nothing reads the schedule before a restart.
    if (sections.includes('exchange')) scheduleState(ctx, Date.parse(ctx.now()));
    if (sections.length > 0) ctx.emit('settings-changed', { sections });
    return after;
  },
});
