import type { PartyOrgNode, ScopeCommunity, ScopeCounts, ScopeGrid, TalliedRoster } from '../../dto/rosters';
import type { ReadDb } from '../db/sqlite';
import { AppError } from '../errors';
import { rosters } from './catalog';

/** The governance tree (社区 → 网格 → 楼栋) every roster page filters by. */
export function scopeTree(db: ReadDb): ScopeCommunity[] {
  const communities = db.all<{ id: number; code: string; name: string }>('SELECT id, code, name FROM community ORDER BY code');
  const grids = db.all<{ id: number; communityId: number; code: string; name: string; kind: string }>(
    'SELECT id, community_id AS communityId, code, name, kind FROM grid ORDER BY code',
  );
  const buildings = db.all<{ gridId: number; code: string; name: string }>('SELECT grid_id AS gridId, code, name FROM building ORDER BY code');
  const byGrid = new Map<number, ScopeGrid>();
  const byCommunity = new Map<number, ScopeCommunity>(communities.map((c) => [c.id, { code: c.code, name: c.name, grids: [] }]));
  for (const g of grids) {
    const node: ScopeGrid = { code: g.code, name: g.name, kind: g.kind, buildings: [] };
    byGrid.set(g.id, node);
    byCommunity.get(g.communityId)?.grids.push(node);
  }
  for (const b of buildings) byGrid.get(b.gridId)?.buildings.push({ code: b.code, name: b.name });
  return [...byCommunity.values()];
}

/**
 * A roster's rows per community and grid, in one pass (its tally) rather than a count per node:
 * the street has hundreds of grids. A grid's rows count in its community too.
 */
export function scopeCounts(db: ReadDb, roster: TalliedRoster): ScopeCounts {
  const def = rosters[roster];
  if (!def.tally) throw new AppError('INTERNAL', `${def.title}没有区域计数`);
  const gridsOf = new Map(
    db.all<{ id: number; code: string; community: string }>('SELECT g.id, g.code, c.code AS community FROM grid g JOIN community c ON c.id = g.community_id').map((g) => [g.id, g]),
  );
  const communityCode = new Map(db.all<{ id: number; code: string }>('SELECT id, code FROM community').map((c) => [c.id, c.code]));
  const communities: Record<string, number> = Object.fromEntries([...communityCode.values()].map((code) => [code, 0]));
  const grids: Record<string, number> = Object.fromEntries([...gridsOf.values()].map((g) => [g.code, 0]));
  for (const row of db.all<{ grid_id: number | null; community_id: number | null; n: number }>(def.tally.sql)) {
    const grid = row.grid_id === null ? undefined : gridsOf.get(row.grid_id);
    const community = grid?.community ?? (row.community_id === null ? undefined : communityCode.get(row.community_id));
    if (grid) grids[grid.code] = (grids[grid.code] ?? 0) + row.n;
    if (community) communities[community] = (communities[community] ?? 0) + row.n;
  }
  const total = db.value<number>(`SELECT count(*) FROM ${def.base}`) ?? 0;
  return { roster, total, communities, grids, tables: [...def.tally.tables] };
}

/**
 * The party tree (党工委 → 党委/党总支 → 党支部 → 党小组) with member counts derived by query: a
 * 支部 over 50 members is flagged (中国共产党支部工作条例（试行）: a 支部 normally has ≤ 50), and a
 * term past its end (换届 overdue).
 */
export function partyTree(db: ReadDb, today: string): PartyOrgNode[] {
  const rows = db.all<{ id: number; parentId: number | null; code: string; name: string; kind: string; secretaryName: string | null; termEndsOn: string | null; members: number }>(
    `SELECT o.id, o.parent_id AS parentId, o.code, o.name, o.kind, p.name AS secretaryName, o.term_ends_on AS termEndsOn,
       (SELECT count(*) FROM party_member m WHERE m.org_id = o.id) + (SELECT count(*) FROM party_member m WHERE m.group_id = o.id) AS members
     FROM party_org o LEFT JOIN person p ON p.id = o.secretary_person_id ORDER BY o.code`,
  );
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  // Members of a 党小组 are members of its 支部 too (their org_id): a 支部's total leaves its groups out.
  const total = (r: (typeof rows)[number]): number =>
    r.kind === '党小组' ? r.members : r.members + (children.get(r.id) ?? []).filter((c) => c.kind !== '党小组').reduce((sum, c) => sum + total(c), 0);
  return rows.map((r) => {
    const totalMembers = total(r);
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentCode: r.parentId === null ? null : (codeOf.get(r.parentId) ?? null),
      secretaryName: r.secretaryName,
      termEndsOn: r.termEndsOn,
      members: r.members,
      totalMembers,
      oversized: (r.kind === '党支部' || r.kind === '联合党支部') && totalMembers > 50,
      termExpired: r.termEndsOn !== null && r.termEndsOn < today,
    };
  });
}
