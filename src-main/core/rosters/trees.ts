import type { PartyOrgNode, ScopeCommunity, ScopeGrid } from '../../dto/rosters';
import type { ReadDb } from '../db/sqlite';

/** The governance tree (社区 → 网格 → 楼栋) every roster page filters by, with resident counts per grid. */
export function scopeTree(db: ReadDb): ScopeCommunity[] {
  const communities = db.all<{ id: number; code: string; name: string }>('SELECT id, code, name FROM community ORDER BY code');
  // One pass over the resident_grid index counts every grid at once.
  const grids = db.all<{ id: number; communityId: number; code: string; name: string; kind: string; residents: number }>(
    `SELECT g.id, g.community_id AS communityId, g.code, g.name, g.kind, ifnull(n.residents, 0) AS residents
     FROM grid g LEFT JOIN (SELECT grid_id, count(*) AS residents FROM resident GROUP BY grid_id) n ON n.grid_id = g.id ORDER BY g.code`,
  );
  const buildings = db.all<{ gridId: number; code: string; name: string }>('SELECT grid_id AS gridId, code, name FROM building ORDER BY code');
  const byGrid = new Map<number, ScopeGrid>();
  const byCommunity = new Map<number, ScopeCommunity>(communities.map((c) => [c.id, { code: c.code, name: c.name, residents: 0, grids: [] }]));
  for (const g of grids) {
    const node: ScopeGrid = { code: g.code, name: g.name, kind: g.kind, residents: g.residents, buildings: [] };
    byGrid.set(g.id, node);
    const community = byCommunity.get(g.communityId);
    if (community) {
      community.grids.push(node);
      community.residents += g.residents;
    }
  }
  for (const b of buildings) byGrid.get(b.gridId)?.buildings.push({ code: b.code, name: b.name });
  return [...byCommunity.values()];
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
