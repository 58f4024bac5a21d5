import type { ChartOption } from '../charts/echarts';
import { HallChart } from '../charts/HallChart';

/** Ring gauges side by side, each in a box of its own so none can overlap its neighbour. */
export function GaugeRow({ options, labels, className = 'gauge-row' }: { options: ChartOption[]; labels: string[]; className?: string }) {
  return (
    <div className={className}>
      {options.map((option, i) => (
        <div key={labels[i] ?? i} className="gauge-cell">
          <HallChart option={option} ariaLabel={labels[i] ?? ''} />
        </div>
      ))}
    </div>
  );
}
