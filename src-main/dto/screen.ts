import { z } from 'zod';

/** The boards a big screen can show, in their default playlist order. */
export const boardIds = ['overview', 'party', 'grids', 'events'] as const;
export type BoardId = (typeof boardIds)[number];

/** What the grid map is coloured by. */
export const gridMeasures = ['households', 'events', 'staffingGaps'] as const;
export type GridMeasure = (typeof gridMeasures)[number];

/**
 * The design canvas in pixels: the source PC's output (RULES.md "Large screens"): 1920×1080,
 * 3840×2160, or a splice wall of 1080p panels such as 5760×1080 (3×1) and 7680×3240 (4×3).
 */
const canvas = z.object({ width: z.number().int().min(640).max(15360), height: z.number().int().min(360).max(8640) }).strict();
const playlistEntry = z.object({ board: z.enum(boardIds), seconds: z.number().int().min(5).max(3600) }).strict();

/** Each field without a default: the patch takes them as they are, the settings add defaults. */
const fields = {
  canvas,
  playlist: z.array(playlistEntry).min(1).max(24),
  /** A timer refresh besides the data-changed push (a change made elsewhere, a new day). */
  refreshSeconds: z.number().int().min(5).max(3600),
  gridMeasure: z.enum(gridMeasures),
  /** Electron: the display the kiosk window goes to (null: the first secondary display). */
  displayId: z.number().int().nullable(),
  kiosk: z.boolean(),
  /** Electron: open the big screen when the app starts (and so after a restart or a power cut). */
  openOnStart: z.boolean(),
  /** The board on screen when the app stopped: it comes back there. */
  lastBoard: z.enum(boardIds).nullable(),
  /** The read-only token LAN screens use with `serve --host`; kept so a screen survives a restart. */
  readToken: z.string().min(16).max(200).nullable(),
};

export const defaultPlaylist = boardIds.map((board) => ({ board, seconds: 30 }));

export const screenSettingsSchema = z.object({
  canvas: fields.canvas.default({ width: 1920, height: 1080 }),
  playlist: fields.playlist.default(defaultPlaylist),
  refreshSeconds: fields.refreshSeconds.default(60),
  gridMeasure: fields.gridMeasure.default('households'),
  displayId: fields.displayId.default(null),
  kiosk: fields.kiosk.default(true),
  openOnStart: fields.openOnStart.default(false),
  lastBoard: fields.lastBoard.default(null),
  readToken: fields.readToken.default(null),
});

export const screenSettingsPatch = z.object(fields).partial().strict();

export type ScreenSettings = z.output<typeof screenSettingsSchema>;
export type PlaylistEntry = z.output<typeof playlistEntry>;

/** What a big screen needs to know to run (never the token it may have used to get here). */
export type ScreenConfig = Omit<ScreenSettings, 'readToken' | 'displayId' | 'kiosk' | 'openOnStart'>;
