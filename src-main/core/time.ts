/** China has one time zone and no daylight saving: every timestamp is stored as +08:00. */
const OFFSET_MS = 8 * 60 * 60 * 1000;

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2026-11-21T09:30:00+08:00`: sortable as text because the offset never varies. */
export function isoTimestamp(date: Date): string {
  const d = new Date(date.getTime() + OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** The calendar date in China (YYYY-MM-DD). */
export function isoDate(date: Date): string {
  return isoTimestamp(date).slice(0, 10);
}
