import { useMemo } from 'react';
import type { BoardFigures, OverviewFigures } from '../../../src-main/contract';
import { HallChart } from '../charts/HallChart';
import { communityOption, coverageGauges, ringGauge } from '../charts/options';
import { overviewText } from '../strings';
import { FlipCounter } from '../widgets/FlipCounter';
import { GaugeRow } from '../widgets/GaugeRow';
import { Board, Panel } from './Board';

type CounterKey = keyof typeof overviewText.counters;
const COUNTERS: CounterKey[] = ['communities', 'grids', 'buildings', 'households', 'residents', 'partyOrgs', 'members', 'gridWorkers'];

function Counter({ id, overview }: { id: CounterKey; overview: OverviewFigures }) {
  const [label, unit] = overviewText.counters[id];
  return (
    <div className="counter" data-counter={id}>
      <div className="counter-label">{label}</div>
      <div className="counter-value">
        <FlipCounter value={overview[id]} label={label} />
        <span className="counter-unit">{unit}</span>
      </div>
      {id === 'grids' && <div className="counter-hint">{overviewText.gridSplit(overview.basicGrids, overview.dedicatedGrids)}</div>}
    </div>
  );
}

export function OverviewBoard({ figures, active }: { figures: BoardFigures; active: boolean }) {
  const gauges = useMemo(() => coverageGauges(figures), [figures]);
  const coverage = useMemo(() => gauges.map(ringGauge), [gauges]);
  const communities = useMemo(() => communityOption(figures.communities), [figures.communities]);
  return (
    <Board id="overview" active={active}>
      <div className="counters" style={{ gridArea: 'counters' }}>
        {COUNTERS.map((id) => (
          <Counter key={id} id={id} overview={figures.overview} />
        ))}
      </div>
      <Panel area="coverage" title={overviewText.coverage}>
        <GaugeRow options={coverage} labels={gauges.map((g) => g.name)} />
      </Panel>
      <Panel area="communities" title={overviewText.communities}>
        <HallChart option={communities} ariaLabel={overviewText.communities} />
      </Panel>
    </Board>
  );
}
