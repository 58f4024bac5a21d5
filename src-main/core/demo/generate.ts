import type { SqlDb } from '../db/sqlite';
import { pauseSearchIndex, rebuildSearchIndex } from '../rosters/searchIndex';
import { generateEvents } from './events';
import { addBuildings, generateGeo } from './geo';
import { generateParty } from './party';
import { generatePeople } from './people';
import { Random } from './random';
import { generateServices } from './services';
import { sizes, type SizeName } from './sizes';
import { generateStaff } from './staff';
import { makeInserter, type World } from './world';

export interface GenerateOptions {
  size: SizeName;
  seed: number;
  /** The generation's clock: `2026-11-21T09:30:00+08:00`. Dates are relative to it. */
  now: string;
  streetCode?: string;
  streetName?: string;
  /** Called between parts, for a progress bar. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** Rule violations put in on purpose, so the checks have something to find. */
export interface Violations {
  /** A basic grid with more households than any preset allows (Hohhot: ≤ 500). */
  oversizedGrid: string;
  /** A 党支部 with more than 50 members. */
  oversizedBranch: string;
  /** 预备党员 more than a year after the 支部大会 vote, neither 转正 nor extended. */
  overdueProbation: string[];
  /** A 支部 past its 届满日期. */
  expiredTerm: string;
  /** A basic grid without its 专职网格员. */
  unstaffedGrid: string;
  /** A community with 200+ members and a single 组织员 (Hefei: at least 2). */
  shortOrganiserCommunity: string | null;
}

export const DEMO_STREET = { code: '150102003', name: '新华街道' } as const;

/** Bumped whenever the same seed would give a different street (caches of generated data key on it). */
export const GENERATOR_VERSION = 3;

/**
 * Writes a whole fictional street into an empty, migrated database: the governance tree with
 * boundaries, residents with valid ID numbers, the party tree and its members, the grid work
 * force, departments and service centres, a year of events. Deterministic for a seed and clock.
 */
export function generateStreet(db: SqlDb, options: GenerateOptions): Violations {
  const streetCode = options.streetCode ?? DEMO_STREET.code;
  const streetName = options.streetName ?? DEMO_STREET.name;
  const world: World = {
    db,
    random: new Random(options.seed),
    size: sizes[options.size],
    streetCode,
    streetName,
    today: options.now.slice(0, 10),
    now: options.now,
    communities: [],
    grids: [],
    ids: new Set(),
    insert: makeInserter(db),
  };
  const step = (done: number, label: string): void => options.onProgress?.(done, 6, label);

  db.run('INSERT INTO street (id, code, name, created_at) VALUES (1, ?, ?, ?)', [streetCode, streetName, options.now]);
  pauseSearchIndex(db);
  step(0, '生成社区、网格与楼栋');
  generateGeo(world);
  const crowded = world.communities[2]?.grids.find((g) => !g.dedicated) ?? world.grids[0];
  if (!crowded) throw new Error('a street needs at least one grid');
  addBuildings(world, crowded, 620);

  step(1, '生成实有人口');
  generatePeople(world);
  step(2, '生成党组织与党员');
  const party = generateParty(world);
  step(3, '生成网格工作力量');
  const staff = generateStaff(world, party);
  step(4, '生成部门、服务阵地与包联');
  const services = generateServices(world);
  step(5, '生成一年的事件');
  generateEvents(world, services);
  rebuildSearchIndex(db);
  step(6, '完成');

  return {
    oversizedGrid: crowded.code,
    oversizedBranch: party.violations.oversizedBranch,
    overdueProbation: party.violations.overdueProbation,
    expiredTerm: party.violations.expiredTerm,
    unstaffedGrid: staff.violations.unstaffedGrid,
    shortOrganiserCommunity: staff.violations.shortOrganiserCommunity,
  };
}

/** An empty street: just its name and code, for a street that will import its own data. */
export function createEmptyStreet(db: SqlDb, street: { code: string; name: string }, now: string): void {
  db.run('INSERT INTO street (id, code, name, created_at) VALUES (1, ?, ?, ?)', [street.code, street.name, now]);
}
