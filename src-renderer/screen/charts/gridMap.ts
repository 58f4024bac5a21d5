import type { GridFigure, GridMeasure } from '../../../src-main/contract';

/** GeoJSON as far as the map needs it. */
type Position = [number, number];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Position[][] | Position[][][];
}
export interface GridFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: Geometry;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

export interface GridGeography {
  collection: FeatureCollection;
  /** Grids without a usable boundary: listed beside the map, never dropped. */
  unmapped: GridFigure[];
  /** Where each community's name goes: the centre of the box round its grids. */
  labels: { name: string; value: Position }[];
  /** Changes only when a boundary changes: the map is registered again only then. */
  signature: string;
  /** Width over height of the mapped area on the ground: a wide street gets the board's full width. */
  aspect: number;
}

function parseBoundary(boundary: string | null): Geometry | null {
  if (!boundary) return null;
  try {
    const geometry = JSON.parse(boundary) as Partial<Geometry> & { geometry?: Geometry };
    // A stored Feature instead of a bare geometry is accepted too.
    const g = geometry.geometry ?? geometry;
    return (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates) ? (g as Geometry) : null;
  } catch {
    return null;
  }
}

interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function extend(box: Box, [x, y]: Position): void {
  box.minX = Math.min(box.minX, x);
  box.maxX = Math.max(box.maxX, x);
  box.minY = Math.min(box.minY, y);
  box.maxY = Math.max(box.maxY, y);
}

function outerRings(geometry: Geometry): Position[][] {
  return geometry.type === 'Polygon' ? [(geometry.coordinates as Position[][])[0] ?? []] : (geometry.coordinates as Position[][][]).map((p) => p[0] ?? []);
}

/** The street's grids as a FeatureCollection named by grid code, for echarts.registerMap. */
export function gridGeography(grids: readonly GridFigure[]): GridGeography {
  const features: GridFeature[] = [];
  const unmapped: GridFigure[] = [];
  const emptyBox = (): Box => ({ minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity });
  const boxes = new Map<string, Box>();
  const box = emptyBox();
  for (const grid of grids) {
    const geometry = parseBoundary(grid.boundary);
    if (!geometry) {
      unmapped.push(grid);
      continue;
    }
    features.push({ type: 'Feature', properties: { name: grid.code }, geometry });
    const own = boxes.get(grid.communityName) ?? emptyBox();
    for (const ring of outerRings(geometry)) {
      for (const point of ring) {
        extend(own, point);
        extend(box, point);
      }
    }
    boxes.set(grid.communityName, own);
  }
  const labels = [...boxes]
    .filter(([, b]) => b.minX <= b.maxX)
    .map(([name, b]) => ({ name, value: [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2] as Position }));
  const signature = grids.map((g) => `${g.code}:${g.boundary ?? ''}`).join('|');
  // A degree of longitude shrinks with the cosine of the latitude.
  const width = (box.maxX - box.minX) * Math.cos((((box.maxY + box.minY) / 2) * Math.PI) / 180);
  const height = box.maxY - box.minY;
  const aspect = features.length > 0 && height > 0 ? width / height : 1;
  return { collection: { type: 'FeatureCollection', features }, unmapped, labels, signature, aspect };
}

export const measureOf = (grid: GridFigure, measure: GridMeasure): number =>
  measure === 'households' ? grid.households : measure === 'events' ? grid.eventsLast30Days : grid.staffingGaps;
