/** How big a generated street is. `demo` is what a first run offers; the others feed benchmarks. */
export interface StreetSize {
  communities: number;
  /** Lattice of grid cells per community: cols × rows grids, of which `dedicated` are 专属网格. */
  gridCols: number;
  gridRows: number;
  dedicatedPerCommunity: number;
  /** Target households (rooms) per basic grid. */
  householdsPerGrid: number;
}

export const sizes = {
  /** For tests: a few hundred people, generated in a blink. */
  tiny: { communities: 2, gridCols: 2, gridRows: 2, dedicatedPerCommunity: 1, householdsPerGrid: 60 },
  demo: { communities: 8, gridCols: 5, gridRows: 3, dedicatedPerCommunity: 2, householdsPerGrid: 230 },
  street: { communities: 24, gridCols: 4, gridRows: 4, dedicatedPerCommunity: 2, householdsPerGrid: 240 },
  city: { communities: 40, gridCols: 4, gridRows: 4, dedicatedPerCommunity: 1, householdsPerGrid: 300 },
} as const satisfies Record<string, StreetSize>;

export type SizeName = keyof typeof sizes;
export const sizeNames = Object.keys(sizes) as SizeName[];
