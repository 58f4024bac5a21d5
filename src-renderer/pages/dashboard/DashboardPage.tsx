import { useMemo } from 'react';
import type { DashboardSummary } from '../../../src-main/contract';
import { useCall } from '../../api/useCall';
import { Chart, type ChartOption } from '../../components/Chart';
import { ErrorBanner, StatCard } from '../../components/Feedback';

function communityChart(summary: DashboardSummary): ChartOption {
  const names = summary.byCommunity.map((c) => c.name);
  return {
    color: ['#c62828', '#f0a04b', '#3d6fb6'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['基础网格', '专属网格', '户数'] },
    grid: { left: 48, right: 64, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: '网格数', minInterval: 1 },
      { type: 'value', name: '户数', splitLine: { show: false } },
    ],
    series: [
      { name: '基础网格', type: 'bar', stack: 'grids', barMaxWidth: 36, data: summary.byCommunity.map((c) => c.basicGrids) },
      { name: '专属网格', type: 'bar', stack: 'grids', barMaxWidth: 36, data: summary.byCommunity.map((c) => c.dedicatedGrids) },
      {
        name: '户数',
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 7,
        data: summary.byCommunity.map((c) => c.households),
      },
    ],
  };
}

export function DashboardPage() {
  const summary = useCall('dashboard.summary', {});
  const option = useMemo(() => (summary.data ? communityChart(summary.data) : null), [summary.data]);
  const s = summary.data;

  return (
    <section className="page">
      <div className="page-head">
        <h1>工作台</h1>
        <p className="page-lead">全街道基本情况，数据随台账变化自动更新。</p>
      </div>
      <ErrorBanner error={summary.error} />
      <div className="stat-row">
        <StatCard label="社区" value={s?.communities} unit="个" />
        <StatCard label="网格" value={s?.grids} unit="个" hint={s ? `其中专属网格 ${s.dedicatedGrids} 个` : undefined} />
        <StatCard label="楼栋" value={s?.buildings} unit="栋" />
        <StatCard label="房屋（户）" value={s?.households} unit="户" />
        <StatCard label="实有人口" value={s?.residents} unit="人" />
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2>各社区网格与户数</h2>
        </div>
        {option ? (
          <Chart option={option} className="chart" ariaLabel="各社区网格数与户数柱状图" />
        ) : (
          <div className="chart placeholder">{summary.loading ? '正在加载…' : '暂无数据'}</div>
        )}
      </div>
    </section>
  );
}
