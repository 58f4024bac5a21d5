import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { fitCanvas, type Fit, type Size } from './fit';

const StageContext = createContext<Fit>(fitCanvas({ width: 1920, height: 1080 }, { width: 1920, height: 1080 }, 1));

/** The fit of the design canvas in the window: charts read its pixel ratio to stay sharp. */
export const useStage = (): Fit => useContext(StageContext);

function useWindow(): { size: Size; dpr: number } {
  const read = () => ({ size: { width: window.innerWidth, height: window.innerHeight }, dpr: window.devicePixelRatio || 1 });
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = (): void => setValue(read());
    window.addEventListener('resize', update);
    // The window moved to a display with another pixel ratio.
    const media = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    media.addEventListener('change', update);
    return () => {
      window.removeEventListener('resize', update);
      media.removeEventListener('change', update);
    };
  }, [value.dpr]);
  return value;
}

/**
 * The fixed design canvas, scaled to the window with `contain` (letterboxed, never clipped).
 * Text is laid out at the design size and painted at the window's size (a plain 2D transform,
 * no compositing layer of its own), so it stays crisp; charts draw at the matching pixel ratio.
 */
export function Stage({ canvas, children }: { canvas: Size; children: ReactNode }) {
  const { size, dpr } = useWindow();
  const fit = fitCanvas(canvas, size, dpr);
  return (
    <StageContext.Provider value={fit}>
      <div className="stage-window">
        <div
          className="stage"
          data-shape={fit.shape}
          style={{
            width: fit.layout.width,
            height: fit.layout.height,
            transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`,
          }}
        >
          {children}
        </div>
      </div>
    </StageContext.Provider>
  );
}
