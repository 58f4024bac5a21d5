/**
 * How a fixed design canvas sits in a window: scaled to fit whole (contain), centred, never
 * clipped. Boards are laid out in units of 1/1080 of the canvas height, so a 3840×2160 canvas
 * is the 1920×1080 layout at twice the size and a 5760×1080 splice wall is a wider layout.
 */
export interface Size {
  width: number;
  height: number;
}

export interface Fit {
  /** The layout box, in CSS pixels before scaling: its height is always 1080. */
  layout: Size;
  /** The CSS transform scale from the layout box to the window. */
  scale: number;
  left: number;
  top: number;
  /** Pixels a chart's canvas needs per layout pixel to stay sharp at this scale. */
  pixelRatio: number;
  /** Wide canvases (splice walls of three or more panels in a row) get a one-row layout. */
  shape: 'standard' | 'wide';
}

export const LAYOUT_HEIGHT = 1080;
/** Past this width/height ratio a 16:9 arrangement would leave the sides empty. */
const WIDE_RATIO = 2.8;
/** A canvas backing store beyond this many pixels per CSS pixel costs memory and buys nothing. */
const MAX_PIXEL_RATIO = 6;

export function fitCanvas(canvas: Size, window: Size, devicePixelRatio: number): Fit {
  const layout = { width: Math.round((canvas.width * LAYOUT_HEIGHT) / canvas.height), height: LAYOUT_HEIGHT };
  const scale = Math.min(window.width / layout.width, window.height / layout.height);
  return {
    layout,
    scale,
    left: Math.round((window.width - layout.width * scale) / 2),
    top: Math.round((window.height - layout.height * scale) / 2),
    pixelRatio: Math.min(MAX_PIXEL_RATIO, Math.max(1, Math.ceil(devicePixelRatio * scale * 4) / 4)),
    shape: canvas.width / canvas.height >= WIDE_RATIO ? 'wide' : 'standard',
  };
}
