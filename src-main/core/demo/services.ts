import { departments, roadNames } from './names';
import { makePerson } from './people';
import { addDays, pad, type World } from './world';

export interface ServicesResult {
  departmentIds: Map<string, number>;
}

/** Departments that answer a whistle, 党群服务中心/站, and 包联 of communities and grids. */
export function generateServices(world: World): ServicesResult {
  const { random, insert, now, today } = world;
  const departmentIds = new Map<string, number>();
  departments.forEach(([name, kind], i) => {
    departmentIds.set(name, insert('department', { code: `D${pad(i + 1, 3)}`, name, kind, phone: `0471-${random.int(3000000, 6999999)}`, updated_at: now }));
  });

  insert('service_center', {
    code: `C${world.streetCode}`,
    name: `${world.streetName}党群服务中心`,
    level: '党群服务中心',
    community_id: null,
    address: `${random.pick(roadNames)}${random.int(1, 200)}号`,
    phone: `0471-${random.int(3000000, 6999999)}`,
    area_m2: random.int(800, 1600),
    updated_at: now,
  });
  for (const community of world.communities) {
    insert('service_center', {
      code: `C${community.code}`,
      name: `${community.name}党群服务站`,
      level: '党群服务站',
      community_id: community.id,
      address: `${random.pick(roadNames)}${random.int(1, 300)}号`,
      phone: `0471-${random.int(3000000, 6999999)}`,
      area_m2: random.int(300, 900),
      updated_at: now,
    });
    // 包联: a street cadre takes charge of each community.
    const cadre = makePerson(world, { age: random.int(30, 55), grid: null, household: null, memberChance: 0.9 });
    insert('responsibility', { person_id: cadre.id, community_id: community.id, duty: '包联干部', since: addDays(today, -random.int(100, 1200)), updated_at: now });
  }
  // 共建单位: departments adopt some grids.
  const names = [...departmentIds.keys()];
  for (const grid of world.grids) {
    if (grid.dedicated || !random.chance(0.3)) continue;
    insert('responsibility', {
      department_id: departmentIds.get(random.pick(names)) ?? null,
      grid_id: grid.id,
      duty: '共建单位',
      since: addDays(today, -random.int(30, 900)),
      updated_at: now,
    });
  }
  return { departmentIds };
}
