import { useLayoutEffect, useRef } from 'react';
import { useStage } from '../stage/Stage';
import { echarts, type ChartOption } from './echarts';
import { useRenderTracker } from './renderTracker';
import { HALL_THEME } from './theme';

interface HallChartProps {
  option: ChartOption;
  ariaLabel: string;
  className?: string;
}

/**
 * One ECharts instance per chart for the life of the board: new figures are merged into it with
 * setOption, so a refresh animates from the old values instead of redrawing from nothing. The
 * instance draws at the stage's pixel ratio (window DPR × canvas scale) so 4K output is sharp;
 * ECharts fixes the ratio at init, so only a change of ratio (another display) re-creates it.
 */
export function HallChart({ option, ariaLabel, className = 'hall-chart' }: HallChartProps) {
  const { pixelRatio } = useStage();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  const applied = useRef<ChartOption | null>(null);
  const tracker = useRenderTracker();

  // Before the browser paints: the board's first paint already has its charts (one 4K paint, not two).
  useLayoutEffect(() => {
    const done = tracker?.register();
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, HALL_THEME, { renderer: 'canvas', devicePixelRatio: pixelRatio });
    chart.current = instance;
    let reported = false;
    instance.on('finished', () => {
      if (reported) return;
      reported = true;
      done?.();
    });
    instance.setOption(latest.current);
    applied.current = latest.current;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [pixelRatio, tracker]);

  useLayoutEffect(() => {
    latest.current = option;
    if (chart.current && applied.current !== option) {
      chart.current.setOption(option);
      applied.current = option;
    }
  }, [option]);

  return <div ref={element} className={className} role="img" aria-label={ariaLabel} />;
}
