import { defineHandlers } from '../registry';

export const settingsHandlers = defineHandlers({
  'settings.get': (_input, ctx) => ctx.data.settings,
  'settings.update': (input, ctx) => ctx.data.updateSettings(input),
});
