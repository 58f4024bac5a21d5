import { useMemo } from 'react';
import type { BoardFigures, TickerEvent } from '../../../src-main/contract';
import { HallChart } from '../charts/HallChart';
import { eventOptions } from '../charts/options';
import { eventText } from '../strings';
import { GaugeRow } from '../widgets/GaugeRow';
import { Board, Figure, Panel } from './Board';

const TICKER_ROWS = 9;

/** `2026-11-21T09:05:00+08:00` → `11-21 09:05` (China time as stored). */
const shortTime = (at: string): string => `${at.slice(5, 10)} ${at.slice(11, 16)}`;

/**
 * The newest events. Rows are keyed by event code: a new event mounts a new row, which slides in
 * highlighted (CSS), while the rows already on screen only move down.
 */
function Ticker({ events }: { events: TickerEvent[] }) {
  return (
    <ol className="ticker">
      {events.slice(0, TICKER_ROWS).map((e) => (
        <li key={e.code} className="ticker-row">
          <div className="ticker-head">
            <span className={`whistle whistle-${e.whistle ?? 'none'}`}>{e.whistle ?? eventText.unclassified}</span>
            <span className="ticker-title">{e.title}</span>
            <span className={`status status-${e.status}`}>{e.status}</span>
          </div>
          <div className="ticker-meta">
            <span>{shortTime(e.reportedAt)}</span>
            <span>{e.gridName}</span>
            {e.category && <span>{e.category}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function EventsBoard({ figures, active }: { figures: BoardFigures; active: boolean }) {
  const { events } = figures;
  const options = useMemo(() => eventOptions(events), [events]);
  const yearTotal = events.byStatus.reduce((s, x) => s + x.value, 0);
  return (
    <Board id="events" active={active}>
      <Panel area="whistle" title={eventText.whistle}>
        <HallChart option={options.whistle} ariaLabel={eventText.whistle} />
      </Panel>
      <Panel area="rates" title={`${eventText.responseRate} · ${eventText.resolutionRate} · ${eventText.satisfactionRate}`} className="board-panel-rates">
        <div className="key-figures">
          <Figure label={eventText.yearTotal} value={yearTotal.toLocaleString('zh-CN')} unit={eventText.pieces} tone="cyan" />
          <Figure label={eventText.overdue} value={events.overdue.toLocaleString('zh-CN')} unit={eventText.pieces} tone="red" />
        </div>
        <GaugeRow
          options={options.rates}
          labels={[eventText.responseRate, eventText.resolutionRate, eventText.satisfactionRate]}
          className="gauge-row below-figures"
        />
      </Panel>
      <Panel area="ticker" title={eventText.ticker} className="board-panel-ticker">
        <Ticker events={events.ticker} />
      </Panel>
      <Panel area="status" title={eventText.status}>
        <HallChart option={options.status} ariaLabel={eventText.status} />
      </Panel>
      <Panel area="trend" title={eventText.trend}>
        <HallChart option={options.trend} ariaLabel={eventText.trend} />
      </Panel>
    </Board>
  );
}
