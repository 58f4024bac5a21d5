import type { SqlDb } from '../db/sqlite';
import type { Random } from './random';
import type { StreetSize } from './sizes';

/** What the generator keeps in memory while it writes a street, so later parts can refer back. */
export interface World {
  db: SqlDb;
  random: Random;
  size: StreetSize;
  streetCode: string;
  streetName: string;
  /** YYYY-MM-DD of the generation's clock. */
  today: string;
  now: string;
  communities: CommunityW[];
  grids: GridW[];
  ids: Set<string>;
  /** Insert helpers with cached statements. */
  insert: Inserter;
}

export interface CommunityW {
  id: number;
  code: string;
  name: string;
  grids: GridW[];
}

export interface GridW {
  id: number;
  code: string;
  name: string;
  community: CommunityW;
  dedicated: boolean;
  buildings: BuildingW[];
  households: HouseholdW[];
  residents: PersonW[];
}

export interface BuildingW {
  id: number;
  code: string;
  address: string;
  grid: GridW;
  units: { id: number; code: string }[];
  residents: PersonW[];
}

export interface HouseholdW {
  id: number;
  building: BuildingW;
  room: string;
  use: '自住' | '出租' | '商用' | '空置';
  members: PersonW[];
}

export interface PersonW {
  id: number;
  idNumber: string;
  gender: '男' | '女';
  birthDate: string;
  age: number;
  education: string | null;
  grid: GridW | null;
  household: HouseholdW | null;
  /** Decided when the person is made; the party part turns it into a membership. */
  member: boolean;
}

export type Inserter = (table: string, row: Record<string, string | number | null>) => number;

/** Inserts through one prepared statement per table and column set; returns the new rowid. */
export function makeInserter(db: SqlDb): Inserter {
  const sqlFor = new Map<string, string>();
  return (table, row) => {
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(',')})`;
    let sql = sqlFor.get(key);
    if (!sql) {
      sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      sqlFor.set(key, sql);
    }
    db.run(sql, Object.values(row));
    return db.lastInsertId();
  };
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 29 February plus a year is 1 March, as SQLite's date(…, '+1 year') has it: a full year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
