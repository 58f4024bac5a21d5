/**
 * Figures for the large screens. Aggregates only: a board never carries a name, an ID number
 * or a phone (个人信息保护法; RULES.md "public screens show aggregates only").
 */
export interface Share {
  label: string;
  value: number;
}

export interface OverviewFigures {
  communities: number;
  grids: number;
  basicGrids: number;
  dedicatedGrids: number;
  buildings: number;
  households: number;
  residents: number;
  partyOrgs: number;
  members: number;
  gridWorkers: number;
  coverage: {
    /** Basic grids that have a 党支部 of their own. */
    gridsWithBranch: number;
    /** 党支部/联合党支部 with a secretary. */
    branchesWithSecretary: number;
    branches: number;
    /** Basic grids staffed as the active rule profile asks (default 1+1+1+N: 网格长, 网格管理员, 专职网格员, ≥1 兼职网格员). */
    gridsFullyStaffed: number;
    /** The staffing rule applied, as shown beside the figure: `1+1+1+N`. */
    staffingProfile: string;
  };
}

export interface PartyFigures {
  byCategory: Share[];
  byAgeBand: Share[];
  byEducation: Share[];
  byPartyAge: Share[];
  orgsByKind: Share[];
  /** 预备党员 whose year ends this month. */
  dueForConfirmation: number;
  /** 预备党员 past their year, neither confirmed nor extended. */
  overdueConfirmation: number;
  inService: number;
  reported: number;
}

export interface GridFigure {
  code: string;
  name: string;
  communityName: string;
  dedicated: boolean;
  households: number;
  residents: number;
  eventsLast30Days: number;
  /** People missing under the active staffing profile (0 when fully staffed; always 0 for a 专属网格). */
  staffingGaps: number;
  boundary: string | null;
}

export interface CommunityRank {
  code: string;
  name: string;
  households: number;
  residents: number;
  members: number;
  eventsLast30Days: number;
  resolutionRate: number;
}

export interface TickerEvent {
  code: string;
  /** As typed, with any name, ID number or phone number of a person masked. */
  title: string;
  category: string | null;
  whistle: string | null;
  status: string;
  gridName: string;
  reportedAt: string;
}

export interface EventFigures {
  ticker: TickerEvent[];
  byWhistle: Share[];
  byStatus: Share[];
  /** Shares 0–1 over the last 365 days. */
  responseRate: number;
  resolutionRate: number;
  satisfactionRate: number;
  trend: { day: string; reported: number; closed: number }[];
  overdue: number;
}

export interface BoardFigures {
  generatedAt: string;
  streetName: string;
  overview: OverviewFigures;
  party: PartyFigures;
  grids: GridFigure[];
  communities: CommunityRank[];
  events: EventFigures;
}
