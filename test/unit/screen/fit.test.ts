import { describe, expect, it } from 'vitest';
import { fitCanvas } from '../../../src-renderer/screen/stage/fit';

describe('fitting the design canvas to the window', () => {
  it('fills a window of the canvas size exactly, and doubles on a 4K window', () => {
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 1920, height: 1080 }, 1)).toMatchObject({ scale: 1, left: 0, top: 0, pixelRatio: 1, shape: 'standard' });
    const uhd = fitCanvas({ width: 1920, height: 1080 }, { width: 3840, height: 2160 }, 1);
    expect(uhd).toMatchObject({ scale: 2, left: 0, top: 0, pixelRatio: 2 });
    // A 4K canvas is the same layout drawn twice as large: identical on the same window.
    expect(fitCanvas({ width: 3840, height: 2160 }, { width: 3840, height: 2160 }, 1)).toEqual(uhd);
  });

  it('letterboxes (contain): never clipped, centred, whatever the window', () => {
    for (const window of [
      { width: 1280, height: 1024 },
      { width: 2560, height: 1080 },
      { width: 1366, height: 768 },
      { width: 800, height: 1280 },
    ]) {
      const fit = fitCanvas({ width: 1920, height: 1080 }, window, 1);
      const shown = { width: fit.layout.width * fit.scale, height: fit.layout.height * fit.scale };
      expect(shown.width, JSON.stringify(window)).toBeLessThanOrEqual(window.width + 0.001);
      expect(shown.height, JSON.stringify(window)).toBeLessThanOrEqual(window.height + 0.001);
      expect(Math.min(window.width - shown.width, window.height - shown.height)).toBeLessThan(1);
      expect(Math.abs(fit.left * 2 + shown.width - window.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(fit.top * 2 + shown.height - window.height)).toBeLessThanOrEqual(1);
    }
  });

  it('gives charts enough pixels to stay sharp: DPR × scale', () => {
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 1920, height: 1080 }, 2).pixelRatio).toBe(2);
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 3840, height: 2160 }, 2).pixelRatio).toBe(4);
    expect(fitCanvas({ width: 7680, height: 3240 }, { width: 7680, height: 3240 }, 1).pixelRatio).toBe(3);
    // A small preview window never draws below one pixel per pixel.
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 960, height: 540 }, 1).pixelRatio).toBe(1);
  });

  it('lays splice walls out at 1080 high: a 3×1 wall is wide, a 4×3 wall standard', () => {
    const wall = fitCanvas({ width: 5760, height: 1080 }, { width: 5760, height: 1080 }, 1);
    expect(wall).toMatchObject({ layout: { width: 5760, height: 1080 }, scale: 1, shape: 'wide' });
    const big = fitCanvas({ width: 7680, height: 3240 }, { width: 7680, height: 3240 }, 1);
    expect(big).toMatchObject({ layout: { width: 2560, height: 1080 }, scale: 3, shape: 'standard' });
  });
});
