import type { ImportBatchRow } from '../../../dto/exchange';
import type { UndoResult } from '../../../dto/records';
import type { CoreContext } from '../../context';
import { AppError } from '../../errors';
import { undoWrite } from '../../history/undo';
import { texts } from '../texts';

interface BatchDbRow {
  id: number;
  seq: number;
  createdAt: string;
  actor: string;
  files: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  undoneAt: string | null;
}

const SELECT = `SELECT id, seq, created_at AS createdAt, actor, files, inserted, updated, unchanged, rejected, undone_at AS undoneAt FROM exchange_import_batch`;

export function listBatches(ctx: CoreContext, limit = 100): ImportBatchRow[] {
  return ctx
    .db()
    .all<BatchDbRow>(`${SELECT} ORDER BY id DESC LIMIT ?`, [limit])
    .map((b) => ({ ...b, files: JSON.parse(b.files) as ImportBatchRow['files'] }));
}

/**
 * Undoes an import batch as a whole: its write is undone from the audit log (history.undo), so
 * later edits to other records stay; it is refused, with the reason, when a later edit touched a
 * record the batch wrote. The batch stays in the list, marked undone.
 */
export function undoBatch(ctx: CoreContext, batchId: number): UndoResult {
  const batch = ctx.db().get<BatchDbRow>(`${SELECT} WHERE id = ?`, [batchId]);
  if (!batch) throw new AppError('NOT_FOUND', texts.batchNotFound);
  if (batch.undoneAt) throw new AppError('CONFLICT', texts.batchAlreadyUndone);
  let undone: UndoResult;
  try {
    undone = undoWrite(ctx, batch.seq);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('CONFLICT', texts.batchNothingToUndo);
    if (error instanceof AppError && error.code === 'CONFLICT') throw new AppError('CONFLICT', texts.batchUndoConflict(error.message.replace(/^无法撤销：/, '')));
    throw error;
  }
  ctx.write('exchange.import.undone', (db) => {
    db.run('UPDATE exchange_import_batch SET undone_seq = ?, undone_at = ? WHERE id = ?', [undone.seq, ctx.now(), batchId]);
  });
  return undone;
}
