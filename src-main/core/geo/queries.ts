import type { CommunityKind, CommunityRow, DedicatedGridKind, GridKind, GridRow } from '../../dto/geo';
import type { ReadDb } from '../db/sqlite';

interface CommunityRecord {
  code: string;
  name: string;
  kind: CommunityKind;
  gridCount: number;
  dedicatedGridCount: number;
  buildingCount: number;
  householdCount: number;
  residentCount: number;
}

// Counts are derived here, never stored: a grid's households are whatever its buildings hold.
export function listCommunities(db: ReadDb): CommunityRow[] {
  return db.all<CommunityRecord>(
    `SELECT c.code, c.name, c.kind,
       (SELECT count(*) FROM grid g WHERE g.community_id = c.id) AS gridCount,
       (SELECT count(*) FROM grid g WHERE g.community_id = c.id AND g.kind = '专属网格') AS dedicatedGridCount,
       (SELECT count(*) FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.community_id = c.id) AS buildingCount,
       (SELECT count(*) FROM rooms h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
          WHERE g.community_id = c.id) AS householdCount,
       (SELECT count(*) FROM resident r JOIN grid g ON g.id = r.grid_id WHERE g.community_id = c.id) AS residentCount
     FROM community c ORDER BY c.code`,
  );
}

interface GridRecord {
  code: string;
  name: string;
  communityCode: string;
  communityName: string;
  kind: GridKind;
  dedicatedKind: DedicatedGridKind | null;
  buildingCount: number;
  householdCount: number;
  residentCount: number;
  hasBoundary: number;
}

export function listGrids(db: ReadDb, communityCode?: string): GridRow[] {
  const rows = db.all<GridRecord>(
    `SELECT g.code, g.name, c.code AS communityCode, c.name AS communityName, g.kind,
       g.dedicated_kind AS dedicatedKind,
       (SELECT count(*) FROM building b WHERE b.grid_id = g.id) AS buildingCount,
       (SELECT count(*) FROM rooms h JOIN building b ON b.id = h.building_id WHERE b.grid_id = g.id) AS householdCount,
       (SELECT count(*) FROM resident r WHERE r.grid_id = g.id) AS residentCount,
       g.boundary IS NOT NULL AS hasBoundary
     FROM grid g JOIN community c ON c.id = g.community_id
     WHERE $community IS NULL OR c.code = $community
     ORDER BY g.code`,
    { $community: communityCode ?? null },
  );
  return rows.map((r) => ({ ...r, hasBoundary: r.hasBoundary === 1 }));
}
