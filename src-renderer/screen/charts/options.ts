import type { BoardFigures, CommunityRank, EventFigures, GridFigure, GridMeasure, PartyFigures, Share } from '../../../src-main/contract';
import { eventText, gridText, measureText, overviewText, partyText } from '../strings';
import type { ChartOption } from './echarts';
import type { GridGeography } from './gridMap';
import { measureOf } from './gridMap';
import { palette, seriesColors } from './theme';

/**
 * Chart options for the boards, as pure functions of the figures: the same figures always give
 * the same option, and a refresh merges into the chart already on screen. Sizes are in layout
 * pixels of the 1080-high canvas.
 */

// A board appears at once (the carousel fades it in); new figures move from the old values.
const ANIMATION = { animationDuration: 0, animationDurationUpdate: 700, animationEasingUpdate: 'cubicInOut' } as const;
const grouped = (n: number): string => n.toLocaleString('zh-CN');
const percent = (share: number): number => Math.round(share * 1000) / 10;

export interface GaugeItem {
  name: string;
  /** 0–1. */
  share: number;
  detail: string;
  color: string;
}

/** A ring gauge for one share: the percentage inside, the name and a line of detail under it. */
export function ringGauge(item: GaugeItem): ChartOption {
  return {
    ...ANIMATION,
    series: [
      {
        type: 'gauge',
        center: ['50%', item.detail ? '42%' : '44%'],
        radius: '66%',
        startAngle: 90,
        endAngle: -270,
        min: 0,
        max: 100,
        pointer: { show: false },
        progress: { show: true, roundCap: true, width: 14, itemStyle: { color: item.color } },
        axisLine: { lineStyle: { width: 14, color: [[1, 'rgba(120, 160, 230, 0.16)']] } },
        splitLine: { show: false },
        axisTick: { show: false },
        axisLabel: { show: false },
        // The name, and under it a smaller muted line of detail.
        title: { show: true, offsetCenter: [0, '128%'], color: palette.text, fontSize: 20, lineHeight: 28, rich: { hint: { fontSize: 16, color: palette.muted } } },
        detail: { valueAnimation: true, offsetCenter: [0, 0], fontSize: 34, fontWeight: 700, color: item.color, formatter: '{value}%' },
        data: [{ value: percent(item.share), name: item.detail ? `${item.name}\n{hint|${item.detail}}` : item.name }],
      },
    ],
  };
}

const ratio = (n: number, of: number): number => (of > 0 ? n / of : 0);

export function coverageGauges(figures: BoardFigures): GaugeItem[] {
  const { overview } = figures;
  const c = overview.coverage;
  return [
    {
      name: overviewText.gridsWithBranch,
      share: ratio(c.gridsWithBranch, overview.basicGrids),
      detail: overviewText.gridsWithBranchHint(c.gridsWithBranch, overview.basicGrids),
      color: palette.red,
    },
    {
      name: overviewText.branchesWithSecretary,
      share: ratio(c.branchesWithSecretary, c.branches),
      detail: overviewText.branchesWithSecretaryHint(c.branchesWithSecretary, c.branches),
      color: palette.gold,
    },
    {
      name: overviewText.gridsStaffed,
      share: ratio(c.gridsFullyStaffed, overview.basicGrids),
      detail: overviewText.gridsStaffedHint(c.gridsFullyStaffed, overview.basicGrids, c.staffingProfile),
      color: palette.cyan,
    },
  ];
}

export function communityOption(communities: CommunityRank[]): ChartOption {
  const ordered = [...communities].sort((a, b) => a.code.localeCompare(b.code));
  return {
    ...ANIMATION,
    legend: { top: 0, left: 'center', data: [overviewText.residents, overviewText.households, overviewText.members] },
    grid: { left: 70, right: 70, top: 48, bottom: 36 },
    xAxis: { type: 'category', data: ordered.map((c) => c.name), axisLabel: { interval: 0, fontSize: 16 } },
    yAxis: [
      { type: 'value', name: '人 / 户', splitNumber: 4 },
      { type: 'value', name: '党员', splitNumber: 4, splitLine: { show: false } },
    ],
    series: [
      { name: overviewText.residents, type: 'bar', barMaxWidth: 26, data: ordered.map((c) => c.residents), itemStyle: { color: palette.blue } },
      { name: overviewText.households, type: 'bar', barMaxWidth: 26, data: ordered.map((c) => c.households), itemStyle: { color: palette.cyan } },
      {
        name: overviewText.members,
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 8,
        data: ordered.map((c) => c.members),
        itemStyle: { color: palette.red },
        lineStyle: { width: 3 },
      },
    ],
  };
}

/**
 * A ring with a legend beside it giving each part's name, count and share. A legend (rather
 * than labels round the ring) keeps every word inside the panel whatever the proportions.
 */
export function ringOption(shares: Share[], unit: string, colors: string[] = seriesColors): ChartOption {
  const total = shares.reduce((s, x) => s + x.value, 0);
  const byName = new Map(shares.map((s) => [s.label, s.value]));
  return {
    ...ANIMATION,
    color: colors,
    legend: {
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemGap: 16,
      icon: 'circle',
      itemWidth: 14,
      itemHeight: 14,
      formatter: (name: string) => {
        const value = byName.get(name) ?? 0;
        return `{n|${name}}{v|${grouped(value)}${unit}}{s|${total > 0 ? percent(value / total) : 0}%}`;
      },
      textStyle: {
        rich: {
          n: { width: 90, fontSize: 18, color: palette.text },
          v: { width: 84, align: 'right', fontSize: 18, fontWeight: 700, color: palette.gold },
          s: { width: 60, align: 'right', fontSize: 15, color: palette.muted },
        },
      },
    },
    series: [
      {
        type: 'pie',
        // The ring takes the left half (sized to it, whatever the panel's proportions).
        left: 0,
        top: 0,
        bottom: 0,
        width: '48%',
        radius: ['46%', '76%'],
        itemStyle: { borderColor: palette.panel, borderWidth: 3 },
        label: { show: false },
        data: shares.map((s) => ({ name: s.label, value: s.value })),
      },
    ],
  };
}

/** Bars for bands (age, 党龄, statuses) with the count on top of each bar. */
export function bandOption(shares: Share[], color: string, options: { horizontal?: boolean; labelSize?: number } = {}): ChartOption {
  const categories = shares.map((s) => s.label);
  const category = { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: options.labelSize ?? 16 } };
  const value = { type: 'value', splitNumber: 4 };
  return {
    ...ANIMATION,
    grid: options.horizontal ? { left: 16, right: 64, top: 12, bottom: 8, containLabel: true } : { left: 56, right: 16, top: 36, bottom: 36 },
    xAxis: options.horizontal ? value : category,
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        barMaxWidth: options.horizontal ? 22 : 40,
        data: shares.map((s) => s.value),
        itemStyle: {
          color: {
            type: 'linear',
            ...(options.horizontal ? { x: 0, y: 0, x2: 1, y2: 0 } : { x: 0, y: 1, x2: 0, y2: 0 }),
            colorStops: [
              { offset: 0, color: `${color}55` },
              { offset: 1, color },
            ],
          },
          borderRadius: options.horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0],
        },
        label: { show: true, position: options.horizontal ? 'right' : 'top', color: palette.text, fontSize: 16, formatter: (p: { value: number }) => grouped(p.value) },
      },
    ],
  };
}

export const partyOptions = (party: PartyFigures) => ({
  category: ringOption(party.byCategory, partyText.persons, [palette.red, palette.gold]),
  ageBand: bandOption(party.byAgeBand, palette.gold),
  education: ringOption(party.byEducation, partyText.persons, [palette.red, palette.gold, palette.cyan, palette.blue, palette.purple, palette.muted]),
  partyAge: bandOption(party.byPartyAge, palette.red, { horizontal: true }),
  orgs: bandOption(party.orgsByKind, palette.cyan),
  reported: ringGauge({
    name: partyText.reported,
    share: ratio(party.reported, party.inService),
    detail: partyText.reportedOf(party.reported, party.inService),
    color: palette.gold,
  }),
});

/** Colours for a measure: continuous for counts, steps for staffing gaps (0 is 达标). */
function visualMapFor(measure: GridMeasure, values: number[]): Record<string, unknown> {
  const common = { left: 12, bottom: 12, orient: 'vertical', textStyle: { color: palette.text, fontSize: 16 }, itemWidth: 18, itemHeight: 18 };
  if (measure === 'staffingGaps') {
    return {
      ...common,
      type: 'piecewise',
      pieces: [
        { value: 0, label: gridText.staffed, color: '#1f7a5c' },
        { value: 1, label: gridText.gap(1), color: palette.orange },
        { min: 2, label: gridText.gapsOrMore(2), color: palette.red },
      ],
    };
  }
  const max = Math.max(1, ...values);
  return {
    ...common,
    type: 'continuous',
    min: 0,
    max,
    calculable: false,
    itemHeight: 180,
    text: [`${grouped(max)} ${measureText[measure].unit}`, '0'],
    inRange: { color: ['#0f2a55', '#1f5fa8', '#36cfc9', '#ffc53d', '#ff4d4f'] },
  };
}

/** The street map: every grid with a boundary, coloured by the measure, community names on top. */
export function mapOption(mapName: string, geography: GridGeography, grids: GridFigure[], measure: GridMeasure, listBeside: boolean): ChartOption {
  const mapped = new Set(geography.collection.features.map((f) => f.properties.name));
  const values = grids.filter((g) => mapped.has(g.code)).map((g) => ({ name: g.code, value: measureOf(g, measure) }));
  return {
    ...ANIMATION,
    visualMap: visualMapFor(
      measure,
      values.map((v) => v.value),
    ),
    geo: {
      map: mapName,
      silent: true,
      roam: false,
      // Fitted into this box, keeping its proportions; the colour key sits in the left margin.
      left: 150,
      // Room for the list of grids without a boundary, when there is one.
      right: listBeside ? 420 : 24,
      top: 16,
      bottom: 16,
      preserveAspect: 'contain',
      itemStyle: { areaColor: '#0f2a55', borderColor: 'rgba(190, 215, 255, 0.55)', borderWidth: 1 },
      label: { show: false },
    },
    series: [
      { type: 'map', geoIndex: 0, data: values },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 0,
        silent: true,
        label: {
          show: true,
          formatter: '{b}',
          color: '#ffffff',
          fontSize: 20,
          fontWeight: 700,
          textBorderColor: 'rgba(4, 14, 34, 0.9)',
          textBorderWidth: 4,
        },
        data: geography.labels,
      },
    ],
  };
}

/** Communities ranked by the measure summed over their grids, the highest on top. */
export function communityRanking(grids: GridFigure[], communities: CommunityRank[], measure: GridMeasure): Share[] {
  const sums = new Map(communities.map((c) => [c.name, 0]));
  for (const g of grids) sums.set(g.communityName, (sums.get(g.communityName) ?? 0) + measureOf(g, measure));
  return [...sums].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

export function rankingOption(ranking: Share[]): ChartOption {
  return bandOption(ranking, palette.gold, { horizontal: true, labelSize: 17 });
}

export function eventOptions(events: EventFigures) {
  const whistleColors: Record<string, string> = { 问题哨: palette.blue, 服务哨: palette.cyan, 攻坚哨: palette.gold, 应急哨: palette.red };
  const whistles = events.byWhistle.map((s) => ({ ...s, label: s.label === '未分类' ? eventText.unclassified : s.label }));
  return {
    whistle: ringOption(
      whistles,
      eventText.pieces,
      whistles.map((s) => whistleColors[s.label] ?? palette.muted),
    ),
    status: bandOption(events.byStatus, palette.blue, { labelSize: 16 }),
    rates: [
      { name: eventText.responseRate, share: events.responseRate, detail: '', color: palette.cyan },
      { name: eventText.resolutionRate, share: events.resolutionRate, detail: '', color: palette.gold },
      { name: eventText.satisfactionRate, share: events.satisfactionRate, detail: '', color: palette.red },
    ].map(ringGauge),
    trend: {
      ...ANIMATION,
      legend: { top: 0, left: 'center', data: [eventText.reported, eventText.closed] },
      grid: { left: 56, right: 20, top: 44, bottom: 36 },
      xAxis: { type: 'category', boundaryGap: false, data: events.trend.map((d) => d.day.slice(5).replace('-', '/')), axisLabel: { interval: 4 } },
      yAxis: { type: 'value', splitNumber: 4, minInterval: 1 },
      series: [
        {
          name: eventText.reported,
          type: 'line',
          smooth: false,
          showSymbol: false,
          data: events.trend.map((d) => d.reported),
          lineStyle: { width: 3, color: palette.gold },
          itemStyle: { color: palette.gold },
          areaStyle: {
            color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: 'rgba(255, 197, 61, 0.35)' }, { offset: 1, color: 'rgba(255, 197, 61, 0)' }] },
          },
        },
        {
          name: eventText.closed,
          type: 'line',
          smooth: false,
          showSymbol: false,
          data: events.trend.map((d) => d.closed),
          lineStyle: { width: 3, color: palette.cyan },
          itemStyle: { color: palette.cyan },
        },
      ],
    } satisfies ChartOption,
  };
}
