import { boardFigures, type Clock } from '../src-main/core/dashboard/boards';
import { dashboardSummary } from '../src-main/core/dashboard/queries';
import type { ReadDb } from '../src-main/core/db/sqlite';
import { residentPage, type ResidentPageQuery } from '../src-main/core/people/queries';

/** Roster pages as people use them: a scope, a filter or a search, a sort, somewhere in the list. */
export function pageQueries(db: ReadDb): ResidentPageQuery[] {
  const communities = db.all<{ code: string }>('SELECT code FROM community ORDER BY code').map((r) => r.code);
  const grids = db.all<{ code: string }>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code").map((r) => r.code);
  const queries: ResidentPageQuery[] = [];
  for (let i = 0; i < 40; i++) {
    const community = communities[i % communities.length];
    const grid = grids[(i * 7) % grids.length];
    queries.push(
      { communityCode: community, sort: { field: 'name', desc: false }, offset: (i % 5) * 100, limit: 100 },
      { communityCode: community, personType: '流动人口', sort: { field: 'birthDate', desc: true }, offset: 0, limit: 100 },
      { gridCode: grid, sort: { field: 'idNumber', desc: false }, offset: 0, limit: 100 },
      { search: ['王', '李', '张', '刘', '150102'][i % 5], sort: { field: 'name', desc: false }, offset: 0, limit: 100 },
      { sort: { field: 'updatedAt', desc: true }, offset: i * 1000, limit: 100 },
    );
  }
  return queries;
}

export function firstFigures(db: ReadDb): number {
  return dashboardSummary(db).residents;
}

export function allAggregates(db: ReadDb, clock: Clock): number {
  return boardFigures(db, clock).grids.length;
}

export { residentPage };
