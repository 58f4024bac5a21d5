import { defineHandlers } from '../registry';
import { undoWrite } from './undo';

export const historyHandlers = defineHandlers({
  'history.undo': (input, ctx) => undoWrite(ctx, input.seq),
});
