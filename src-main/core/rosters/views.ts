import type { SavedView, ViewState } from '../../dto/rosters';
import { viewState } from '../../dto/rosters';
import type { CoreContext } from '../context';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import { log } from '../log';
import { T } from './texts';

interface ViewRow {
  page: string;
  name: string;
  state: string;
  updatedAt: string;
}

/** A stored state that no longer parses (an older app wrote it) is skipped, not shown half-applied. */
function toView(row: ViewRow): SavedView | null {
  const parsed = viewState.safeParse(JSON.parse(row.state));
  if (!parsed.success) {
    log.warn(`saved view "${row.page}/${row.name}" no longer matches the view format; skipped`);
    return null;
  }
  return { page: row.page, name: row.name, state: parsed.data, updatedAt: row.updatedAt };
}

export function listViews(db: ReadDb, page: string): SavedView[] {
  return db
    .all<ViewRow>('SELECT page, name, state, updated_at AS updatedAt FROM saved_view WHERE page = ? ORDER BY name', [page])
    .flatMap((r) => toView(r) ?? []);
}

/** Saves (or replaces) a named view of a roster page: its filters, columns, sort and frozen columns. */
export function saveView(ctx: CoreContext, page: string, name: string, state: ViewState): SavedView {
  const now = ctx.now();
  ctx.write(`views.save:${page}`, (db) =>
    db.run(
      `INSERT INTO saved_view (page, name, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (page, name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [page, name, JSON.stringify(state), now],
    ),
  );
  return { page, name, state, updatedAt: now };
}

export function removeView(ctx: CoreContext, page: string, name: string): { seq: number } {
  const written = ctx.write(`views.remove:${page}`, (db) => db.run('DELETE FROM saved_view WHERE page = ? AND name = ?', [page, name]));
  if (written.value === 0) throw new AppError('NOT_FOUND', T.viewNotFound(name));
  return { seq: written.seq };
}
