import { BarChart, GaugeChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { hallTheme, HALL_THEME } from './theme';

/** Only what the boards draw, so the screen's bundle stays small and starts fast. */
echarts.use([BarChart, GaugeChart, LineChart, MapChart, PieChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);
echarts.registerTheme(HALL_THEME, hallTheme);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
