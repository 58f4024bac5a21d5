import { useEffect, useMemo, useState } from 'react';
import type { BoardFigures, BoardId, PlaylistEntry, ScreenConfig } from '../../src-main/contract';
import { api, transport } from '../api/client';
import { EventsBoard } from './boards/EventsBoard';
import { GridsBoard } from './boards/GridsBoard';
import { OverviewBoard } from './boards/OverviewBoard';
import { PartyBoard } from './boards/PartyBoard';
import type { CarouselState } from './carousel/carousel';
import { useCarousel } from './carousel/useCarousel';
import { useScreenData } from './data/useScreenData';
import { screenParams, type ScreenParams } from './location';
import { Stage } from './stage/Stage';
import { boardTitles, screenText } from './strings';

const DEFAULT_CANVAS = { width: 1920, height: 1080 };
const LAST_BOARD_KEY = 'scc.screen.lastBoard';

// Formatters are costly to make: one each, in China time as the figures are (a browser elsewhere,
// or set to UTC, still shows the street's clock).
const dateFormat = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone: 'Asia/Shanghai' });
const timeFormat = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const date = dateFormat.format(now);
  const time = timeFormat.format(now);
  return (
    <div className="clock">
      <span className="clock-time">{time}</span>
      <span className="clock-date">{date}</span>
    </div>
  );
}

function Header({ figures, board, stale }: { figures: BoardFigures | null; board: BoardId; stale: boolean }) {
  return (
    <header className="screen-header">
      <Clock />
      <h1 className="screen-title">
        {figures?.streetName && <span className="street">{figures.streetName}</span>}
        {screenText.title}
      </h1>
      <div className="screen-status">
        <span className="board-name">{boardTitles[board]}</span>
        <span className={stale ? 'updated stale' : 'updated'} title={stale ? screenText.disconnected : undefined}>
          {stale ? screenText.disconnected : figures ? `${screenText.updatedAt} ${figures.generatedAt.slice(11, 19)}` : ''}
        </span>
      </div>
    </header>
  );
}

function CarouselBar({ playlist, state }: { playlist: PlaylistEntry[]; state: CarouselState }) {
  const held = state.holds.length > 0;
  return (
    <footer className="carousel">
      {playlist.map((entry, i) => (
        <div key={`${entry.board}-${i}`} className={i === state.index ? 'carousel-item current' : 'carousel-item'}>
          <span>{boardTitles[entry.board]}</span>
          {i === state.index && playlist.length > 1 && (
            // Restarts for each showing (key); pauses with the carousel, so it shows the time left.
            <span
              key={`${state.index}-${JSON.stringify(state.entries)}`}
              className="carousel-progress"
              style={{ animationDuration: `${entry.seconds}s`, animationPlayState: held ? 'paused' : 'running' }}
            />
          )}
        </div>
      ))}
      {held && playlist.length > 1 && <span className="carousel-paused">{screenText.paused}</span>}
      <span className="carousel-hint">{screenText.pauseHint}</span>
    </footer>
  );
}

/** The board a screen returns to: the one it showed last (Electron: settings; a browser: its own storage). */
function startBoard(params: ScreenParams, config: ScreenConfig): BoardId | null {
  if (params.board) return params.board;
  if (transport === 'ipc') return config.lastBoard;
  const stored = window.localStorage.getItem(LAST_BOARD_KEY);
  return config.playlist.find((e) => e.board === stored)?.board ?? config.lastBoard;
}

function rememberBoard(board: BoardId): void {
  if (transport === 'ipc') {
    // settings.json is written atomically and fsynced: the board survives a power cut.
    void api.call('settings.update', { screen: { lastBoard: board } });
  } else {
    window.localStorage.setItem(LAST_BOARD_KEY, board);
  }
}

function Screen({ config, figures, stale, params }: { config: ScreenConfig; figures: BoardFigures | null; stale: boolean; params: ScreenParams }) {
  const playlist = useMemo(() => (params.board ? [{ board: params.board, seconds: 3600 }] : config.playlist), [params.board, config.playlist]);
  const entries = useMemo(() => playlist.map((e) => ({ key: e.board, ms: e.seconds * 1000 })), [playlist]);
  const [startIndex] = useState(() => {
    const board = startBoard(params, config);
    return Math.max(0, playlist.findIndex((e) => e.board === board));
  });
  const state = useCarousel(entries, startIndex, !params.board);
  const board = playlist[state.index]?.board ?? 'overview';

  // Boards mount when first shown and stay mounted: their charts are updated, never re-created.
  const [shown, setShown] = useState<BoardId[]>([board]);
  if (!shown.includes(board)) setShown([...shown, board]);
  useEffect(() => {
    if (!params.board) rememberBoard(board);
  }, [board, params.board]);

  const measure = params.measure ?? config.gridMeasure;
  return (
    <Stage canvas={params.canvas ?? config.canvas ?? DEFAULT_CANVAS}>
      <Header figures={figures} board={board} stale={stale} />
      <main className="boards">
        {!figures && <div className="screen-loading">{screenText.loading}</div>}
        {figures && shown.includes('overview') && <OverviewBoard figures={figures} active={board === 'overview'} />}
        {figures && shown.includes('party') && <PartyBoard figures={figures} active={board === 'party'} />}
        {figures && shown.includes('grids') && <GridsBoard figures={figures} measure={measure} active={board === 'grids'} />}
        {figures && shown.includes('events') && <EventsBoard figures={figures} active={board === 'events'} />}
      </main>
      <CarouselBar playlist={playlist} state={state} />
    </Stage>
  );
}

/** The big-screen app: `/screen` in a browser, `#/screen` in the Electron kiosk window. */
export function ScreenApp() {
  const params = useMemo(() => screenParams(window.location), []);
  const { figures, config, error } = useScreenData();
  if (!config) {
    return (
      <Stage canvas={params.canvas ?? DEFAULT_CANVAS}>
        <div className="screen-loading">{error ? error.message : screenText.loading}</div>
      </Stage>
    );
  }
  return <Screen config={config} figures={figures} stale={error !== null} params={params} />;
}
