import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResidentRecord, Settings, SyncStatus } from '../../src-main/contract';
import { startCityServer } from '../cityPlatform/server';
import { craftPackage } from '../unit/exchange/packages';
import { apiCall, freshDataDir, launchBrowser, openPage, repoRoot, runScc, screenshot, serve } from './harness';

const messy = join(repoRoot, '..', 'shared', 'fixtures', 'messy');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('数据交换 page', () => {
  it('imports files through the wizard (preview, apply) and lets a person fix a refused row; an undo that would orphan it is refused', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--empty', '--name', '青城街道', '--code', '150102005', '--data', dataDir]);
    const served = await serve(dataDir);
    try {
      const { page, errors, context } = await openPage(browser, `${served.url}/#/exchange`);
      await page.getByRole('heading', { name: '数据交换' }).waitFor();
      const files = ['实有人口信息表-GB18030.csv', '社区信息表.csv', '网格信息表.csv', '楼栋信息表.csv'].map((f) => join(messy, f));
      await page.getByLabel('选择文件（.xlsx 或 .csv，可多选）').setInputFiles(files);
      await page.getByRole('button', { name: '预览（不写入）' }).click();
      const residents = page.getByLabel('实有人口信息表-GB18030.csv 的预览');
      await residents.waitFor({ timeout: 30_000 });
      await expect.poll(() => residents.locator('.chip-bad').textContent()).toBe('拒绝 14');
      const firstRejection = residents.locator('.report-table tbody tr').first();
      await expect.poll(() => firstRejection.textContent()).toContain('1166性别不是允许的值性别“未知性别”不是允许的值（男、女）');
      expect(await residents.locator('.warn-notes').textContent()).toMatch(/精度丢失/);
      expect(await page.locator('.import-file').count()).toBe(4);
      await screenshot(page, 'exchange-import-preview-1920x1080');

      // While the write runs the page says it cannot be cancelled and offers no 取消: every frame is
      // seen, however short the write, by watching the DOM from before the click.
      await page.evaluate(() => {
        const seen = { note: '', cancelWhileWriting: false };
        (window as unknown as { writeSeen: typeof seen }).writeSeen = seen;
        new MutationObserver(() => {
          const note = document.querySelector('.write-note');
          if (!note) return;
          seen.note = note.textContent ?? '';
          if ([...document.querySelectorAll('button')].some((b) => b.textContent === '取消')) seen.cancelWhileWriting = true;
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: '确认导入' }).click();
      await expect.poll(() => page.locator('.ok-banner').textContent(), { timeout: 30_000 }).toMatch(/已导入，批次 #1。被拒绝的 14 行已放入“待处理”/);
      expect(await page.evaluate(() => (window as unknown as { writeSeen: unknown }).writeSeen)).toEqual({
        note: '写入中不能取消：全部记录在一次事务中写入，出错时一条也不写入。',
        cancelWhileWriting: false,
      });
      const batchRow = page.getByLabel('导入记录').locator('[role=row][row-id="1"]');
      await expect.poll(() => batchRow.textContent()).toContain('4366');
      expect(await page.locator('.tab', { hasText: '待处理' }).locator('.tab-badge').textContent()).toBe('14');

      await page.getByRole('tab', { name: /待处理/ }).click();
      const grid = page.getByLabel('待处理的行');
      await grid.locator('[role=row]', { hasText: '2865' }).first().click();
      const form = page.getByLabel('修正并重新提交');
      await form.getByText('姓名为空').waitFor();
      await screenshot(page, 'exchange-quarantine-1920x1080');
      await form.getByLabel('姓名 *').fill('补填姓名');
      await form.getByRole('button', { name: '重新提交' }).click();
      await expect.poll(() => page.locator('.ok-banner').textContent()).toBe('已保存，这一行已移出待处理。');
      const fixed = await apiCall<ResidentRecord>(served.url, 'records.get', { entity: 'resident', key: '150102195805263937' });
      expect(fixed.name).toBe('补填姓名');
      await expect.poll(() => page.locator('.tab', { hasText: '待处理' }).locator('.tab-badge').textContent()).toBe('13');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 实有人口信息表（13 行）' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^实有人口信息表-待处理-\d{8}\.xlsx$/);
      const saved = join(freshDataDir('scc-dl-'), download.suggestedFilename());
      await download.saveAs(saved);
      expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');

      // The fixed row lives in a grid the batch created: undoing the batch is refused, and says why.
      await page.getByRole('tab', { name: /导入/ }).first().click();
      await page.getByLabel('导入记录').locator('[role=row][row-id="1"]').click();
      // An undo is one write that can take a while: meanwhile the button says so and cannot be pressed again.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { undoSeen: string[] }).undoSeen = seen;
        new MutationObserver(() => {
          for (const b of document.querySelectorAll('.batch-panel button')) if (b.textContent === '正在撤销…') seen.push((b as HTMLButtonElement).disabled ? 'disabled' : 'enabled');
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await page.getByRole('button', { name: '撤销所选批次' }).click();
      await expect
        .poll(() => page.locator('.error-banner').textContent(), { timeout: 30_000 })
        .toMatch(/^无法撤销这次导入：之后新增或修改的记录仍引用这次修改中的记录/);
      expect([...new Set(await page.evaluate(() => (window as unknown as { undoSeen: string[] }).undoSeen))]).toEqual(['disabled']);
      expect(await page.getByRole('button', { name: '撤销所选批次' }).isEnabled()).toBe(true);
      await screenshot(page, 'exchange-import-batches-1920x1080');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await served.stop();
    }
  }, 180_000);

  it('asks a person to map the columns of a file it cannot recognise', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const served = await serve(dataDir);
    try {
      const { page, context } = await openPage(browser, `${served.url}/#/exchange`);
      const file = join(freshDataDir('scc-files-'), '社区自制花名册.csv');
      writeFileSync(file, '\uFEFF序号,身份证号,姓名,网格\r\n1,150102199005170415,映射甲,150102003001001\r\n');
      await page.getByLabel('选择文件（.xlsx 或 .csv，可多选）').setInputFiles(file);
      await page.getByRole('button', { name: '预览（不写入）' }).click();
      const form = page.getByLabel('为“社区自制花名册.csv”指定各列对应的字段');
      await form.waitFor();
      const column = (header: string) => form.locator('.mapping-grid label', { has: page.locator('.mapping-source', { hasText: new RegExp(`^${header}$`) }) }).locator('select');
      await column('身份证号').selectOption('idNumber');
      await column('网格').selectOption('gridCode');
      await screenshot(page, 'exchange-mapping-1920x1080');
      await form.getByRole('button', { name: '按此对应重新预览' }).click();
      const report = page.getByLabel('社区自制花名册.csv 的预览');
      await report.waitFor();
      expect(await report.locator('.chip-new').textContent()).toBe('新增 1');
      await context.close();
    } finally {
      await served.stop();
    }
  });

  it('exports templates and packages, receives a down package whose conflict a person settles side by side, and syncs with the city platform', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const served = await serve(dataDir);
    const city = await startCityServer({ streetCode: '150102003' });
    try {
      const { page, errors, context } = await openPage(browser, `${served.url}/#/exchange`);
      await page.getByRole('tab', { name: '导出与数据包' }).click();
      const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '实有人口信息表' }).click()]);
      expect(template.suggestedFilename()).toBe('实有人口信息表.xlsx');
      const templatePath = join(freshDataDir('scc-dl-'), 'r.xlsx');
      await template.saveAs(templatePath);
      expect(statSync(templatePath).size).toBeGreaterThan(10_000);

      const outbox = page.getByLabel('放入待发送队列（由同步上传市级平台）');
      await outbox.click();
      await expect.poll(() => outbox.isChecked()).toBe(true);
      const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出数据包' }).click()]);
      expect(zip.suggestedFilename()).toMatch(/^150102003_\d{8}T\d{6}_001\.zip$/);
      await expect.poll(() => page.locator('.ok-banner').textContent()).toMatch(/已放入待发送队列/);
      await screenshot(page, 'exchange-export-1920x1080');

      // The city corrects a resident this street also changed since the last exchange.
      const key = firstResident(dataDir);
      expect(key).toMatch(/^\d{17}[\dX]$/);
      const record = await apiCall<ResidentRecord>(served.url, 'records.get', { entity: 'resident', key });
      await apiCall(served.url, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13600000000', address: '本地改的地址' } });
      const down = craftPackage({ streetCode: '150102003', lines: { resident: [{ op: 'upsert', key, updatedAt: '2026-11-21T17:00:00+08:00', data: { ...record, phone: '13900000000', address: '市里改的地址' } }] } });
      const zipFile = join(freshDataDir('scc-usb-'), down.fileName);
      writeFileSync(zipFile, down.bytes);
      await page.getByLabel('选择数据包（.zip）').setInputFiles(zipFile);
      await page.getByRole('tab', { name: /冲突确认/ }).waitFor();
      await expect.poll(() => page.locator('.tab.active').textContent()).toContain('冲突确认');
      const card = page.locator('.conflict-card').first();
      await card.waitFor();
      await expect.poll(() => card.locator('tbody tr').count()).toBe(2);
      await screenshot(page, 'exchange-conflicts-1920x1080');
      // The choice is the core's (saved at once): the radio shows it when the answer is back.
      const phoneLocal = card.locator('tr', { hasText: '联系电话' }).getByLabel('本地');
      await phoneLocal.click();
      await expect.poll(() => phoneLocal.isChecked()).toBe(true);
      const addressRemote = card.locator('tr', { hasText: '现住址' }).getByLabel('数据包');
      await addressRemote.click();
      await expect.poll(() => addressRemote.isChecked()).toBe(true);
      await expect.poll(() => card.getAttribute('class')).toContain('decided');
      await page.getByRole('button', { name: '导入数据包' }).click();
      await expect.poll(() => page.locator('.ok-banner').textContent()).toMatch(/^已导入：新增 0、修改 1/);
      expect(await apiCall<ResidentRecord>(served.url, 'records.get', { entity: 'resident', key })).toMatchObject({ phone: '13600000000', address: '市里改的地址' });

      await page.getByRole('tab', { name: /市级平台同步/ }).click();
      await page.getByLabel('接口地址').fill(city.url);
      await page.getByLabel('访问令牌').fill(city.token);
      await page.getByRole('button', { name: '保存' }).first().click();
      await expect.poll(() => page.locator('.ok-banner').textContent()).toBe('已保存设置。');
      // A round stuck on a platform that holds its answer is cancelled from the page.
      city.faults.push({ route: 'upload', kind: 'slow', delayMs: 60_000 });
      await page.getByRole('button', { name: '立即同步' }).click();
      await expect.poll(() => city.received.length, { timeout: 30_000 }).toBe(1);
      const bar = page.locator('.task-progress');
      await expect.poll(() => bar.locator('.progress-label').textContent()).toMatch(/^第 1\/1 个数据包已发出，正在等待市级平台确认收到（(\d+)\/\1 KB）$/);
      expect(await page.getByRole('button', { name: '同步中…' }).isDisabled()).toBe(true);
      // The bar's width eases over 0.3 s: the picture shows where it settles.
      await page.waitForTimeout(400);
      await screenshot(page, 'exchange-sync-running-1920x1080');
      await bar.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => page.locator('.ok-banner').textContent(), { timeout: 10_000 }).toBe('本轮同步已取消；未上传的数据包仍在待发送队列中，下一轮同步时继续。');
      expect(await bar.count()).toBe(0);
      expect(await apiCall<SyncStatus>(served.url, 'sync.status')).toMatchObject({ running: false, pending: 1 });
      // The status says so plainly: a cancel is no fault, so not in red.
      const lastProblem = page.getByLabel('同步状态').locator('tr', { hasText: '最近的问题' }).locator('td');
      await expect.poll(() => lastProblem.textContent()).toMatch(/^本轮同步已取消/);
      expect(await lastProblem.getAttribute('class')).toBe('');
      city.faults.length = 0;
      await page.getByRole('button', { name: '立即同步' }).click();
      await expect.poll(() => page.locator('.ok-banner').textContent(), { timeout: 30_000 }).toMatch(/^同步完成：上传 1 个/);
      // The upload cut off had reached the platform: taken again as the same package, not a second one.
      expect(city.received).toHaveLength(1);
      expect(city.duplicates).toHaveLength(1);
      const status = await apiCall<SyncStatus>(served.url, 'sync.status');
      expect(status).toMatchObject({ pending: 0, lastError: null, tokenSet: true });

      // 定时导出 at a time of day picked from 24-hour lists, kept in the settings and shown again after a reload.
      await page.getByRole('combobox', { name: /^方式/ }).selectOption({ label: '每天定时' });
      const at = page.getByRole('group', { name: '每天时间' });
      await at.getByLabel('时', { exact: true }).selectOption('03');
      await at.getByLabel('分', { exact: true }).selectOption('30');
      await page.locator('form', { has: at }).getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => (await apiCall<Settings>(served.url, 'settings.get')).exchange.schedule).toMatchObject({ mode: 'daily', dailyAt: '03:30' });
      await page.reload();
      await page.getByRole('tab', { name: /市级平台同步/ }).click();
      await expect.poll(() => at.getByLabel('时', { exact: true }).inputValue()).toBe('03');
      expect(await at.getByLabel('分', { exact: true }).inputValue()).toBe('30');
      await screenshot(page, 'exchange-sync-1920x1080');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await city.close();
      await served.stop();
    }
  });

  it('shows a background sync round on the 市级平台同步 tab, and a person cancels it there', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    runScc(['export', '--data', dataDir, '--package', '--outbox']);
    const city = await startCityServer({ streetCode: '150102003' });
    // The platform stores the upload and holds its answer: the round waits on it.
    city.faults.push({ route: 'upload', kind: 'slow', delayMs: 60_000 });
    const first = await serve(dataDir);
    await apiCall(first.url, 'sync.configure', { cityUrl: city.url, token: city.token });
    await first.stop();
    // Started again, the background finds the outbox not empty and syncs at its first look (5 s).
    const served = await serve(dataDir);
    try {
      const { page, errors, context } = await openPage(browser, `${served.url}/#/exchange`);
      await page.getByRole('tab', { name: /市级平台同步/ }).click();
      await expect.poll(() => city.received.length, { timeout: 30_000 }).toBe(1);
      const bar = page.locator('.task-progress');
      await expect.poll(() => bar.locator('.progress-label').textContent(), { timeout: 10_000 }).toMatch(/^第 1\/1 个数据包已发出，正在等待市级平台确认收到（(\d+)\/\1 KB）$/);
      expect(await page.getByRole('button', { name: '同步中…' }).isDisabled()).toBe(true);
      await bar.getByRole('button', { name: '取消' }).click();
      const lastProblem = page.getByLabel('同步状态').locator('tr', { hasText: '最近的问题' }).locator('td');
      await expect.poll(() => lastProblem.textContent(), { timeout: 10_000 }).toBe('本轮同步已取消；未上传的数据包仍在待发送队列中，下一轮同步时继续。');
      await expect.poll(() => bar.count()).toBe(0);
      expect(await page.getByRole('button', { name: '立即同步' }).isEnabled()).toBe(true);
      expect(await apiCall<SyncStatus>(served.url, 'sync.status')).toMatchObject({ running: false, runningTaskId: null, pending: 1 });
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await city.close();
      await served.stop();
    }
  });

  it('receives a whole street into an empty installation with a progress bar that counts, and no 取消 once the write has begun', async () => {
    const streetDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', streetDir]);
    const usb = freshDataDir('scc-usb-');
    runScc(['export', '--data', streetDir, '--package', '--out', usb]);
    const zipFile = join(usb, readdirSync(usb).find((f) => f.endsWith('.zip')) ?? '');
    const dataDir = freshDataDir();
    runScc(['init', '--empty', '--name', '新华街道', '--code', '150102003', '--data', dataDir]);
    const served = await serve(dataDir);
    try {
      const { page, errors, context } = await openPage(browser, `${served.url}/#/exchange`);
      await page.getByRole('tab', { name: '导出与数据包' }).click();
      // Every state the bar passes through, however short, seen by watching the DOM from before the file is chosen.
      await page.evaluate(() => {
        const seen: { text: string; cancel: boolean; chooserDisabled: boolean }[] = [];
        (window as unknown as { barSeen: typeof seen }).barSeen = seen;
        new MutationObserver(() => {
          const bar = document.querySelector('.task-progress');
          if (!bar) return;
          const text = bar.querySelector('.progress-label')?.textContent ?? '';
          const chooser = document.querySelector<HTMLInputElement>('input[aria-label="选择数据包（.zip）"]');
          if (seen.at(-1)?.text !== text) seen.push({ text, cancel: [...bar.querySelectorAll('button')].some((b) => b.textContent === '取消'), chooserDisabled: chooser?.disabled === true });
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByLabel('选择数据包（.zip）').setInputFiles(zipFile);
      await expect.poll(() => page.locator('.ok-banner').textContent(), { timeout: 60_000 }).toMatch(/^已导入：新增 \d+、修改 0、删除 0、未变 0。$/);
      const inserted = Number((await page.locator('.ok-banner').textContent())?.match(/新增 (\d+)/)?.[1]);
      expect(inserted).toBeGreaterThan(2000);
      const seen = await page.evaluate(() => (window as unknown as { barSeen: { text: string; cancel: boolean; chooserDisabled: boolean }[] }).barSeen);
      expect(seen.every((s) => s.chooserDisabled)).toBe(true);
      expect(seen[0]?.text).toBe('正在读取数据包文件…');
      const checking = seen.filter((s) => s.text.startsWith('正在校验数据包中的记录'));
      expect(checking[0]?.text).toBe(`正在校验数据包中的记录（0/${inserted}）`);
      expect(checking.every((s) => s.cancel)).toBe(true);
      const writing = seen.filter((s) => s.text.startsWith('正在写入数据库'));
      expect(writing.length).toBeGreaterThan(0);
      expect(writing.every((s) => !s.cancel && new RegExp(`^正在写入数据库（\\d+/${inserted}）$`).test(s.text))).toBe(true);
      expect(seen.findIndex((s) => s === writing[0])).toBeGreaterThan(seen.findIndex((s) => s === checking.at(-1)));
      expect(await page.locator('.task-progress').count()).toBe(0);
      expect(await page.getByLabel('选择数据包（.zip）').isEnabled()).toBe(true);
      const row = page.getByLabel('数据包记录').locator('[role=row]', { hasText: '已导入' });
      await expect.poll(() => row.textContent()).toContain(String(inserted));
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await served.stop();
    }
  }, 120_000);
});

/** A resident with no other role, read from the served street's snapshot with the sqlite3 CLI. */
function firstResident(dataDir: string): string {
  const snapshot = readdirSync(join(dataDir, 'db')).filter((f) => f.endsWith('.sqlite')).sort().at(-1) ?? '';
  const result = spawnSync(
    'sqlite3',
    ['-readonly', join(dataDir, 'db', snapshot), 'SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id WHERE p.id NOT IN (SELECT person_id FROM party_member) AND p.id NOT IN (SELECT person_id FROM staff_assignment) ORDER BY r.id LIMIT 1;'],
    { encoding: 'utf8' },
  );
  return result.stdout.trim();
}
