import { Lattice, polygon } from './geometry';
import { communityNames, dedicatedGridPlaces, roadNames } from './names';
import { pad, type BuildingW, type CommunityW, type GridW, type HouseholdW, type World } from './world';

/** Communities, grids (with boundaries that tile the street), buildings, units and rooms. */
export function generateGeo(world: World): void {
  const { size, random, insert, now, streetCode } = world;
  const blockCols = Math.ceil(Math.sqrt(size.communities * 1.6));
  const blockRows = Math.ceil(size.communities / blockCols);
  const lattice = new Lattice(blockCols * size.gridCols, blockRows * size.gridRows, random);

  for (let c = 0; c < size.communities; c++) {
    const code = `${streetCode}${pad(c + 1, 3)}`;
    const base = communityNames[c % communityNames.length] ?? '新建';
    const suffix = c >= communityNames.length ? String(Math.floor(c / communityNames.length) + 1) : '';
    const community: CommunityW = { id: 0, code, name: `${base}${suffix}社区`, grids: [] };
    community.id = insert('community', {
      code,
      name: community.name,
      kind: '城市社区',
      area_km2: Math.round((0.4 + random.next() * 1.2) * 100) / 100,
      address: `${random.pick(roadNames)}${random.int(1, 300)}号`,
      phone: `0471-${random.int(3000000, 6999999)}`,
      updated_at: now,
    });
    world.communities.push(community);

    const bx = (c % blockCols) * size.gridCols;
    const by = Math.floor(c / blockCols) * size.gridRows;
    const cells = size.gridCols * size.gridRows;
    for (let g = 0; g < cells; g++) {
      const dedicated = g >= cells - size.dedicatedPerCommunity;
      const gridCode = `${code}${pad(g + 1, 3)}`;
      const place = dedicated ? random.pick(dedicatedGridPlaces) : null;
      const grid: GridW = {
        id: 0,
        code: gridCode,
        name: place ? `${place[1]}专属网格` : `${base}${suffix}第${g + 1}网格`,
        community,
        dedicated,
        buildings: [],
        households: [],
        residents: [],
      };
      const ring = lattice.cellRing(bx + (g % size.gridCols), by + Math.floor(g / size.gridCols));
      grid.id = insert('grid', {
        code: gridCode,
        community_id: community.id,
        name: grid.name,
        kind: dedicated ? '专属网格' : '城市社区网格',
        dedicated_kind: place ? place[0] : null,
        boundary: polygon(ring),
        updated_at: now,
      });
      community.grids.push(grid);
      world.grids.push(grid);
      const target = dedicated ? random.int(0, 16) : Math.round(size.householdsPerGrid * (0.7 + random.next() * 0.6));
      addBuildings(world, grid, target);
    }
  }
}

/** Buildings until the grid holds `target` rooms; ground floors are sometimes shops. */
export function addBuildings(world: World, grid: GridW, target: number): void {
  const { random, insert, now } = world;
  const road = random.pick(roadNames);
  const courtyard = random.int(1, 400);
  let rooms = grid.households.length;
  let seq = grid.buildings.length;
  const first = seq;
  // At least one building per grid, even a grid without homes (an office in a 专属网格).
  while (seq === first || rooms < target) {
    seq++;
    const code = `${grid.code}${pad(seq, 4)}`;
    const unitCount = grid.dedicated ? 1 : random.int(2, 4);
    const floors = grid.dedicated ? random.int(3, 20) : random.pick([6, 6, 7, 11, 18]);
    const building: BuildingW = { id: 0, code, address: `${road}${courtyard}号院${seq}号楼`, grid, units: [], residents: [] };
    building.id = insert('building', {
      code,
      grid_id: grid.id,
      name: `${seq}号楼`,
      address: building.address,
      unit_count: unitCount,
      floors,
      updated_at: now,
    });
    grid.buildings.push(building);
    for (let u = 1; u <= unitCount && rooms < target; u++) {
      const unit = { id: 0, code: `${code}${pad(u, 2)}` };
      unit.id = insert('unit', { code: unit.code, building_id: building.id, name: `${u}单元`, updated_at: now });
      building.units.push(unit);
      for (let f = 1; f <= floors && rooms < target; f++) {
        for (let r = 1; r <= 2 && rooms < target; r++) {
          const use: HouseholdW['use'] = grid.dedicated
            ? '商用'
            : random.weighted([
                ['自住', 78],
                ['出租', 15],
                ['空置', 5],
                ['商用', f === 1 ? 8 : 0],
              ] as const);
          const household: HouseholdW = { id: 0, building, room: `${u}单元${f}${pad(r, 2)}`, use, members: [] };
          household.id = insert('household', {
            building_id: building.id,
            unit_id: unit.id,
            room: `${f}${pad(r, 2)}`,
            use,
            updated_at: now,
          });
          grid.households.push(household);
          rooms++;
        }
      }
    }
    if (grid.dedicated && seq >= 3) break;
  }
}
