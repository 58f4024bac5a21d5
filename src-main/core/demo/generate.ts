import type { SqlDb } from '../db/sqlite';
import { Lattice, polygon } from './geometry';
import { communityNames, dedicatedGridPlaces, roadNames } from './names';
import { Random } from './random';
import { sizes, type SizeName, type StreetSize } from './sizes';

export interface GenerateOptions {
  size: SizeName;
  seed: number;
  /** Timestamp written into updated_at columns. */
  now: string;
  streetCode?: string;
  streetName?: string;
}

export interface GeneratedCounts {
  communities: number;
  grids: number;
  buildings: number;
  households: number;
}

export const DEMO_STREET = { code: '150102003', name: '新华街道' } as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Writes a whole fictional street into an empty, migrated database. Deterministic per seed. */
export function generateStreet(db: SqlDb, options: GenerateOptions): GeneratedCounts {
  const size: StreetSize = sizes[options.size];
  const random = new Random(options.seed);
  const streetCode = options.streetCode ?? DEMO_STREET.code;
  const now = options.now;
  const counts: GeneratedCounts = { communities: 0, grids: 0, buildings: 0, households: 0 };

  db.run('INSERT INTO street (id, code, name, created_at) VALUES (1, ?, ?, ?)', [
    streetCode,
    options.streetName ?? DEMO_STREET.name,
    now,
  ]);

  const blockCols = Math.ceil(Math.sqrt(size.communities * 1.6));
  const blockRows = Math.ceil(size.communities / blockCols);
  const lattice = new Lattice(blockCols * size.gridCols, blockRows * size.gridRows, random);

  for (let c = 0; c < size.communities; c++) {
    const communityCode = `${streetCode}${pad(c + 1, 3)}`;
    const baseName = communityNames[c % communityNames.length] ?? '新建';
    const suffix = c >= communityNames.length ? String(Math.floor(c / communityNames.length) + 1) : '';
    const communityName = `${baseName}${suffix}社区`;
    db.run('INSERT INTO community (code, name, kind, area_km2, address, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      communityCode,
      communityName,
      '城市社区',
      Math.round((0.4 + random.next() * 1.2) * 100) / 100,
      `${random.pick(roadNames)}${random.int(1, 300)}号`,
      `0471-${random.int(3000000, 6999999)}`,
      now,
    ]);
    const communityId = db.lastInsertId();
    counts.communities++;

    const bx = (c % blockCols) * size.gridCols;
    const by = Math.floor(c / blockCols) * size.gridRows;
    const cells = size.gridCols * size.gridRows;
    for (let g = 0; g < cells; g++) {
      const dedicated = g >= cells - size.dedicatedPerCommunity;
      const gridCode = `${communityCode}${pad(g + 1, 3)}`;
      const place = dedicated ? random.pick(dedicatedGridPlaces) : null;
      const gridName = place ? `${place[1]}专属网格` : `${baseName}${suffix}第${g + 1}网格`;
      const ring = lattice.cellRing(bx + (g % size.gridCols), by + Math.floor(g / size.gridCols));
      db.run(
        'INSERT INTO grid (code, community_id, name, kind, dedicated_kind, boundary, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [gridCode, communityId, gridName, dedicated ? '专属网格' : '城市社区网格', place ? place[0] : null, polygon(ring), now],
      );
      const gridId = db.lastInsertId();
      counts.grids++;
      const road = random.pick(roadNames);
      const target = dedicated ? random.int(0, 20) : Math.round(size.householdsPerGrid * (0.7 + random.next() * 0.6));
      addBuildings(db, random, { gridId, gridCode, road, target, dedicated, now }, counts);
    }
  }
  return counts;
}

interface BuildingPlan {
  gridId: number;
  gridCode: string;
  road: string;
  target: number;
  dedicated: boolean;
  now: string;
}

function addBuildings(db: SqlDb, random: Random, plan: BuildingPlan, counts: GeneratedCounts): void {
  let households = 0;
  let seq = 0;
  const courtyard = random.int(1, 400);
  while (seq === 0 || households < plan.target) {
    seq++;
    const code = `${plan.gridCode}${pad(seq, 4)}`;
    const unitCount = plan.dedicated ? 1 : random.int(2, 4);
    const floors = plan.dedicated ? random.int(3, 20) : random.pick([6, 6, 7, 11, 18]);
    db.run('INSERT INTO building (code, grid_id, name, address, unit_count, floors, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      code,
      plan.gridId,
      `${seq}号楼`,
      `${plan.road}${courtyard}号院${seq}号楼`,
      unitCount,
      floors,
      plan.now,
    ]);
    const buildingId = db.lastInsertId();
    counts.buildings++;
    for (let u = 1; u <= unitCount && households < plan.target; u++) {
      db.run('INSERT INTO unit (code, building_id, name, updated_at) VALUES (?, ?, ?, ?)', [
        `${code}${pad(u, 2)}`,
        buildingId,
        `${u}单元`,
        plan.now,
      ]);
      const unitId = db.lastInsertId();
      for (let f = 1; f <= floors && households < plan.target; f++) {
        for (let r = 1; r <= 2 && households < plan.target; r++) {
          const use = plan.dedicated
            ? '商用'
            : random.weighted([
                ['自住', 75],
                ['出租', 15],
                ['空置', 8],
                ['商用', f === 1 ? 10 : 0],
              ] as const);
          db.run('INSERT INTO household (building_id, unit_id, room, use, updated_at) VALUES (?, ?, ?, ?, ?)', [
            buildingId,
            unitId,
            `${f}${pad(r, 2)}`,
            use,
            plan.now,
          ]);
          households++;
          counts.households++;
        }
      }
    }
    if (plan.dedicated && seq >= 3) break;
  }
}
