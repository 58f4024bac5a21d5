import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityRow, DashboardSummary, GridRow } from '../../src-main/contract';
import { allRowIds, apiCall, freshDataDir, launchBrowser, openPage, runScc, screenshot, serve, type Served } from './harness';
import { onScreen } from './rosterUi';

let browser: Browser;
let served: Served;

beforeAll(async () => {
  const dataDir = freshDataDir();
  runScc(['init', '--demo', '--data', dataDir]);
  served = await serve(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the app in Chromium against scc serve', () => {
  it('shows the dashboard with figures from the database and a rendered chart', async () => {
    const summary = await apiCall<DashboardSummary>(served.url, 'dashboard.summary');
    const { page, errors, context } = await openPage(browser, served.url);
    await expect.poll(() => page.locator('.street-name').textContent()).toBe('新华街道');
    await expect.poll(() => page.locator('.nav-item').allTextContents()).toEqual(expect.arrayContaining(['台工作台', '格网格/社区']));

    const stat = (label: string) => page.locator('.stat-card', { hasText: label }).locator('.stat-value');
    await expect.poll(() => stat('网格').textContent()).toContain(summary.grids.toLocaleString('zh-CN'));
    await expect.poll(() => stat('房屋').textContent()).toContain(summary.households.toLocaleString('zh-CN'));

    // The chart drew something: its canvas has pixels of the series colour.
    const canvas = page.locator('.chart canvas');
    await canvas.waitFor();
    await page.waitForTimeout(800); // let the entry animation finish before the screenshot
    const painted = await canvas.evaluate((el: HTMLCanvasElement) => {
      const ctx = el.getContext('2d');
      if (!ctx) return 0;
      const data = ctx.getImageData(0, 0, el.width, el.height).data;
      let red = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 180 && (data[i + 1] ?? 255) < 70 && (data[i + 2] ?? 255) < 70) red++;
      return red;
    });
    expect(painted).toBeGreaterThan(500);
    await screenshot(page, '01-dashboard-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists communities and grids in AG Grid, and filters grids by the chosen community', async () => {
    const communities = await apiCall<CommunityRow[]>(served.url, 'geo.communities');
    const first = communities[0];
    if (!first) throw new Error('demo street has no community');
    const theirGrids = await apiCall<GridRow[]>(served.url, 'geo.grids', { communityCode: first.code });

    const { page, errors, context } = await openPage(browser, `${served.url}/#/geo`);
    // The page is the editable 网格/社区 roster (infinite row model); its last line is the "new row".
    const listed = (name: string): Promise<string[]> => allRowIds(page.getByRole('region', { name }));
    const communityGrid = page.getByRole('region', { name: '社区列表' });
    await expect.poll(() => listed('社区列表')).toEqual(communities.map((c) => c.code));
    await expect.poll(() => onScreen(page, '.roster-heading').nth(1).textContent()).toContain('全部网格');
    await expect.poll(() => communityGrid.locator('.ag-header-cell[col-id=code] .ag-header-cell-text').textContent()).toBe('社区编码 *');

    await communityGrid.locator(`[role=row][row-id="${first.code}"] [col-id=name]`).click();
    await expect.poll(() => onScreen(page, '.roster-heading').nth(1).textContent()).toContain(`${first.name}的网格`);
    const gridList = page.getByRole('region', { name: '网格列表' });
    await expect.poll(() => listed('网格列表')).toEqual(theirGrids.map((g) => g.code));
    const shownCommunities = await gridList.locator('[role=row][row-id]:not([row-id="__new__"]) [col-id=communityName]').allTextContents();
    expect(shownCommunities.length).toBeGreaterThan(0);
    expect(new Set(shownCommunities)).toEqual(new Set([first.name]));
    await screenshot(page, '02-geo-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sets the big screens from 大屏设置: an open screen takes the new playlist and canvas at once, without reload', async () => {
    const screen = await openPage(browser, `${served.url}/screen`);
    await expect.poll(() => screen.page.locator('.carousel-item').count()).toBe(4);
    await screen.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const { page, errors, context } = await openPage(browser, `${served.url}/#/screen-settings`);
    const playlist = page.getByRole('table', { name: '轮播顺序' });
    await expect.poll(() => playlist.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['街道总览', '党建工作', '网格管理', '事件处理']);
    await page.getByLabel('显示党建工作').uncheck();
    await page.getByLabel('下移街道总览').click();
    await page.getByLabel('事件处理停留秒数').fill('3');
    await page.getByLabel('画布尺寸').selectOption('5760x1080');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.locator('.error-banner').textContent()).toContain('“事件处理”的停留时间应为 5–3600 秒的整数');
    expect(await apiCall<{ screen: { playlist: unknown[] } }>(served.url, 'settings.get').then((s) => s.screen.playlist.length)).toBe(4);

    await page.getByLabel('事件处理停留秒数').fill('15');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');
    const saved = await apiCall<{ screen: { canvas: unknown; playlist: unknown } }>(served.url, 'settings.get');
    expect(saved.screen.canvas).toEqual({ width: 5760, height: 1080 });
    expect(saved.screen.playlist).toEqual([
      { board: 'overview', seconds: 30 },
      { board: 'grids', seconds: 30 },
      { board: 'events', seconds: 15 },
    ]);
    await screenshot(page, '04-screen-settings-1920x1080');

    // The open screen: three boards in the new order, laid out for the 3×1 wall, same page.
    await expect.poll(() => screen.page.locator('.carousel-item').allTextContents(), { timeout: 2000 }).toEqual([
      expect.stringContaining('街道总览'),
      expect.stringContaining('网格管理'),
      expect.stringContaining('事件处理'),
    ]);
    await expect.poll(() => screen.page.locator('.stage').getAttribute('data-shape'), { timeout: 2000 }).toBe('wide');
    expect(await screen.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(errors).toEqual([]);
    expect(screen.errors).toEqual([]);
    await screen.context.close();
    await context.close();
  });
});
