import { useMemo } from 'react';
import type { BoardFigures, GridMeasure } from '../../../src-main/contract';
import { gridGeography, measureOf } from '../charts/gridMap';
import { HallChart } from '../charts/HallChart';
import { communityRanking, mapOption, rankingOption } from '../charts/options';
import { gridMapName } from '../charts/registerGridMap';
import { gridText, measureText } from '../strings';
import { Board, Panel } from './Board';

const TOP_GRIDS = 8;
const WIDE_MAP = 2;
/** Unmapped grids listed by name beside the map; past this, a count of the rest. */
const UNMAPPED_SHOWN = 10;

export function GridsBoard({ figures, measure, active }: { figures: BoardFigures; measure: GridMeasure; active: boolean }) {
  const { grids, communities } = figures;
  const geography = useMemo(() => gridGeography(grids), [grids]);
  const mapName = gridMapName(geography);
  const map = useMemo(() => mapOption(mapName, geography, grids, measure, geography.unmapped.length > 0), [mapName, geography, grids, measure]);
  const ranking = useMemo(() => rankingOption(communityRanking(grids, communities, measure)), [grids, communities, measure]);
  const top = useMemo(
    () =>
      grids
        .filter((g) => measureOf(g, measure) > 0)
        .sort((a, b) => measureOf(b, measure) - measureOf(a, measure) || a.code.localeCompare(b.code))
        .slice(0, TOP_GRIDS),
    [grids, measure],
  );
  const m = measureText[measure];

  return (
    // A street much wider than tall takes the board's full width for its map.
    <Board id="grids" active={active} variant={geography.aspect >= WIDE_MAP ? 'wide-map' : 'map'}>
      <Panel
        area="map"
        title={`${gridText.map} · ${m.legend}`}
        aside={geography.unmapped.length > 0 ? gridText.mappedOf(grids.length - geography.unmapped.length, grids.length) : gridText.allMapped(grids.length)}
        className="board-panel-map"
      >
        <HallChart option={map} ariaLabel={`${gridText.map}，${m.legend}`} />
        {geography.unmapped.length > 0 && (
          <div className="unmapped">
            <strong>
              {gridText.withoutBoundary}（{geography.unmapped.length}）
            </strong>
            <ul>
              {geography.unmapped.slice(0, UNMAPPED_SHOWN).map((g) => (
                <li key={g.code} data-grid={g.code}>
                  {g.name}
                  <span className="muted">
                    {m.label} {measureOf(g, measure).toLocaleString('zh-CN')}
                  </span>
                </li>
              ))}
            </ul>
            {geography.unmapped.length > UNMAPPED_SHOWN && <div className="muted">{gridText.more(geography.unmapped.length - UNMAPPED_SHOWN)}</div>}
          </div>
        )}
      </Panel>
      <Panel area="ranking" title={gridText.ranking(m.label)}>
        <HallChart option={ranking} ariaLabel={gridText.ranking(m.label)} />
      </Panel>
      <Panel area="top" title={gridText.topGrids(m.label)}>
        <ol className="top-list">
          {top.map((g, i) => (
            <li key={g.code}>
              <span className={`rank rank-${i + 1}`}>{i + 1}</span>
              <span className="top-name">{g.name}</span>
              <span className="top-community">{g.communityName}</span>
              <span className="top-value">
                {measureOf(g, measure).toLocaleString('zh-CN')}
                <small>{m.unit}</small>
              </span>
            </li>
          ))}
          {top.length === 0 && <li className="top-empty">{measure === 'staffingGaps' ? gridText.staffed : '—'}</li>}
        </ol>
      </Panel>
    </Board>
  );
}
