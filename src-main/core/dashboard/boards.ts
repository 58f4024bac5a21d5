import type { BoardFigures, CommunityRank, EventFigures, GridFigure, OverviewFigures, PartyFigures, Share, TickerEvent } from '../../dto/boards';
import type { ReadDb } from '../db/sqlite';
import { maskText, personNamesIn } from './mask';
import { activeStaffingProfile, staffingGaps, type StaffingProfile } from './staffingRule';

/**
 * Every figure the large screens show, computed from the database. The big tables are read
 * once each, through covering indexes (migrations 0005 and 0007), in parts that can be read
 * again one by one (`partSources`), and the figures are composed from the parts here.
 */

const OPEN = "('受理', '转办', '处置中')";
const ACTIVE_MEMBER = "m.status NOT IN ('已转出', '停止党籍')";
const GRID_WORKER_ROLES = "('网格长', '网格管理员', '专职网格员', '兼职网格员', '专业网格员')";

/** What "today" is for the figures: `today` YYYY-MM-DD, `now` ISO with +08:00. */
export interface Clock {
  today: string;
  now: string;
}

/** The calendar day `days` from `day`, as YYYY-MM-DD. */
function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const shiftYears = (day: string, years: number): string => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

const count = (db: ReadDb, sql: string, params?: (string | number)[]): number => db.value<number>(sql, params) ?? 0;

type PerGrid = Map<number, number>;
interface GridEvents {
  recent: number;
  year: number;
  resolved: number;
}

/** Per grid: rooms, residents, events in the last 30 days and over the year, staffing. */
interface GridCounts {
  households: PerGrid;
  residents: PerGrid;
  events: Map<number, GridEvents>;
  /** Current grid workers per grid and role. */
  staffing: Map<number, Map<string, number>>;
}

const perGrid = (db: ReadDb, sql: string, params?: (string | number)[]): PerGrid =>
  new Map(db.all<{ id: number; n: number }>(sql, params).map((r) => [r.id, r.n]));

const householdsByGrid = (db: ReadDb): PerGrid =>
  perGrid(db, 'SELECT b.grid_id AS id, count(*) AS n FROM rooms h JOIN building b ON b.id = h.building_id GROUP BY b.grid_id');

const residentsByGrid = (db: ReadDb): PerGrid => perGrid(db, 'SELECT grid_id AS id, count(*) AS n FROM resident GROUP BY grid_id');

function eventsByGrid(db: ReadDb, clock: Clock): Map<number, GridEvents> {
  const events = new Map<number, GridEvents>();
  for (const r of db.all<{ id: number; year: number; recent: number; resolved: number }>(
    `SELECT grid_id AS id, count(*) AS year, sum(reported_at >= ?) AS recent, sum(status NOT IN ${OPEN}) AS resolved
     FROM event WHERE reported_at >= ? GROUP BY grid_id`,
    [shiftDay(clock.today, -30), shiftDay(clock.today, -365)],
  )) {
    events.set(r.id, { recent: r.recent, year: r.year, resolved: r.resolved });
  }
  return events;
}

function staffByGrid(db: ReadDb): Map<number, Map<string, number>> {
  const staffing = new Map<number, Map<string, number>>();
  for (const r of db.all<{ id: number; role: string; n: number }>(
    'SELECT grid_id AS id, role, count(*) AS n FROM staff_assignment WHERE grid_id IS NOT NULL AND until IS NULL GROUP BY grid_id, role',
  )) {
    const roles = staffing.get(r.id) ?? new Map<string, number>();
    roles.set(r.role, r.n);
    staffing.set(r.id, roles);
  }
  return staffing;
}

interface GridRecord {
  id: number;
  code: string;
  name: string;
  communityId: number;
  communityName: string;
  dedicated: number;
  boundary: string | null;
}

function gridRecords(db: ReadDb): GridRecord[] {
  return db.all<GridRecord>(
    `SELECT g.id, g.code, g.name, c.id AS communityId, c.name AS communityName, g.kind = '专属网格' AS dedicated, g.boundary
     FROM grid g JOIN community c ON c.id = g.community_id ORDER BY g.code`,
  );
}

/** Whole-street counts, each a count over one table (or two for coverage). */
interface TableCounts {
  communities: number;
  buildings: number;
  partyOrgs: number;
  members: number;
  gridWorkers: number;
  gridsWithBranch: number;
  branchesWithSecretary: number;
  branches: number;
}

function tableCounts(db: ReadDb): TableCounts {
  return {
    communities: count(db, 'SELECT count(*) FROM community'),
    buildings: count(db, 'SELECT count(*) FROM building'),
    partyOrgs: count(db, 'SELECT count(*) FROM party_org'),
    members: count(db, `SELECT count(*) FROM party_member m WHERE ${ACTIVE_MEMBER}`),
    gridWorkers: count(db, `SELECT count(DISTINCT person_id) FROM staff_assignment WHERE until IS NULL AND role IN ${GRID_WORKER_ROLES}`),
    gridsWithBranch: count(
      db,
      "SELECT count(*) FROM grid g WHERE g.kind <> '专属网格' AND EXISTS (SELECT 1 FROM party_org o WHERE o.grid_id = g.id AND o.kind IN ('党支部', '联合党支部'))",
    ),
    branchesWithSecretary: count(db, "SELECT count(*) FROM party_org WHERE kind IN ('党支部', '联合党支部') AND secretary_person_id IS NOT NULL"),
    branches: count(db, "SELECT count(*) FROM party_org WHERE kind IN ('党支部', '联合党支部')"),
  };
}

export function overviewFigures(counts: TableCounts, grids: GridRecord[], perGrid: GridCounts, profile: StaffingProfile): OverviewFigures {
  const basic = grids.filter((g) => g.dedicated === 0);
  const { gridsWithBranch, branchesWithSecretary, branches, ...totals } = counts;
  // Every room is in a building of a grid and every resident in a grid: the street's totals are
  // the sums of the per-grid counts, which are read anyway.
  const sum = (perGridCounts: PerGrid): number => [...perGridCounts.values()].reduce((a, b) => a + b, 0);
  return {
    ...totals,
    households: sum(perGrid.households),
    residents: sum(perGrid.residents),
    grids: grids.length,
    basicGrids: basic.length,
    dedicatedGrids: grids.length - basic.length,
    coverage: {
      gridsWithBranch,
      branchesWithSecretary,
      branches,
      gridsFullyStaffed: basic.filter((g) => staffingGaps(profile, perGrid.staffing.get(g.id)) === 0).length,
      staffingProfile: profile.label,
    },
  };
}

/** One pass over the members: every band is a sum over the same rows. */
export function partyFigures(db: ReadDb, clock: Clock): PartyFigures {
  const t = clock.today;
  const monthStart = `${t.slice(0, 7)}-01`;
  const nextMonth = shiftDay(`${t.slice(0, 7)}-28`, 4).slice(0, 7) + '-01';
  // A member born after this day is at most this old (age bands); 党龄 counts from 转正.
  const bornAfter = (years: number): string => shiftYears(t, -years);
  const r =
    db.get<Record<string, number>>(
      `SELECT count(*) AS total, sum(m.category = '正式党员') AS formal, sum(m.category = '预备党员') AS probationary,
         sum(p.birth_date > ?) AS a1, sum(p.birth_date <= ? AND p.birth_date > ?) AS a2, sum(p.birth_date <= ? AND p.birth_date > ?) AS a3,
         sum(p.birth_date <= ? AND p.birth_date > ?) AS a4, sum(p.birth_date <= ?) AS a5,
         sum(p.education = '研究生') AS e1, sum(p.education = '本科') AS e2, sum(p.education = '大专') AS e3,
         sum(p.education = '高中/中专') AS e4, sum(p.education = '初中及以下') AS e5, sum(p.education IS NULL) AS e6,
         sum(m.confirmed_on > ?) AS y1, sum(m.confirmed_on <= ? AND m.confirmed_on > ?) AS y2, sum(m.confirmed_on <= ? AND m.confirmed_on > ?) AS y3,
         sum(m.confirmed_on <= ? AND m.confirmed_on > ?) AS y4, sum(m.confirmed_on <= ?) AS y5,
         sum(m.category = '预备党员' AND CASE WHEN m.probation_extended_to IS NULL THEN m.joined_on >= ? AND m.joined_on < ?
           ELSE m.probation_extended_to >= ? AND m.probation_extended_to < ? END) AS due,
         sum(m.category = '预备党员' AND CASE WHEN m.probation_extended_to IS NULL THEN m.joined_on < ? ELSE m.probation_extended_to < ? END) AS overdue,
         sum(m.in_service) AS inService, sum(m.in_service AND m.reported_community_id IS NOT NULL) AS reported
       FROM party_member m JOIN person p ON p.id = m.person_id WHERE ${ACTIVE_MEMBER}`,
      [
        bornAfter(31), bornAfter(31), bornAfter(46), bornAfter(46), bornAfter(61), bornAfter(61), bornAfter(71), bornAfter(71),
        bornAfter(5), bornAfter(5), bornAfter(10), bornAfter(10), bornAfter(20), bornAfter(20), bornAfter(30), bornAfter(30),
        // The year of probation ends a year after the vote (or on the extended date): compared on
        // the vote's date a year back, the bounds stay plain strings (no date() per row).
        shiftYears(monthStart, -1), shiftYears(nextMonth, -1), monthStart, nextMonth,
        shiftYears(monthStart, -1), monthStart,
      ],
    ) ?? {};
  const v = (key: string): number => r[key] ?? 0;
  const share = (label: string, key: string): Share => ({ label, value: v(key) });
  return {
    byCategory: [share('正式党员', 'formal'), share('预备党员', 'probationary')],
    byAgeBand: [share('30岁及以下', 'a1'), share('31–45岁', 'a2'), share('46–60岁', 'a3'), share('61–70岁', 'a4'), share('70岁以上', 'a5')],
    byEducation: [share('研究生', 'e1'), share('本科', 'e2'), share('大专', 'e3'), share('高中/中专', 'e4'), share('初中及以下', 'e5'), share('未填写', 'e6')].filter(
      (s) => s.label !== '未填写' || s.value > 0,
    ),
    byPartyAge: [share('5年以下', 'y1'), share('5–9年', 'y2'), share('10–19年', 'y3'), share('20–29年', 'y4'), share('30年及以上', 'y5')],
    orgsByKind: db.all<Share>(
      `SELECT kind AS label, count(*) AS value FROM party_org GROUP BY kind
       ORDER BY CASE kind WHEN '党工委' THEN 1 WHEN '党委' THEN 2 WHEN '党总支' THEN 3 WHEN '党支部' THEN 4 WHEN '联合党支部' THEN 5 ELSE 6 END`,
    ),
    dueForConfirmation: v('due'),
    overdueConfirmation: v('overdue'),
    inService: v('inService'),
    reported: v('reported'),
  };
}

export function gridFigures(grids: GridRecord[], counts: GridCounts, profile: StaffingProfile): GridFigure[] {
  return grids.map((g) => ({
    code: g.code,
    name: g.name,
    communityName: g.communityName,
    dedicated: g.dedicated === 1,
    households: counts.households.get(g.id) ?? 0,
    residents: counts.residents.get(g.id) ?? 0,
    eventsLast30Days: counts.events.get(g.id)?.recent ?? 0,
    staffingGaps: g.dedicated === 1 ? 0 : staffingGaps(profile, counts.staffing.get(g.id)),
    boundary: g.boundary,
  }));
}

interface CommunityRecord {
  id: number;
  code: string;
  name: string;
}

const communityRecords = (db: ReadDb): CommunityRecord[] => db.all<CommunityRecord>('SELECT id, code, name FROM community ORDER BY code');

/** Active members per community: through their branch's community, or its grid's. */
const membersByCommunity = (db: ReadDb): Map<number, number> =>
  new Map(
    db
      .all<{ id: number; n: number }>(
        `SELECT coalesce(o.community_id, g.community_id) AS id, count(*) AS n
         FROM party_member m JOIN party_org o ON o.id = m.org_id LEFT JOIN grid g ON g.id = o.grid_id
         WHERE ${ACTIVE_MEMBER} GROUP BY 1`,
      )
      .map((r) => [r.id, r.n]),
  );

export function communityRanking(communities: CommunityRecord[], grids: GridRecord[], counts: GridCounts, members: Map<number, number>): CommunityRank[] {
  return communities
    .map((c) => {
      const own = grids.filter((g) => g.communityId === c.id);
      const sum = (pick: (id: number) => number): number => own.reduce((s, g) => s + pick(g.id), 0);
      const year = sum((id) => counts.events.get(id)?.year ?? 0);
      const resolved = sum((id) => counts.events.get(id)?.resolved ?? 0);
      return {
        code: c.code,
        name: c.name,
        households: sum((id) => counts.households.get(id) ?? 0),
        residents: sum((id) => counts.residents.get(id) ?? 0),
        members: members.get(c.id) ?? 0,
        eventsLast30Days: sum((id) => counts.events.get(id)?.recent ?? 0),
        resolutionRate: year > 0 ? Math.round((resolved / year) * 10000) / 10000 : 0,
      };
    })
    .sort((a, b) => b.residents - a.residents);
}

const WHISTLES = ['问题哨', '服务哨', '攻坚哨', '应急哨'];
const STATUSES = ['受理', '转办', '处置中', '已反馈', '已评价', '已公示', '已归档'];

/** The newest events for the ticker; a title is typed by a person and may quote a resident: the hall sees it masked. */
export function tickerEvents(db: ReadDb): TickerEvent[] {
  const newest = db.all<TickerEvent>(
    `SELECT e.code, e.title, e.category, e.whistle, e.status, g.name AS gridName, e.reported_at AS reportedAt
     FROM event e JOIN grid g ON g.id = e.grid_id ORDER BY e.reported_at DESC, e.id DESC LIMIT 20`,
  );
  const names = personNamesIn(db, newest.map((e) => e.title));
  return newest.map((e) => ({ ...e, title: maskText(e.title, names) }));
}

/** Everything on the events board but the ticker: one pass over the year's events by kind. */
export function eventFigures(db: ReadDb, clock: Clock): Omit<EventFigures, 'ticker'> {
  const yearAgo = shiftDay(clock.today, -365);
  const since = shiftDay(clock.today, -29);
  const kinds = db.all<{ whistle: string | null; status: string; satisfaction: string | null; n: number }>(
    'SELECT whistle, status, satisfaction, count(*) AS n FROM event WHERE reported_at >= ? GROUP BY whistle, status, satisfaction',
    [yearAgo],
  );
  const total = kinds.reduce((s, k) => s + k.n, 0);
  const where = (test: (k: (typeof kinds)[number]) => boolean): number => kinds.filter(test).reduce((s, k) => s + k.n, 0);
  const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
  const rated = where((k) => k.satisfaction !== null);

  const daily = (column: 'reported_at' | 'closed_at'): Map<string, number> =>
    new Map(
      db
        .all<{ day: string; n: number }>(`SELECT substr(${column}, 1, 10) AS day, count(*) AS n FROM event WHERE ${column} >= ? GROUP BY day`, [since])
        .map((r) => [r.day, r.n]),
    );
  const reported = daily('reported_at');
  const closed = daily('closed_at');
  const unclassified = where((k) => k.whistle === null);
  return {
    byWhistle: [
      ...WHISTLES.map((label) => ({ label, value: where((k) => k.whistle === label) })),
      ...(unclassified > 0 ? [{ label: '未分类', value: unclassified }] : []),
    ],
    byStatus: STATUSES.map((label) => ({ label, value: where((k) => k.status === label) })),
    // 响应率: answered beyond 受理; 解决率: past 处置; 满意率: 满意 + 基本满意 of those rated.
    responseRate: ratio(where((k) => k.status !== '受理'), total),
    resolutionRate: ratio(where((k) => !['受理', '转办', '处置中'].includes(k.status)), total),
    satisfactionRate: ratio(where((k) => k.satisfaction === '满意' || k.satisfaction === '基本满意'), rated),
    trend: Array.from({ length: 30 }, (_, i) => {
      const day = shiftDay(clock.today, i - 29);
      return { day, reported: reported.get(day) ?? 0, closed: closed.get(day) ?? 0 };
    }),
    overdue: count(db, `SELECT count(*) FROM event WHERE status IN ${OPEN} AND due_at < ?`, [clock.now]),
  };
}

/**
 * The figures in parts, each read from its own tables. After a write only the parts that read a
 * changed table are read again (dashboard/handlers.ts); parts that depend on the day as well are
 * read again as time passes.
 */
export interface BoardParts {
  street: string;
  communities: CommunityRecord[];
  grids: GridRecord[];
  households: PerGrid;
  residents: PerGrid;
  gridEvents: Map<number, GridEvents>;
  staffing: Map<number, Map<string, number>>;
  counts: TableCounts;
  members: Map<number, number>;
  party: PartyFigures;
  events: Omit<EventFigures, 'ticker'>;
  ticker: TickerEvent[];
}

export type PartName = keyof BoardParts;

interface PartSource<P extends PartName> {
  /** The tables the part reads (audit_log.entity names). */
  tables: readonly string[];
  /** The part also changes with the date or the time (overdue, this month, the last 30 days). */
  clock: boolean;
  read(db: ReadDb, clock: Clock): BoardParts[P];
}

export const partSources: { [P in PartName]: PartSource<P> } = {
  street: { tables: ['street'], clock: false, read: (db) => db.value<string>('SELECT name FROM street WHERE id = 1') ?? '' },
  communities: { tables: ['community'], clock: false, read: communityRecords },
  grids: { tables: ['grid', 'community'], clock: false, read: gridRecords },
  households: { tables: ['household', 'building'], clock: false, read: householdsByGrid },
  residents: { tables: ['resident'], clock: false, read: residentsByGrid },
  gridEvents: { tables: ['event'], clock: true, read: eventsByGrid },
  staffing: { tables: ['staff_assignment'], clock: false, read: staffByGrid },
  counts: {
    tables: ['community', 'building', 'party_org', 'party_member', 'staff_assignment', 'grid'],
    clock: false,
    read: tableCounts,
  },
  members: { tables: ['party_member', 'party_org', 'grid'], clock: false, read: membersByCommunity },
  // Age bands and 党龄 compare birth and confirmation dates with today.
  party: { tables: ['party_member', 'party_org', 'person'], clock: true, read: partyFigures },
  events: { tables: ['event'], clock: true, read: eventFigures },
  // The ticker names grids and masks the names of people its titles quote.
  ticker: { tables: ['event', 'grid', 'person'], clock: false, read: tickerEvents },
};

export const partNames = Object.keys(partSources) as PartName[];

/** Reads the parts named `stale` (all of them without `previous`) and keeps the others. */
export function readParts(db: ReadDb, clock: Clock, previous?: { parts: BoardParts; stale: ReadonlySet<PartName> }): BoardParts {
  const parts: Partial<Record<PartName, unknown>> = { ...previous?.parts };
  for (const name of partNames) {
    if (!previous || previous.stale.has(name)) parts[name] = (partSources[name] as PartSource<PartName>).read(db, clock);
  }
  return parts as BoardParts;
}

/** Composes the boards from their parts: no database access, so cheap to redo. */
export function composeFigures(parts: BoardParts, clock: Clock, profile: StaffingProfile = activeStaffingProfile()): BoardFigures {
  const perGrid: GridCounts = { households: parts.households, residents: parts.residents, events: parts.gridEvents, staffing: parts.staffing };
  return {
    generatedAt: clock.now,
    streetName: parts.street,
    overview: overviewFigures(parts.counts, parts.grids, perGrid, profile),
    party: parts.party,
    grids: gridFigures(parts.grids, perGrid, profile),
    communities: communityRanking(parts.communities, parts.grids, perGrid, parts.members),
    events: { ticker: parts.ticker, ...parts.events },
  };
}

export function boardFigures(db: ReadDb, clock: Clock, profile: StaffingProfile = activeStaffingProfile()): BoardFigures {
  return composeFigures(readParts(db, clock), clock, profile);
}
