import { workplaces } from './names';
import { makePerson } from './people';
import { addDays, addYears, pad, type CommunityW, type GridW, type PersonW, type World } from './world';

export interface PartyResult {
  membersByCommunity: Map<CommunityW, PersonW[]>;
  /** Deliberate rule violations, for tests and for the checks that must find them. */
  violations: { oversizedBranch: string; overdueProbation: string[]; expiredTerm: string };
}

interface OrgSpec {
  code: string;
  name: string;
  kind: '党工委' | '党委' | '党总支' | '党支部' | '联合党支部' | '党小组';
  parentId: number | null;
  secretary: PersonW | null;
  foundedOn: string;
  termYears: number;
  communityId?: number;
  gridId?: number;
  buildingId?: number;
}

// Most of the year, a community 支部 elects every 5 years (RULES.md); the next date is the term end.
function termEnd(foundedOn: string, years: number, today: string): string {
  let end = addYears(foundedOn, years);
  while (end <= today) end = addYears(end, years);
  return end;
}

function insertOrg(world: World, spec: OrgSpec): number {
  return world.insert('party_org', {
    code: spec.code,
    name: spec.name,
    kind: spec.kind,
    parent_id: spec.parentId,
    secretary_person_id: spec.secretary?.id ?? null,
    founded_on: spec.foundedOn,
    term_ends_on: termEnd(spec.foundedOn, spec.termYears, world.today),
    community_id: spec.communityId ?? null,
    grid_id: spec.gridId ?? null,
    building_id: spec.buildingId ?? null,
    updated_at: world.now,
  });
}

/** The party tree over the street and a membership for every person marked a member. */
export function generateParty(world: World): PartyResult {
  const { random, today } = world;
  const membersByCommunity = new Map<CommunityW, PersonW[]>();
  const streetSecretary = makePerson(world, { age: 52, grid: null, household: null, memberChance: 1 });
  const streetOrgId = insertOrg(world, {
    code: `P${world.streetCode}`,
    name: `中共${world.streetName}工作委员会`,
    kind: '党工委',
    parentId: null,
    secretary: streetSecretary,
    foundedOn: '2003-06-01',
    termYears: 5,
  });
  addMember(world, streetSecretary, streetOrgId, { forceFormal: true });

  // The basic grid with the most members keeps one 支部 over 50 (支部工作条例: normally ≤ 50).
  const basic = world.grids.filter((g) => !g.dedicated);
  const largest = basic.reduce((a, b) => (count(b) > count(a) ? b : a));
  while (count(largest) < 56) {
    const candidate = largest.residents.find((p) => !p.member && p.age >= 25);
    if (!candidate) break;
    candidate.member = true;
    world.db.run("UPDATE person SET political = '中共党员' WHERE id = ?", [candidate.id]);
  }

  let oversizedBranch = '';
  let expiredTerm = '';
  for (const community of world.communities) {
    const members = community.grids.flatMap((g) => g.residents.filter((p) => p.member));
    membersByCommunity.set(community, members);
    const kind = members.length > 100 ? '党委' : members.length >= 50 ? '党总支' : '党支部';
    const communityOrgCode = `P${community.code}`;
    const communityOrgId = insertOrg(world, {
      code: communityOrgCode,
      name: `中共${community.name}${kind === '党委' ? '委员会' : kind === '党总支' ? '总支部委员会' : '支部委员会'}`,
      kind,
      parentId: streetOrgId,
      secretary: pickLeader(world, members),
      foundedOn: addDays('2008-03-15', random.int(0, 1500)),
      termYears: 5,
      communityId: community.id,
    });

    let branchSeq = 0;
    for (const grid of community.grids) {
      const gridMembers = grid.residents.filter((p) => p.member);
      if (grid.dedicated) {
        // Members of a 专属网格 work there; they live elsewhere. Small units unite (联合党支部, ≥3).
        const workers = Array.from({ length: random.int(3, 9) }, () =>
          makePerson(world, { age: random.int(24, 58), grid: null, household: null, memberChance: 1 }),
        );
        branchSeq++;
        const orgId = insertOrg(world, {
          code: `${communityOrgCode}${pad(branchSeq, 3)}`,
          name: `中共${grid.name.replace('专属网格', '')}联合支部委员会`,
          kind: '联合党支部',
          parentId: communityOrgId,
          secretary: workers[0] ?? null,
          foundedOn: addDays('2016-01-01', random.int(0, 2000)),
          termYears: 3,
          communityId: community.id,
          gridId: grid.id,
        });
        for (const w of workers) addMember(world, w, orgId, { workplace: grid.name.replace('专属网格', '') });
        continue;
      }
      if (gridMembers.length < 3) continue; // joins the community's own branch below
      const split = grid !== largest && gridMembers.length > 50;
      const groups = split ? [gridMembers.slice(0, Math.ceil(gridMembers.length / 2)), gridMembers.slice(Math.ceil(gridMembers.length / 2))] : [gridMembers];
      groups.forEach((group, i) => {
        branchSeq++;
        const code = `${communityOrgCode}${pad(branchSeq, 3)}`;
        const ordinal = grid.name.replace(/^.*第(\d+)网格$/, '$1');
        const foundedOn = addDays('2019-07-01', random.int(0, 900));
        const orgId = insertOrg(world, {
          code,
          name: `中共${community.name}第${ordinal}网格${split ? (i === 0 ? '第一' : '第二') : ''}支部委员会`,
          kind: '党支部',
          parentId: communityOrgId,
          secretary: pickLeader(world, group),
          foundedOn,
          termYears: 5,
          communityId: community.id,
          gridId: grid.id,
        });
        for (const person of group) {
          const reported = person.age >= 22 && person.age < 60 && random.chance(0.45) ? community : null;
          addMember(world, person, orgId, { reportedCommunityId: reported?.id ?? null });
        }
        if (grid === largest) oversizedBranch = code;
        // A 支部 of 30 or more splits into 楼栋党小组.
        if (group.length >= 30) addGroups(world, grid, group, orgId, code);
      });
    }
    // Members of grids too small for a 支部 of their own.
    const leftovers = community.grids.filter((g) => !g.dedicated && g.residents.filter((p) => p.member).length < 3).flatMap((g) => g.residents.filter((p) => p.member));
    if (leftovers.length > 0) {
      branchSeq++;
      const orgId = insertOrg(world, {
        code: `${communityOrgCode}${pad(branchSeq, 3)}`,
        name: `中共${community.name}机关支部委员会`,
        kind: '党支部',
        parentId: communityOrgId,
        secretary: pickLeader(world, leftovers),
        foundedOn: '2015-05-01',
        termYears: 5,
        communityId: community.id,
      });
      for (const person of leftovers) addMember(world, person, orgId, {});
    }
  }

  // One 支部 whose term ran out without an election (换届 overdue).
  const lapsed = world.db.get<{ id: number; code: string }>(
    "SELECT id, code FROM party_org WHERE kind = '党支部' AND grid_id IS NOT NULL ORDER BY code LIMIT 1 OFFSET 2",
  );
  if (lapsed) {
    world.db.run('UPDATE party_org SET term_ends_on = ? WHERE id = ?', [addDays(today, -random.int(40, 200)), lapsed.id]);
    expiredTerm = lapsed.code;
  }

  // Two 预备党员 past their year without 转正 or an extension.
  const candidates = world.db.all<{ id: number; person_id: number; id_number: string }>(
    `SELECT m.id, m.person_id, p.id_number FROM party_member m JOIN person p ON p.id = m.person_id
     WHERE m.category = '正式党员' AND m.status = '正常' AND p.birth_date < ? ORDER BY m.id`,
    [addYears(today, -30)],
  );
  const middle = Math.max(0, Math.floor(candidates.length / 2) - 1);
  const overdue = candidates.slice(middle, middle + 2);
  overdue.forEach((m, i) => {
    world.db.run("UPDATE party_member SET category = '预备党员', joined_on = ?, confirmed_on = NULL WHERE id = ?", [addDays(today, -(425 + 30 * i)), m.id]);
    world.db.run("UPDATE person SET political = '中共预备党员' WHERE id = ?", [m.person_id]);
  });

  // 党员中心户: a few member households take it on.
  for (const grid of world.grids) {
    for (const household of grid.households) {
      if (household.members.some((p) => p.member) && random.chance(0.06)) {
        world.db.run('UPDATE household SET party_center = 1 WHERE id = ?', [household.id]);
      }
    }
  }

  return { membersByCommunity, violations: { oversizedBranch, overdueProbation: overdue.map((m) => m.id_number), expiredTerm } };
}

function count(grid: GridW): number {
  return grid.residents.filter((p) => p.member).length;
}

function pickLeader(world: World, members: PersonW[]): PersonW | null {
  const fit = members.filter((p) => p.age >= 32 && p.age <= 62);
  return fit.length > 0 ? world.random.pick(fit) : (members[0] ?? null);
}

function addGroups(world: World, grid: GridW, members: PersonW[], branchId: number, branchCode: string): void {
  const buildings = grid.buildings.filter((b) => b.residents.some((p) => members.includes(p))).slice(0, 3);
  buildings.forEach((building, i) => {
    const inBuilding = building.residents.filter((p) => members.includes(p));
    world.insert('party_org', {
      code: `${branchCode}${pad(i + 1, 2)}`,
      name: `${building.address.replace(/^.*号院/, '')}党小组`,
      kind: '党小组',
      parent_id: branchId,
      secretary_person_id: inBuilding[0]?.id ?? null,
      founded_on: addDays('2021-03-01', world.random.int(0, 600)),
      term_ends_on: null,
      community_id: null,
      grid_id: grid.id,
      building_id: building.id,
      updated_at: world.now,
    });
  });
}

function addMember(
  world: World,
  person: PersonW,
  orgId: number,
  options: { forceFormal?: boolean; workplace?: string; reportedCommunityId?: number | null },
): void {
  const { random, today } = world;
  // 18+ on 入党日期; a 正式党员 has served a year as 预备党员, so the youngest can only be 预备.
  const earliest = addYears(person.birthDate, 18);
  const latestFormal = addDays(today, -400);
  const probationary = !options.forceFormal && ((random.chance(0.03) && person.age < 45) || earliest > latestFormal);
  let joinedOn: string;
  if (probationary) {
    const recent = addDays(today, -random.int(20, 330));
    joinedOn = recent < earliest ? earliest : recent;
  } else {
    const candidate = addYears(person.birthDate, random.int(20, Math.max(20, Math.min(40, person.age - 2))));
    joinedOn = candidate < earliest ? earliest : candidate > latestFormal ? latestFormal : candidate;
  }
  const retired = person.age >= 60;
  const working = !retired && person.age >= 22;
  const inService = working && random.chance(0.55);
  const status = random.weighted([
    ['正常', 950],
    ['流动', 30],
    ['失联', 8],
    ['已转出', 10],
    ['停止党籍', 2],
  ] as const);
  world.insert('party_member', {
    person_id: person.id,
    org_id: orgId,
    category: probationary ? '预备党员' : '正式党员',
    joined_on: joinedOn,
    confirmed_on: probationary ? null : addYears(joinedOn, 1),
    probation_extended_to: null,
    status,
    in_service: inService ? 1 : 0,
    reported_community_id: inService ? (options.reportedCommunityId ?? null) : null,
    workplace: options.workplace ?? (working ? random.pick(workplaces) : retired ? '退休' : null),
    dues_kind: retired ? '离退休' : working ? '在职' : person.age < 24 ? '学生' : '失业',
    dues_base: retired ? random.int(25, 70) * 100 : working ? random.int(25, 150) * 100 : null,
    last_contact_on: status === '失联' ? addDays(today, -random.int(190, 400)) : addDays(today, -random.int(0, 60)),
    updated_at: world.now,
  });
  if (probationary) world.db.run("UPDATE person SET political = '中共预备党员' WHERE id = ?", [person.id]);
}
