import type { CommunityBar, DashboardSummary } from '../../dto/dashboard';
import type { ReadDb } from '../db/sqlite';

export function dashboardSummary(db: ReadDb): DashboardSummary {
  const count = (sql: string): number => db.value<number>(sql) ?? 0;
  const byCommunity = db.all<CommunityBar>(
    `SELECT c.code, c.name,
       (SELECT count(*) FROM grid g WHERE g.community_id = c.id AND g.kind <> '专属网格') AS basicGrids,
       (SELECT count(*) FROM grid g WHERE g.community_id = c.id AND g.kind = '专属网格') AS dedicatedGrids,
       (SELECT count(*) FROM rooms h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
          WHERE g.community_id = c.id) AS households
     FROM community c ORDER BY c.code`,
  );
  return {
    communities: count('SELECT count(*) FROM community'),
    grids: count('SELECT count(*) FROM grid'),
    dedicatedGrids: count("SELECT count(*) FROM grid WHERE kind = '专属网格'"),
    buildings: count('SELECT count(*) FROM building'),
    households: count('SELECT count(*) FROM rooms'),
    residents: count('SELECT count(*) FROM resident'),
    byCommunity,
  };
}
