import { composeIdNumber } from '../people/idNumber';
import { educations, ethnicities, givenChars, hukouAreas, specialGroups, surnames } from './names';
import type { Random } from './random';
import { addDays, ageOn, type GridW, type HouseholdW, type PersonW, type World } from './world';

type Gender = '男' | '女';

/** Household make-ups and how often they occur; ages are drawn per role. */
const compositions: readonly (readonly [string, number])[] = [
  ['single-elder', 8],
  ['elder-couple', 10],
  ['single-young', 8],
  ['couple', 14],
  ['couple-1', 30],
  ['couple-2', 15],
  ['three-generations', 10],
  ['shared-rent', 5],
];

export function personName(random: Random, gender: Gender): string {
  const chars = givenChars[gender];
  const given = random.chance(0.7)
    ? `${chars[random.int(0, chars.length - 1)]}${chars[random.int(0, chars.length - 1)]}`
    : (chars[random.int(0, chars.length - 1)] ?? '');
  return `${random.weighted(surnames)}${given}`;
}

export function phoneNumber(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

function birthDateForAge(random: Random, today: string, age: number): string {
  return addDays(today, -(age * 365 + random.int(0, 364) + Math.floor(age / 4)));
}

/** A new person row with a valid, unique ID number whose birth date and gender agree with it. */
export function makePerson(
  world: World,
  options: { age: number; gender?: Gender; grid: GridW | null; household: HouseholdW | null; memberChance?: number },
): PersonW {
  const { random, today } = world;
  const gender = options.gender ?? (random.chance(0.5) ? '男' : '女');
  const birthDate = birthDateForAge(random, today, options.age);
  const age = ageOn(birthDate, today);
  const [area, hukou] = random.weighted(hukouAreas.map(([code, address, w]) => [[code, address] as const, w] as const));
  let seq = random.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
  let idNumber = composeIdNumber(area, birthDate, seq);
  while (world.ids.has(idNumber)) {
    seq = (seq + 2) % 1000;
    idNumber = composeIdNumber(area, birthDate, seq);
  }
  world.ids.add(idNumber);
  const education = age < 16 ? null : random.weighted(educationShares(age));
  const member = age >= 18 && random.chance(options.memberChance ?? memberChance(age, education));
  const id = world.insert('person', {
    id_number: idNumber,
    name: personName(random, gender),
    gender,
    birth_date: birthDate,
    ethnicity: random.weighted(ethnicities),
    phone: age < 14 || (age > 80 && random.chance(0.5)) ? null : phoneNumber(random),
    education,
    political: politicalStatus(random, age, member),
    hukou_address: hukou,
    updated_at: world.now,
  });
  return { id, idNumber, gender, birthDate, age, education, grid: options.grid, household: options.household, member };
}

// Roughly a city's adult population: the younger, the more years of school.
function educationShares(age: number): (readonly [string, number])[] {
  const [primary, secondary, college, bachelor, graduate] = educations;
  const shares = age > 65 ? [55, 30, 10, 5, 0] : age > 45 ? [35, 33, 17, 13, 2] : [18, 25, 25, 26, 6];
  return [primary, secondary, college, bachelor, graduate].map((e, i) => [e ?? '', shares[i] ?? 0] as const);
}

// Party members are some 6–9% of adults, more among the older and the better educated.
function memberChance(age: number, education: string | null): number {
  const base = age < 30 ? 0.04 : age < 45 ? 0.068 : age < 60 ? 0.085 : 0.1;
  return education === '本科' || education === '研究生' ? base * 1.6 : base;
}

function politicalStatus(random: Random, age: number, member: boolean): string {
  if (member) return '中共党员';
  if (age >= 14 && age <= 28 && random.chance(0.35)) return '共青团员';
  if (age >= 30 && random.chance(0.004)) return '民主党派';
  return '群众';
}

function agesFor(random: Random, kind: string): { age: number; gender?: Gender }[] {
  const adult = (): number => random.int(24, 58);
  switch (kind) {
    case 'single-elder':
      return [{ age: random.int(65, 92) }];
    case 'elder-couple': {
      const a = random.int(60, 88);
      return [
        { age: a, gender: '男' },
        { age: Math.max(58, a - random.int(0, 5)), gender: '女' },
      ];
    }
    case 'single-young':
      return [{ age: random.int(20, 35) }];
    case 'shared-rent':
      return Array.from({ length: random.int(2, 3) }, () => ({ age: random.int(19, 32) }));
    default: {
      const father = adult();
      const mother = Math.max(22, father - random.int(0, 4));
      const people: { age: number; gender?: Gender }[] = [
        { age: father, gender: '男' },
        { age: mother, gender: '女' },
      ];
      const children = kind === 'couple-1' || kind === 'three-generations' ? 1 : kind === 'couple-2' ? 2 : 0;
      for (let i = 0; i < children; i++) people.push({ age: Math.max(0, Math.min(mother - 21, random.int(0, 26))) });
      if (kind === 'three-generations') people.push({ age: Math.min(95, father + random.int(24, 32)) });
      return people;
    }
  }
}

/** Residents for every lived-in room, a few without a room, and their 特殊人群 tags. */
export function generatePeople(world: World): void {
  const { random, insert, now } = world;
  const residentIds = new Map<number, number>();
  for (const grid of world.grids) {
    for (const household of grid.households) {
      if (household.use === '空置' || (household.use === '商用' && !random.chance(0.15))) continue;
      const kind = household.use === '出租' && random.chance(0.4) ? 'shared-rent' : random.weighted(compositions);
      const ages = household.use === '商用' ? [{ age: random.int(25, 55) }] : agesFor(random, kind);
      for (const spec of ages) {
        const person = makePerson(world, { ...spec, grid, household });
        household.members.push(person);
        addResident(world, person, grid, household, household.use === '出租' || kind === 'shared-rent');
      }
      tagHousehold(world, household);
    }
    // People registered in the grid without a room of theirs (户在人不在 and the like).
    const loose = grid.dedicated ? random.int(0, 4) : Math.round(grid.households.length * 0.02);
    for (let i = 0; i < loose; i++) {
      const person = makePerson(world, { age: random.int(18, 70), grid, household: null });
      addResident(world, person, grid, null, true);
    }
  }

  function addResident(world: World, person: PersonW, grid: GridW, household: HouseholdW | null, renting: boolean): void {
    const personType = random.chance(0.003) ? '境外人员' : renting && random.chance(0.7) ? '流动人口' : random.chance(0.06) ? '流动人口' : '常住人口';
    const residence = household ? random.weighted([['人户一致', 82], ['人在户不在', 12], ['户在人不在', 6]] as const) : '户在人不在';
    const building = household?.building;
    const id = insert('resident', {
      person_id: person.id,
      grid_id: grid.id,
      household_id: household?.id ?? null,
      person_type: personType,
      residence,
      address: building && household ? `${building.address}${household.room}室` : null,
      updated_at: now,
    });
    grid.residents.push(person);
    building?.residents.push(person);
    if (person.age >= 18) {
      for (const [tag, perMille] of specialGroups) {
        if (random.next() * 1000 < perMille) insert('resident_tag', { resident_id: id, tag });
      }
    }
    residentIds.set(person.id, id);
  }

  function tagHousehold(world: World, household: HouseholdW): void {
    const members = household.members;
    if (members.length === 1 && members[0] && members[0].age >= 70) {
      world.insert('resident_tag', { resident_id: residentIds.get(members[0].id) ?? 0, tag: '独居老人' });
    } else if (members.length === 2 && members.every((m) => m.age >= 60)) {
      for (const m of members) world.insert('resident_tag', { resident_id: residentIds.get(m.id) ?? 0, tag: '空巢老人' });
    }
  }
}
