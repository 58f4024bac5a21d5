import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { openCore } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { tick } from '../../../src-main/core/exchange/sync/background';
import { isDue, nextRunAt } from '../../../src-main/core/exchange/sync/schedule';
import { call, fixedClock, resourcesDir } from '../../helpers/core';
import { tempDataDir } from '../../helpers/storage';

const at = (iso: string): number => Date.parse(iso);
const schedule = (patch: object) => ({ mode: 'off' as const, dailyAt: '18:00', everyHours: 24, incremental: true, folder: null, outbox: false, ...patch });

describe('scheduled export: when', () => {
  it('runs daily at the time in China time, once, and catches up after a day the app was closed', () => {
    const daily = schedule({ mode: 'daily', dailyAt: '18:00' });
    expect(isDue(daily, '2026-11-20T18:00:05+08:00', at('2026-11-21T17:59:00+08:00'))).toBe(false);
    expect(isDue(daily, '2026-11-20T18:00:05+08:00', at('2026-11-21T18:00:00+08:00'))).toBe(true);
    expect(isDue(daily, '2026-11-21T18:00:05+08:00', at('2026-11-21T23:00:00+08:00'))).toBe(false);
    expect(isDue(daily, '2026-11-18T18:00:05+08:00', at('2026-11-21T09:00:00+08:00'))).toBe(true);
    expect(nextRunAt(daily, '2026-11-21T18:00:05+08:00', at('2026-11-21T19:00:00+08:00'))).toBe('2026-11-22T18:00:00+08:00');
  });

  it('runs a daily time first at that time after it was set, never at once', () => {
    const daily = schedule({ mode: 'daily', dailyAt: '03:30' });
    const setAt = '2026-11-21T09:16:00+08:00';
    expect(isDue(daily, null, at('2026-11-21T09:17:00+08:00'), setAt)).toBe(false);
    expect(nextRunAt(daily, null, at('2026-11-21T09:17:00+08:00'), setAt)).toBe('2026-11-22T03:30:00+08:00');
    expect(isDue(daily, null, at('2026-11-22T03:29:00+08:00'), setAt)).toBe(false);
    expect(isDue(daily, null, at('2026-11-22T03:30:00+08:00'), setAt)).toBe(true);
    // Set before the day's time: due that same day, and caught up later that day if the app was closed.
    expect(isDue(daily, null, at('2026-11-21T03:30:00+08:00'), '2026-11-21T02:00:00+08:00')).toBe(true);
    expect(isDue(daily, null, at('2026-11-21T12:00:00+08:00'), '2026-11-21T02:00:00+08:00')).toBe(true);
    // Every N hours starts with a run whenever it was set.
    expect(isDue(schedule({ mode: 'hours', everyHours: 6 }), null, at('2026-11-21T09:17:00+08:00'), setAt)).toBe(true);
  });

  it('runs every N hours after the last run, and never when off', () => {
    const hourly = schedule({ mode: 'hours', everyHours: 6 });
    expect(isDue(hourly, null, at('2026-11-21T09:00:00+08:00'))).toBe(true);
    expect(isDue(hourly, '2026-11-21T09:00:00+08:00', at('2026-11-21T14:59:00+08:00'))).toBe(false);
    expect(isDue(hourly, '2026-11-21T09:00:00+08:00', at('2026-11-21T15:00:00+08:00'))).toBe(true);
    expect(nextRunAt(hourly, '2026-11-21T09:00:00+08:00', at('2026-11-21T10:00:00+08:00'))).toBe('2026-11-21T15:00:00+08:00');
    expect(isDue(schedule({}), null, at('2026-11-21T09:00:00+08:00'))).toBe(false);
  });
});

describe('scheduled export: running', () => {
  let core: CoreRuntime | null = null;
  afterEach(async () => core?.close());

  /** A tiny generated street in a data directory of its own, on the test clock. */
  async function openStreet(dataDir: string): Promise<CoreRuntime> {
    const opened = await openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    opened.data.create((db) => generateStreet(db, { size: 'tiny', seed: 7, now: opened.now() }));
    return opened;
  }

  it('writes the package into the folder when due, keeps the last result visible, and survives a restart', async () => {
    const dataDir = tempDataDir('scc-schedule-');
    const usb = tempDataDir('scc-usb-');
    core = await openStreet(dataDir);
    const first = core;
    await call(first, 'settings.update', { exchange: { schedule: { mode: 'hours', everyHours: 6, folder: usb } } });
    const before = await call(first, 'sync.status', {});
    expect(before.schedule).toMatchObject({ mode: 'hours', describe: `每 6 小时导出增量数据交换包，写入 ${usb}`, lastRunAt: null });
    await tick(first);
    expect(readdirSync(usb)).toHaveLength(1);
    const after = (await call(first, 'sync.status', {})).schedule;
    expect(after).toMatchObject({ lastRunAt: '2026-11-21T09:30:00+08:00', lastError: null, nextRunAt: '2026-11-21T15:30:00+08:00' });
    expect(after.lastResult).toMatch(/^已导出 150102003_20261121T093000_001\.zip（\d+ 条记录）到 /);
    await first.close();

    core = await openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    const again = await call(core, 'sync.status', {});
    expect(again.schedule).toMatchObject({ mode: 'hours', lastRunAt: '2026-11-21T09:30:00+08:00' });
    await tick(core);
    expect(readdirSync(usb)).toHaveLength(1);
    await tick(core, at('2026-11-21T15:31:00+08:00'));
    expect(readdirSync(usb)).toHaveLength(2);
  });

  it('changes only the schedule fields a patch names', async () => {
    core = await openCore({ dataDir: tempDataDir('scc-schedule-'), resourcesDir, version: 'test', clock: fixedClock });
    const usb = tempDataDir('scc-usb-');
    await call(core, 'settings.update', { exchange: { schedule: { mode: 'hours', everyHours: 6, folder: usb, outbox: true, incremental: false } } });
    const changed = await call(core, 'settings.update', { exchange: { schedule: { dailyAt: '20:00' } } });
    expect(changed.exchange.schedule).toEqual({ mode: 'hours', dailyAt: '20:00', everyHours: 6, incremental: false, folder: usb, outbox: true });
  });

  it('waits for the next daily time after the schedule is saved, and shows it as the next run', async () => {
    const usb = tempDataDir('scc-usb-');
    const c = (core = await openStreet(tempDataDir('scc-schedule-')));
    // Saved at 09:30 (the test clock) for 08:00: tomorrow at 08:00, not now.
    await call(c, 'settings.update', { exchange: { schedule: { mode: 'daily', dailyAt: '08:00', folder: usb } } });
    expect((await call(c, 'sync.status', {})).schedule.nextRunAt).toBe('2026-11-22T08:00:00+08:00');
    await tick(c);
    await tick(c, at('2026-11-22T07:59:00+08:00'));
    expect(readdirSync(usb)).toEqual([]);
    await tick(c, at('2026-11-22T08:00:30+08:00'));
    expect(readdirSync(usb)).toHaveLength(1);
    // The time changed to one later today: it is due today at that time.
    await call(c, 'settings.update', { exchange: { schedule: { dailyAt: '20:00' } } });
    expect((await call(c, 'sync.status', {})).schedule.nextRunAt).toBe('2026-11-21T20:00:00+08:00');
  });

  it('counts a new time from when it was saved, though nothing looked at the schedule before a restart', async () => {
    const dataDir = tempDataDir('scc-schedule-');
    const usb = tempDataDir('scc-usb-');
    const first = (core = await openStreet(dataDir));
    // Saved at 09:30 (the test clock) for 09:45; the app is closed before the first tick.
    await call(first, 'settings.update', { exchange: { schedule: { mode: 'daily', dailyAt: '09:45', folder: usb } } });
    await first.close();
    core = await openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    // Opened again at 10:00: 09:45 came after the save, so the export is due now, not tomorrow.
    await tick(core, at('2026-11-21T10:00:00+08:00'));
    expect(readdirSync(usb)).toHaveLength(1);
  });

  it('records why a run failed and tries again an hour later', async () => {
    const c = (core = await openStreet(tempDataDir('scc-schedule-')));
    const usb = join(tempDataDir('scc-media-'), 'USB-DISK');
    await call(c, 'settings.update', { exchange: { schedule: { mode: 'hours', everyHours: 24, folder: usb } } });
    await tick(c);
    const failed = (await call(c, 'sync.status', {})).schedule;
    expect(failed.lastError).toBe(`导出目录 ${usb} 不存在：请插入 U 盘或连接共享文件夹后重试。`);
    expect(failed.lastRunAt).toBeNull();
    expect(existsSync(usb)).toBe(false);
    mkdirSync(usb);
    await tick(c, at('2026-11-21T10:00:00+08:00'));
    expect(readdirSync(usb)).toEqual([]);
    await tick(c, at('2026-11-21T10:31:00+08:00'));
    expect(readdirSync(usb)).toHaveLength(1);
    expect((await call(c, 'sync.status', {})).schedule).toMatchObject({ lastError: null, lastRunAt: '2026-11-21T09:30:00+08:00' });
  });
});
