import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { BoardId } from '../../../src-main/contract';
import { RenderTrackerContext, type RenderTracker } from '../charts/renderTracker';

/**
 * A board's frame. It marks itself rendered once every chart in it has finished drawing
 * (`performance.mark('scc-board-rendered:<id>')`, `data-rendered`), for the render benchmark.
 */
export function Board({ id, active, variant, children }: { id: BoardId; active: boolean; variant?: string; children: ReactNode }) {
  const [rendered, setRendered] = useState(false);
  const counts = useRef({ registered: 0, finished: 0, marked: false });
  const tracker = useMemo<RenderTracker>(
    () => ({
      register() {
        counts.current.registered += 1;
        let called = false;
        return () => {
          if (called) return;
          called = true;
          const c = counts.current;
          c.finished += 1;
          if (c.finished >= c.registered && !c.marked) {
            c.marked = true;
            performance.mark(`scc-board-rendered:${id}`);
            setRendered(true);
          }
        };
      },
    }),
    [id],
  );
  return (
    <RenderTrackerContext.Provider value={tracker}>
      <section
        className={`board board-${id}${active ? ' active' : ''}`}
        data-board={id}
        data-variant={variant}
        data-rendered={rendered}
        aria-hidden={!active}
      >
        {children}
      </section>
    </RenderTrackerContext.Provider>
  );
}

interface PanelProps {
  area: string;
  title: string;
  /** A short note at the right of the title bar. */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Panel({ area, title, aside, children, className = '' }: PanelProps) {
  return (
    <div className={`board-panel ${className}`} style={{ gridArea: area }}>
      <h2 className="board-panel-title">
        <span>{title}</span>
        {aside && <small className="board-panel-aside">{aside}</small>}
      </h2>
      <div className="board-panel-body">{children}</div>
    </div>
  );
}

/** A big figure with its label and unit (no animation: it is a count people check). */
export function Figure({ label, value, unit, tone = 'gold' }: { label: string; value: string; unit?: string; tone?: 'gold' | 'red' | 'cyan' }) {
  return (
    <div className="figure">
      <div className="figure-label">{label}</div>
      <div className={`figure-value tone-${tone}`}>
        {value}
        {unit && <span className="figure-unit">{unit}</span>}
      </div>
    </div>
  );
}
