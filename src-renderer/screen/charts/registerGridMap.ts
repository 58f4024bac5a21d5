import { echarts } from './echarts';
import type { GridGeography } from './gridMap';

type MapSource = Parameters<typeof echarts.registerMap>[1];

const registered = new Map<string, string>();

/**
 * The name under which these boundaries are registered with ECharts. A name per distinct set of
 * boundaries: a refresh with the same boundaries reuses it (no re-registration, no flicker), an
 * edited boundary gets a new name the map option switches to.
 */
export function gridMapName(geography: GridGeography): string {
  const known = registered.get(geography.signature);
  if (known) return known;
  const name = `scc-grids-${registered.size + 1}`;
  echarts.registerMap(name, geography.collection as unknown as MapSource);
  registered.set(geography.signature, name);
  return name;
}
