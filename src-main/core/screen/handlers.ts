import { defineHandlers } from '../registry';

export const screenHandlers = defineHandlers({
  // What a screen needs to run; the Electron-only and secret parts of the settings stay behind.
  'screen.config': (_input, ctx) => {
    const { canvas, playlist, refreshSeconds, gridMeasure, lastBoard } = ctx.data.settings.screen;
    return { canvas, playlist, refreshSeconds, gridMeasure, lastBoard };
  },
});
