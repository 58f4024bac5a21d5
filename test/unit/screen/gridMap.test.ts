import { describe, expect, it } from 'vitest';
import type { GridFigure } from '../../../src-main/contract';
import { gridGeography } from '../../../src-renderer/screen/charts/gridMap';
import { communityRanking, mapOption } from '../../../src-renderer/screen/charts/options';
import { isScreenLocation, screenParams } from '../../../src-renderer/screen/location';

const square = (x: number, y: number): string =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y],
      ],
    ],
  });

const grid = (code: string, community: string, boundary: string | null, households = 100): GridFigure => ({
  code,
  name: `${code}网格`,
  communityName: community,
  dedicated: false,
  households,
  residents: households * 2,
  eventsLast30Days: 1,
  staffingGaps: 0,
  boundary,
});

describe('the grid map', () => {
  const grids = [grid('001', '甲社区', square(0, 0)), grid('002', '甲社区', square(1, 0), 300), grid('003', '乙社区', null, 50), grid('004', '乙社区', '{not json')];

  it('draws every grid with a boundary and lists the others, dropping none', () => {
    const geo = gridGeography(grids);
    expect(geo.collection.features.map((f) => f.properties.name)).toEqual(['001', '002']);
    expect(geo.unmapped.map((g) => g.code)).toEqual(['003', '004']);
    expect(geo.collection.features.length + geo.unmapped.length).toBe(grids.length);
  });

  it('colours mapped grids by the chosen measure and labels communities at their grids', () => {
    const geo = gridGeography(grids);
    const option = mapOption('m', geo, grids, 'households', true) as { series: { data: unknown[] }[] };
    expect(option.series[0]?.data).toEqual([
      { name: '001', value: 100 },
      { name: '002', value: 300 },
    ]);
    expect(geo.labels).toEqual([{ name: '甲社区', value: [1, 0.5] }]);
  });

  it('registers the map again only when a boundary changes', () => {
    const a = gridGeography(grids);
    const b = gridGeography(grids.map((g) => ({ ...g, households: g.households + 1 })));
    const c = gridGeography(grids.map((g, i) => (i === 0 ? { ...g, boundary: square(5, 5) } : g)));
    expect(b.signature).toBe(a.signature);
    expect(c.signature).not.toBe(a.signature);
  });

  it('ranks communities by the measure summed over their grids, unmapped grids included', () => {
    const communities = [
      { code: '1', name: '甲社区', households: 0, residents: 0, members: 0, eventsLast30Days: 0, resolutionRate: 0 },
      { code: '2', name: '乙社区', households: 0, residents: 0, members: 0, eventsLast30Days: 0, resolutionRate: 0 },
    ];
    expect(communityRanking(grids, communities, 'households')).toEqual([
      { label: '甲社区', value: 400 },
      { label: '乙社区', value: 150 },
    ]);
  });
});

describe('the screen address', () => {
  it('is /screen in a browser and #/screen in the Electron window', () => {
    expect(isScreenLocation({ pathname: '/screen', hash: '', search: '' })).toBe(true);
    expect(isScreenLocation({ pathname: '/C:/app/index.html', hash: '#/screen', search: '' })).toBe(true);
    expect(isScreenLocation({ pathname: '/', hash: '#/screen?board=party', search: '' })).toBe(true);
    expect(isScreenLocation({ pathname: '/', hash: '#/geo', search: '' })).toBe(false);
    expect(isScreenLocation({ pathname: '/screens', hash: '', search: '' })).toBe(false);
  });

  it('can pin a board, a canvas and a measure, ignoring what it does not know', () => {
    expect(screenParams({ pathname: '/screen', hash: '', search: '?board=grids&canvas=5760x1080&measure=staffingGaps' })).toEqual({
      board: 'grids',
      canvas: { width: 5760, height: 1080 },
      measure: 'staffingGaps',
    });
    expect(screenParams({ pathname: '/', hash: '#/screen?board=weather&canvas=big', search: '' })).toEqual({ board: null, canvas: null, measure: null });
  });
});
