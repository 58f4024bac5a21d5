import { makePerson } from './people';
import type { PartyResult } from './party';
import { addDays, type PersonW, type World } from './world';

type Role = '网格长' | '网格管理员' | '专职网格员' | '兼职网格员' | '专业网格员' | '楼栋长' | '单元长' | '社区工作者' | '组织员';
type Scope = { community_id: number } | { grid_id: number } | { building_id: number };

export interface StaffResult {
  /** A grid left without its 专职网格员, and a community short of 组织员. */
  violations: { unstaffedGrid: string; shortOrganiserCommunity: string | null };
}

/**
 * The grid work force: per basic grid 1 网格长 + 1 网格管理员 + 1 专职网格员 + N 兼职网格员 (the
 * Hohhot 1+1+1+N), 楼栋长 and 单元长 from the residents, 社区工作者 and 组织员 per community.
 */
export function generateStaff(world: World, party: PartyResult): StaffResult {
  const { random, today } = world;
  const taken = new Set<string>();
  const assign = (person: PersonW, role: Role, scope: Scope): void => {
    const key = `${person.id}|${role}|${JSON.stringify(scope)}`;
    if (taken.has(key)) return;
    taken.add(key);
    const since = addDays(today, -random.int(60, 2200));
    world.insert('staff_assignment', {
      person_id: person.id,
      role,
      community_id: null,
      grid_id: null,
      building_id: null,
      ...scope,
      since,
      until: null,
      updated_at: world.now,
    });
  };
  const adults = (people: PersonW[]): PersonW[] => people.filter((p) => p.age >= 23 && p.age <= 60);

  const firstBasic = world.grids.find((g) => !g.dedicated && g.community === world.communities[1]) ?? world.grids[0];
  const unstaffedGrid = firstBasic?.code ?? '';
  let shortOrganiserCommunity: string | null = null;

  for (const community of world.communities) {
    const residents = community.grids.flatMap((g) => g.residents);
    const pool = adults(residents);
    const households = community.grids.reduce((n, g) => n + g.households.length, 0);
    // Hefei: 社区工作者 1 per 200–300 households.
    const workers = Array.from({ length: Math.max(3, Math.round(households / 250)) }, () =>
      pool.length > 0 ? random.pick(pool) : makePerson(world, { age: 35, grid: null, household: null }),
    );
    for (const w of workers) assign(w, '社区工作者', { community_id: community.id });
    // Hefei: 组织员 1 when the community has fewer than 200 members, at least 2 otherwise.
    const members = party.membersByCommunity.get(community) ?? [];
    let organisers = members.length < 200 ? 1 : 2;
    if (members.length >= 200 && shortOrganiserCommunity === null) {
      organisers = 1;
      shortOrganiserCommunity = community.code;
    }
    for (const o of members.filter((m) => m.age >= 30 && m.age <= 58).slice(0, organisers)) assign(o, '组织员', { community_id: community.id });

    let specialist: PersonW | null = null;
    community.grids.forEach((grid, index) => {
      if (grid.dedicated) {
        const manager = makePerson(world, { age: random.int(30, 55), grid: null, household: null });
        assign(manager, '网格长', { grid_id: grid.id });
        assign(manager, '专职网格员', { grid_id: grid.id });
        return;
      }
      const local = adults(grid.residents);
      assign(workers[index % workers.length] ?? random.pick(pool), '网格长', { grid_id: grid.id });
      assign(local.length > 0 ? random.pick(local) : random.pick(pool), '网格管理员', { grid_id: grid.id });
      if (grid.code !== unstaffedGrid) assign(random.pick(pool), '专职网格员', { grid_id: grid.id });
      const partTime = [...local.filter((p) => p.member), ...local].slice(0, random.int(2, 4));
      for (const p of partTime) assign(p, '兼职网格员', { grid_id: grid.id });
      // 专业网格员: a police officer or inspector covering a few grids; lives elsewhere.
      if (index % 3 === 0) specialist = makePerson(world, { age: random.int(28, 50), grid: null, household: null });
      if (specialist) assign(specialist, '专业网格员', { grid_id: grid.id });
      for (const building of grid.buildings) {
        const inside = adults(building.residents);
        if (inside.length === 0) continue;
        if (random.chance(0.75)) assign(random.pick(inside), '楼栋长', { building_id: building.id });
        if (random.chance(0.3)) assign(random.pick(inside), '单元长', { building_id: building.id });
      }
    });
  }

  // A few people who left their post: dated roles keep the history.
  world.db.run(
    "UPDATE staff_assignment SET until = max(since, ?) WHERE role = '兼职网格员' AND id % 23 = 0",
    [addDays(today, -random.int(10, 300))],
  );
  return { violations: { unstaffedGrid, shortOrganiserCommunity } };
}
