import { boardFigures, type Clock } from '../src-main/core/dashboard/boards';
import { dashboardSummary } from '../src-main/core/dashboard/queries';
import type { ReadDb } from '../src-main/core/db/sqlite';
import type { RosterPage, RosterQuery } from '../src-main/dto/rosters';
import { rosters } from '../src-main/core/rosters/catalog';
import { countRows, rosterPage } from '../src-main/core/rosters/query';

const TODAY = '2026-11-21';

/** A roster page request as the renderer's infinite row model makes it. */
export interface PageRequest {
  query: RosterQuery;
  offset: number;
  withTotal: boolean;
}

const query = (q: Partial<RosterQuery>): RosterQuery => ({ roster: 'residents', scope: {}, filters: {}, search: '', sort: [], ...q });

/** Roster pages as people use them: a scope, a filter or a search, a sort, somewhere in the list. */
export function pageQueries(db: ReadDb): PageRequest[] {
  // The start of an ID as people type it: the region code alone (150102) matches nearly everyone.
  const idStart = (db.value<string>('SELECT id_number FROM person ORDER BY id LIMIT 1 OFFSET 5000') ?? '15010219800101').slice(0, 10);
  const communities = db.all<{ code: string }>('SELECT code FROM community ORDER BY code').map((r) => r.code);
  const grids = db.all<{ code: string }>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code").map((r) => r.code);
  const requests: PageRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const community = communities[i % communities.length] ?? '';
    const grid = grids[(i * 7) % grids.length] ?? '';
    requests.push(
      { query: query({ scope: { communityCode: community }, sort: [{ column: 'name', desc: false }] }), offset: (i % 5) * 100, withTotal: i % 5 === 0 },
      {
        query: query({ scope: { communityCode: community }, filters: { personType: { kind: 'set', values: ['流动人口'] } }, sort: [{ column: 'birthDate', desc: true }] }),
        offset: 0,
        withTotal: true,
      },
      { query: query({ scope: { gridCode: grid }, sort: [{ column: 'idNumber', desc: false }] }), offset: 0, withTotal: true },
      { query: query({ search: ['王', '李', '张', '刘', idStart][i % 5] ?? '', sort: [{ column: 'name', desc: false }] }), offset: 0, withTotal: true },
      { query: query({ sort: [{ column: 'updatedAt', desc: true }] }), offset: i * 1000, withTotal: false },
    );
  }
  return requests;
}

/**
 * The four roster operations the issue measures, each as the renderer asks for it: the rows of the
 * first block (roster.page without the count) and, beside them, the count of the view
 * (roster.count, see `residentCount`): the first page of residents, a sort, a filter, and a quick
 * search (name, ID, phone, address).
 */
export function rosterOperations(db: ReadDb): Record<'firstPage' | 'sort' | 'filter' | 'search', PageRequest[]> {
  const communities = db.all<{ code: string }>('SELECT code FROM community ORDER BY code').map((r) => r.code);
  const grids = db.all<{ code: string }>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code").map((r) => r.code);
  const samples = db.all<{ name: string; idNumber: string; phone: string | null; address: string | null }>(
    `SELECT p.name, p.id_number AS idNumber, p.phone, r.address FROM resident r JOIN person p ON p.id = r.person_id
     WHERE r.id % 997 = 0 AND p.phone IS NOT NULL AND r.address IS NOT NULL LIMIT 40`,
  );
  const first = (q: RosterQuery): PageRequest => ({ query: q, offset: 0, withTotal: false });
  const sortColumns = ['name', 'birthDate', 'idNumber', 'phone', 'personType', 'address', 'gridCode'];
  const ops = { firstPage: [] as PageRequest[], sort: [] as PageRequest[], filter: [] as PageRequest[], search: [] as PageRequest[] };
  for (let i = 0; i < 40; i++) {
    const community = communities[i % communities.length] ?? '';
    const grid = grids[(i * 7) % grids.length] ?? '';
    const s = samples[i % samples.length];
    ops.firstPage.push(first(query({})), first(query({ scope: { communityCode: community } })));
    ops.sort.push(first(query({ sort: [{ column: sortColumns[i % sortColumns.length] ?? 'name', desc: i % 2 === 1 }] })));
    ops.filter.push(
      first(query({ filters: { personType: { kind: 'set', values: ['流动人口'] } } })),
      first(query({ scope: { gridCode: grid }, filters: { residence: { kind: 'set', values: ['人在户不在'] } } })),
      first(query({ filters: { birthDate: { kind: 'range', from: `${1950 + (i % 40)}-01-01`, to: `${1950 + (i % 40)}-12-31` } } })),
      first(query({ filters: { name: { kind: 'text', op: 'startsWith', value: ['王', '李', '张', '刘'][i % 4] ?? '王' } } })),
    );
    if (s) {
      const address = s.address ?? '';
      ops.search.push(
        first(query({ search: s.name })),
        first(query({ search: s.idNumber.slice(0, 10) })),
        first(query({ search: (s.phone ?? '').slice(0, 7) })),
        first(query({ search: address.slice(0, Math.min(address.length, 8)) })),
        first(query({ search: address.slice(3, 12) })),
      );
    }
  }
  return ops;
}

export function residentPage(db: ReadDb, r: PageRequest): RosterPage {
  return rosterPage(db, rosters.residents, r.query, { offset: r.offset, limit: 100, withTotal: r.withTotal, today: TODAY });
}

export function residentCount(db: ReadDb, r: PageRequest): number {
  return countRows(db, rosters.residents, r.query, TODAY);
}

export function firstFigures(db: ReadDb): number {
  return dashboardSummary(db).residents;
}

export function allAggregates(db: ReadDb, clock: Clock): number {
  return boardFigures(db, clock).grids.length;
}
