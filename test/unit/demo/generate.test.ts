import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { generateStreet, type Violations } from '../../../src-main/core/demo/generate';
import { checkIdNumber } from '../../../src-main/core/people/idNumber';
import { fixedClock, testCore } from '../../helpers/core';

let core: CoreRuntime;
let violations: Violations;
beforeAll(async () => {
  core = await testCore();
  core.data.create((db) => {
    violations = generateStreet(db, { size: 'demo', seed: 11, now: core.now() });
  });
}, 60_000);
afterAll(async () => core.close());

const db = () => core.data.store().db;
const n = (sql: string, params?: (string | number)[]): number => db().value<number>(sql, params) ?? 0;

describe('the generated demo street', () => {
  it('has the demo size: ~8 communities, ~120 grids (some 专属), ~60k residents', () => {
    expect(n('SELECT count(*) FROM community')).toBe(8);
    expect(n('SELECT count(*) FROM grid')).toBe(120);
    expect(n("SELECT count(*) FROM grid WHERE kind = '专属网格'")).toBe(16);
    expect(n('SELECT count(*) FROM resident')).toBeGreaterThan(55_000);
    expect(n('SELECT count(*) FROM resident')).toBeLessThan(66_000);
  });

  it('gives every person a valid ID number whose birth date and gender agree with the record', () => {
    const today = core.now().slice(0, 10);
    const people = db().all<{ id_number: string; birth_date: string; gender: string }>('SELECT id_number, birth_date, gender FROM person');
    for (const p of people) {
      const check = checkIdNumber(p.id_number, today);
      expect(check.ok, p.id_number).toBe(true);
      if (check.ok) {
        expect(check.birthDate).toBe(p.birth_date);
        expect(check.gender).toBe(p.gender);
      }
    }
  });

  it('makes party members 6–9% of adults, none younger than 18 when they joined', () => {
    const adults = n("SELECT count(*) FROM resident r JOIN person p ON p.id = r.person_id WHERE p.birth_date <= date(?, '-18 years')", [core.now().slice(0, 10)]);
    const residentMembers = n('SELECT count(*) FROM party_member m JOIN resident r ON r.person_id = m.person_id');
    expect(residentMembers / adults).toBeGreaterThan(0.06);
    expect(residentMembers / adults).toBeLessThan(0.09);
    expect(db().all("SELECT p.birth_date, m.joined_on, m.category FROM party_member m JOIN person p ON p.id = m.person_id WHERE m.joined_on < date(p.birth_date, '+18 years')")).toEqual([]);
    expect(n("SELECT count(*) FROM party_member WHERE category = '正式党员' AND confirmed_on < date(joined_on, '+1 year')")).toBe(0);
  });

  it('keeps codes in their layouts: grid = community + 3 digits, building = grid + 4', () => {
    expect(n('SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id WHERE substr(g.code, 1, 12) <> c.code')).toBe(0);
    expect(n('SELECT count(*) FROM building b JOIN grid g ON g.id = b.grid_id WHERE substr(b.code, 1, 15) <> g.code')).toBe(0);
  });

  it('staffs each basic grid 1+1+1+N, except the one left without its 专职网格员', () => {
    const gaps = db()
      .all<{ code: string }>(
        `SELECT g.code FROM grid g WHERE g.kind <> '专属网格' AND NOT EXISTS
           (SELECT 1 FROM staff_assignment s WHERE s.grid_id = g.id AND s.role = '专职网格员' AND s.until IS NULL)`,
      )
      .map((r) => r.code);
    expect(gaps).toEqual([violations.unstaffedGrid]);
    expect(n("SELECT count(DISTINCT grid_id) FROM staff_assignment WHERE role = '网格长'")).toBe(120);
  });

  it('contains the rule violations it reports, for the checks to find', () => {
    expect(n('SELECT count(*) FROM household h JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id WHERE g.code = ?', [violations.oversizedGrid])).toBeGreaterThan(500);
    expect(n('SELECT count(*) FROM party_member m JOIN party_org o ON o.id = m.org_id WHERE o.code = ?', [violations.oversizedBranch])).toBeGreaterThan(50);
    const today = core.now().slice(0, 10);
    const overdue = db().all<{ id_number: string }>(
      "SELECT p.id_number FROM party_member m JOIN person p ON p.id = m.person_id WHERE m.category = '预备党员' AND m.joined_on < date(?, '-1 year')",
      [today],
    );
    expect(overdue.map((r) => r.id_number).sort()).toEqual([...violations.overdueProbation].sort());
    expect(n('SELECT count(*) FROM party_org WHERE code = ? AND term_ends_on < ?', [violations.expiredTerm, today])).toBe(1);
  });

  it('has a year of events, each with its steps in time order', () => {
    expect(n('SELECT count(*) FROM event')).toBeGreaterThan(10_000);
    expect(n("SELECT count(*) FROM event WHERE reported_at < date(?, '-366 days')", [core.now().slice(0, 10)])).toBe(0);
    expect(n('SELECT count(*) FROM event e WHERE NOT EXISTS (SELECT 1 FROM event_step s WHERE s.event_id = e.id)')).toBe(0);
    expect(n("SELECT count(*) FROM event_step WHERE at > ?", [core.now()])).toBe(0);
  });

  it('is the same street for the same seed and clock', async () => {
    const other = await testCore({ clock: fixedClock });
    other.data.create((d) => generateStreet(d, { size: 'demo', seed: 11, now: other.now() }));
    const sample = 'SELECT id_number, name FROM person ORDER BY id LIMIT 50 OFFSET 1000';
    expect(other.data.store().db.all(sample)).toEqual(db().all(sample));
    await other.close();
  });
});
