import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../src-main/contract';
import { apiCall, freshDataDir, launchBrowser, openPage, runScc, screenshot, serve } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('first run', () => {
  it('offers the demo street and builds it with a progress bar, then shows the shell with its figures', async () => {
    const served = await serve(freshDataDir());
    try {
      const { page, errors, context } = await openPage(browser, served.url);
      await page.getByRole('heading', { name: '欢迎使用街道指挥中心' }).waitFor();
      await screenshot(page, '00-welcome-1920x1080');
      await page.getByRole('button', { name: '生成演示街道' }).click();
      await page.getByRole('progressbar').waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator('.street-name').textContent(), { timeout: 30_000 }).toBe('新华街道');
      const summary = await apiCall<DashboardSummary>(served.url, 'dashboard.summary');
      expect(summary.residents).toBeGreaterThan(50_000);
      const residents = page.locator('.stat-card', { hasText: '实有人口' }).locator('.stat-value');
      await expect.poll(() => residents.textContent()).toContain(summary.residents.toLocaleString('zh-CN'));
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await served.stop();
    }
  });

  it('refuses a street code that is not one, in Chinese, then creates the empty street', async () => {
    const served = await serve(freshDataDir());
    try {
      const { page, context } = await openPage(browser, served.url);
      await page.getByLabel('街道名称').fill('海东路街道');
      await page.getByLabel('街道编码').fill('150102105');
      await page.getByRole('button', { name: '建立街道' }).click();
      await expect.poll(() => page.locator('.field-error').textContent()).toContain('001–099');
      await page.getByLabel('街道编码').fill('150102006');
      await page.getByRole('button', { name: '建立街道' }).click();
      await expect.poll(() => page.locator('.street-name').textContent()).toBe('海东路街道');
      await expect.poll(() => page.locator('.street-code').textContent()).toBe('150102006');
      await context.close();
    } finally {
      await served.stop();
    }
  });
});

describe('data that outlives the process', () => {
  it('keeps the street across a restart, backs it up, and restores it into a fresh directory from the page', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    let served = await serve(dataDir);
    const before = await apiCall<DashboardSummary>(served.url, 'dashboard.summary');
    const backup = await apiCall<{ file: string }>(served.url, 'storage.backup');
    await served.stop();

    served = await serve(dataDir);
    expect(await apiCall<DashboardSummary>(served.url, 'dashboard.summary')).toEqual(before);
    const { page, context } = await openPage(browser, `${served.url}/#/storage`);
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => page.locator('.ok-banner').textContent()).toMatch(/已备份到 .*backups/);
    await screenshot(page, '03-storage-1920x1080');
    await context.close();
    await served.stop();

    const other = await serve(freshDataDir());
    try {
      const restoring = await openPage(browser, other.url);
      await restoring.page.locator('input[type=file]').setInputFiles(backup.file);
      await expect.poll(() => restoring.page.locator('.street-name').textContent(), { timeout: 20_000 }).toBe('新华街道');
      expect(await apiCall<DashboardSummary>(other.url, 'dashboard.summary')).toEqual(before);
      await restoring.context.close();
    } finally {
      await other.stop();
    }
  });

  it('asks for the passphrase of an encrypted database, refuses a wrong one, and opens with the right one', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    // In a directory of its own, removed with the test's others (it was left in /tmp).
    const passFile = join(freshDataDir('scc-pass-'), 'pass.txt');
    writeFileSync(passFile, '街道口令-correct-horse\n');
    runScc(['encrypt', '--data', dataDir, '--passphrase-file', passFile]);
    const served = await serve(dataDir);
    try {
      const { page, context } = await openPage(browser, served.url);
      await page.getByRole('heading', { name: '数据库已加密' }).waitFor();
      await page.getByLabel('口令').fill('not-the-passphrase');
      await page.getByRole('button', { name: '解锁' }).click();
      await expect.poll(() => page.locator('.error-banner').textContent()).toBe('口令不正确。');
      await page.getByLabel('口令').fill('街道口令-correct-horse');
      await page.getByRole('button', { name: '解锁' }).click();
      await expect.poll(() => page.locator('.street-name').textContent()).toBe('新华街道');
      await expect.poll(() => page.locator('.header-status').textContent()).toContain('已加密');
      await context.close();
    } finally {
      await served.stop();
    }
  });
});
