import type { Random } from './random';

export type Ring = [number, number][];

/**
 * A jittered lattice over the street: neighbouring grids share their corner points, so the
 * boundaries tile the street without gaps or overlaps, yet do not look like graph paper.
 */
export class Lattice {
  private readonly points = new Map<string, [number, number]>();

  constructor(
    private readonly cols: number,
    private readonly rows: number,
    private readonly random: Random,
    private readonly origin: [number, number] = [111.66, 40.84],
    private readonly cell: [number, number] = [0.0042, 0.0031],
  ) {}

  point(x: number, y: number): [number, number] {
    const key = `${x},${y}`;
    let p = this.points.get(key);
    if (!p) {
      const inner = x > 0 && x < this.cols && y > 0 && y < this.rows;
      const jx = inner ? (this.random.next() - 0.5) * 0.5 : 0;
      const jy = inner ? (this.random.next() - 0.5) * 0.5 : 0;
      const lon = this.origin[0] + (x + jx) * this.cell[0];
      const lat = this.origin[1] - (y + jy) * this.cell[1];
      p = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
      this.points.set(key, p);
    }
    return p;
  }

  /** The closed ring of cell (x, y), counter-clockwise as GeoJSON prefers for outer rings. */
  cellRing(x: number, y: number): Ring {
    return [this.point(x, y + 1), this.point(x + 1, y + 1), this.point(x + 1, y), this.point(x, y), this.point(x, y + 1)];
  }
}

export function polygon(ring: Ring): string {
  return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
}
