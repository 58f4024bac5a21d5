/**
 * The hall's dark theme: deep navy, party red and gold for emphasis, cool colours for the rest,
 * and text large enough to read across a service hall.
 */
export const HALL_THEME = 'hall';

export const palette = {
  red: '#ff4d4f',
  gold: '#ffc53d',
  cyan: '#36cfc9',
  blue: '#4096ff',
  purple: '#9a7bff',
  green: '#52c41a',
  orange: '#ff9c4a',
  text: '#d6e4ff',
  muted: '#8ea3c7',
  line: 'rgba(120, 160, 230, 0.22)',
  panel: '#0b1d3d',
};

export const seriesColors = [palette.red, palette.gold, palette.cyan, palette.blue, palette.purple, palette.green, palette.orange];

export const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

const axis = {
  axisLine: { lineStyle: { color: palette.line } },
  axisTick: { show: false },
  axisLabel: { color: palette.muted, fontSize: 16 },
  splitLine: { lineStyle: { color: palette.line, type: 'dashed' } },
  nameTextStyle: { color: palette.muted, fontSize: 15 },
};

export const hallTheme = {
  color: seriesColors,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: palette.text, fontSize: 16 },
  legend: { textStyle: { color: palette.text, fontSize: 16 }, itemWidth: 18, itemHeight: 12 },
  categoryAxis: axis,
  valueAxis: axis,
  bar: { itemStyle: { borderRadius: [4, 4, 0, 0] } },
  line: { symbolSize: 6, smooth: true },
};
