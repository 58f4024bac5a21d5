export interface CommunityBar {
  code: string;
  name: string;
  basicGrids: number;
  dedicatedGrids: number;
  households: number;
}

export interface DashboardSummary {
  communities: number;
  grids: number;
  dedicatedGrids: number;
  buildings: number;
  households: number;
  residents: number;
  byCommunity: CommunityBar[];
}
