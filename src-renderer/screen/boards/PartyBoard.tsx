import { useMemo } from 'react';
import type { BoardFigures } from '../../../src-main/contract';
import { HallChart } from '../charts/HallChart';
import { partyOptions } from '../charts/options';
import { partyText } from '../strings';
import { FlipCounter } from '../widgets/FlipCounter';
import { GaugeRow } from '../widgets/GaugeRow';
import { Board, Figure, Panel } from './Board';

export function PartyBoard({ figures, active }: { figures: BoardFigures; active: boolean }) {
  const { party, overview } = figures;
  const options = useMemo(() => partyOptions(party), [party]);
  return (
    <Board id="party" active={active}>
      <Panel area="category" title={partyText.category}>
        <HallChart option={options.category} ariaLabel={partyText.category} />
      </Panel>
      <Panel area="key" title={partyText.keyFigures} className="board-panel-key">
        <div className="key-figures">
          <div className="figure" data-counter="members">
            <div className="figure-label">{partyText.members}</div>
            <div className="figure-value tone-red">
              <FlipCounter value={overview.members} label={partyText.members} />
              <span className="figure-unit">{partyText.persons}</span>
            </div>
          </div>
          <Figure label={partyText.due} value={party.dueForConfirmation.toLocaleString('zh-CN')} unit={partyText.persons} />
          <Figure label={partyText.overdue} value={party.overdueConfirmation.toLocaleString('zh-CN')} unit={partyText.persons} tone="red" />
        </div>
        <GaugeRow options={[options.reported]} labels={[partyText.reported]} className="gauge-row below-figures" />
      </Panel>
      <Panel area="education" title={partyText.education}>
        <HallChart option={options.education} ariaLabel={partyText.education} />
      </Panel>
      <Panel area="age" title={partyText.ageBand}>
        <HallChart option={options.ageBand} ariaLabel={partyText.ageBand} />
      </Panel>
      <Panel area="orgs" title={partyText.orgs}>
        <HallChart option={options.orgs} ariaLabel={partyText.orgs} />
      </Panel>
      <Panel area="partyAge" title={partyText.partyAge}>
        <HallChart option={options.partyAge} ariaLabel={partyText.partyAge} />
      </Panel>
    </Board>
  );
}
