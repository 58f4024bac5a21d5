import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDetail, ResidentRecord, RosterPage, RosterQueryInput, ScopeCommunity, ScopeCounts } from '../../src-main/contract';
import { composeIdNumber } from '../../src-main/core/people/idNumber';
import { apiCall, freshDataDir, launchBrowser, openPage, runScc, screenshot, serve, type Served } from './harness';
import { apiPage, cell, clearPageRequests, dataRowIds, editCell, expectToast, filterButton, filterEnum, grid, nodeCount, onScreen, scopeNode, notePageRequests, notePageRequestsFromLoad, openFilter, pageRequests, pasteText, reveal, statusLine, total, type SentPage } from './rosterUi';
import { tempDir } from '../helpers/tempDirs';

let browser: Browser;
let served: Served;
let tree: ScopeCommunity[];
let residentCounts: ScopeCounts;
/** Residents of a community or a grid when the demo street was made. */
const residentsIn = (code: string): number => residentCounts.communities[code] ?? residentCounts.grids[code] ?? 0;

beforeAll(async () => {
  const dataDir = freshDataDir('scc-e2e-rosters-');
  runScc(['init', '--demo', '--data', dataDir]);
  served = await serve(dataDir);
  browser = await launchBrowser();
  tree = await apiCall<ScopeCommunity[]>(served.url, 'roster.scopeTree');
  residentCounts = await apiCall<ScopeCounts>(served.url, 'roster.scopeCounts', { roster: 'residents' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const resident = (key: string): Promise<ResidentRecord> => apiCall<ResidentRecord>(served.url, 'records.get', { entity: 'resident', key });

async function openResidents(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { page, errors, context } = await openPage(browser, `${served.url}/#/residents`);
  await expect.poll(() => dataRowIds(grid(page, '实有人口')), { timeout: 20_000 }).not.toEqual([]);
  return { page, errors, close: () => context.close() };
}

describe('实有人口 roster in Chromium', () => {
  it('filters by the governance tree, a column filter and quick search, counting in SQL', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const community = tree[1];
    if (!community) throw new Error('demo street has communities');

    await scopeNode(page, community.code).click();
    await expect.poll(() => total(residents)).toBe(residentsIn(community.code));
    await filterEnum(page, residents, 'personType', ['流动人口']);
    const expected = await apiPage(served.url, { roster: 'residents', scope: { communityCode: community.code }, filters: { personType: { kind: 'set', values: ['流动人口'] } } });
    await expect.poll(() => total(residents)).toBe(expected.total);
    await expect.poll(() => residents.locator('[role=row][row-id] [col-id=personType]').allTextContents()).toEqual(expect.arrayContaining(['流动人口']));
    expect(new Set(await residents.locator('[role=row][row-id]:not([row-id="__new__"]) [col-id=personType]').allTextContents())).toEqual(new Set(['流动人口']));

    const someone = expected.rows[3];
    if (!someone) throw new Error('no 流动人口 in the community');
    await page.getByRole('searchbox', { name: '快速搜索' }).fill(String(someone.name));
    await page.getByRole('searchbox', { name: '快速搜索' }).press('Enter');
    // Polled whole: the person is in the list before the search too, so their row alone says nothing.
    const names = (): Promise<string[]> => residents.locator('[role=row][row-id]:not([row-id="__new__"]) [col-id=name]').allTextContents();
    const shown = async (): Promise<{ others: string[]; found: boolean }> => ({
      others: (await names()).filter((name) => !name.includes(String(someone.name))),
      found: (await dataRowIds(residents)).includes(someone.key),
    });
    await expect.poll(shown).toEqual({ others: [], found: true });
    await screenshot(page, 'rosters-01-residents-filtered-1920x1080');
    expect(errors).toEqual([]);
    await close();
  });

  it('saves an edit in the cell, refuses invalid ones with the reason beside the cell, and undoes and redoes them', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const [first, second] = await dataRowIds(residents);
    if (!first || !second) throw new Error('no rows');
    const before = await resident(first);

    await editCell(page, residents, first, 'phone', '13912345678');
    await expect.poll(() => cell(residents, first, 'phone').textContent()).toBe('13912345678');
    expect((await resident(first)).phone).toBe('13912345678');

    // A wrong check character: refused, reason in Chinese next to the cell, nothing saved.
    const badId = `${first.slice(0, 17)}${first.endsWith('0') ? '1' : '0'}`;
    await editCell(page, residents, first, 'idNumber', badId);
    const bubble = onScreen(page, '.cell-error');
    await expect.poll(() => bubble.textContent()).toContain('校验位错误');
    await screenshot(page, 'rosters-02-invalid-edit-refused-1920x1080');
    expect(await cell(residents, first, 'idNumber').textContent()).toBe(first);
    expect(await resident(first)).toMatchObject({ idNumber: first });

    // Gender is read off the ID number: the contradiction is refused with the reason.
    await editCell(page, residents, second, 'gender', Number(second[16]) % 2 === 1 ? '女' : '男');
    await expect.poll(() => bubble.textContent()).toContain('与身份号码');
    // A date nobody can read.
    await editCell(page, residents, second, 'birthDate', '1985-13-45');
    await expect.poll(() => bubble.textContent()).toMatch(/无法识别为日期|不一致/);

    // Undo survives a change of sort: Ctrl+Z restores the phone, Ctrl+Y puts it back.
    await residents.locator('.ag-header-cell[col-id=birthDate] .ag-header-cell-label').click();
    await onScreen(page, '.page-head h1').click();
    await page.keyboard.press('Control+z');
    await expectToast(page, /已撤销：修改实有人口“.+”的联系电话/);
    await expect.poll(async () => (await resident(first)).phone).toBe(before.phone);
    await page.keyboard.press('Control+y');
    await expectToast(page, /已重做/);
    await expect.poll(async () => (await resident(first)).phone).toBe('13912345678');
    expect(errors).toEqual([]);
    await close();
  });

  it('previews a block pasted from Excel with new rows at the bottom, applies it as one change, and undoes it in one step', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const grid0 = tree[0]?.grids[0];
    if (!grid0) throw new Error('no grid');
    const newcomer = composeIdNumber('150102', '1990-03-05', 77);
    const legacy = '150102850305123'; // a 15-digit ID: upgraded on the way in
    const upgraded = composeIdNumber('150102', '1985-03-05', 123);
    const damaged = '1.50102E+17';
    const lines = [
      ['公民身份号码', '姓名', '所属网格编码', '联系电话', '人员类型'],
      [newcomer, '粘贴新人', grid0.code, '13700001111', '流动人口'],
      [legacy, '老号码', grid0.code, '', '常住人口'],
      [damaged, '坏号码', grid0.code, '', '常住人口'],
    ];
    await cell(residents, '__new__', 'idNumber').click();
    await pasteText(page, `${lines.map((l) => l.join('\t')).join('\r\n')}\r\n`);
    const dialog = page.getByRole('dialog', { name: '粘贴预览' });
    await expect.poll(() => dialog.locator('.plan-counts').textContent()).toBe('新增 2 行，修改 0 行，不变 0 行，有误 1 行');
    await expect.poll(() => dialog.locator('.plan-invalid').textContent()).toContain('精度丢失');
    await expect.poll(() => dialog.textContent()).toContain(upgraded);
    await screenshot(page, 'rosters-03-paste-preview-1920x1080');
    await dialog.getByRole('button', { name: /跳过 1 行有误的，应用其余 2 行/ }).click();
    await expectToast(page, '粘贴实有人口：新增 2 行');
    expect(await resident(newcomer)).toMatchObject({ name: '粘贴新人', phone: '13700001111', personType: '流动人口', gridCode: grid0.code, gender: '男', birthDate: '1990-03-05' });
    expect(await resident(upgraded)).toMatchObject({ name: '老号码' });

    // One paste is one undo step: both new people go.
    await onScreen(page, '.page-head h1').click();
    await page.keyboard.press('Control+z');
    await expectToast(page, /已撤销：粘贴实有人口/);
    await expect.poll(() => apiCall(served.url, 'records.get', { entity: 'resident', key: newcomer }).catch((e: Error) => e.message)).toMatch(/没有找到/);
    await expect.poll(() => apiCall(served.url, 'records.get', { entity: 'resident', key: upgraded }).catch((e: Error) => e.message)).toMatch(/没有找到/);

    // Pasted over existing rows (no header): the cells change from the focused cell down.
    await expect.poll(async () => (await dataRowIds(residents)).length).toBeGreaterThan(2);
    const [r1, r2] = await dataRowIds(residents);
    if (!r1 || !r2) throw new Error('no rows');
    await cell(residents, r1, 'phone').click();
    await pasteText(page, '13600000001\n13600000002\n');
    await expect.poll(() => dialog.locator('.plan-counts').textContent()).toBe('新增 0 行，修改 2 行，不变 0 行，有误 0 行');
    await dialog.getByRole('button', { name: '应用 2 行改动' }).click();
    await expect.poll(async () => [(await resident(r1)).phone, (await resident(r2)).phone]).toEqual(['13600000001', '13600000002']);
    expect(errors).toEqual([]);
    await close();
  });

  it('moves 40 selected residents to another grid in one bulk edit, undone as one step', { timeout: 120_000 }, async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const from = tree[0]?.grids[1];
    const to = tree[0]?.grids[2];
    if (!from || !to) throw new Error('no grids');
    await scopeNode(page, tree[0]?.code ?? '').click();
    await onScreen(page, '.scope-toggle').nth(1).click();
    await scopeNode(page, from.code).click();
    await expect.poll(() => total(residents)).toBe(residentsIn(from.code));
    const ids = (await apiPage(served.url, { roster: 'residents', scope: { communityCode: tree[0]?.code, gridCode: from.code }, limit: 40 })).rows.map((r) => r.key);
    expect(ids).toHaveLength(40);
    // Tick the first, scroll down, Shift+tick the 40th: the rows between are selected too.
    await residents.locator(`[role=row][row-id="${ids[0]}"] .ag-selection-checkbox input`).first().check();
    await cell(residents, ids[0] ?? '', 'name').hover();
    await page.mouse.wheel(0, 36 * 30);
    await residents.locator(`[role=row][row-id="${ids[39]}"] .ag-selection-checkbox input`).first().click({ modifiers: ['Shift'] });
    await expect.poll(() => onScreen(page, '.roster-status').textContent()).toContain('已选 40 行');
    await page.getByRole('button', { name: /批量修改（40）/ }).click();
    const dialog = page.getByRole('dialog', { name: '批量修改选中的 40 行' });
    await dialog.getByLabel('修改哪一列').selectOption({ label: '所属网格编码' });
    await dialog.getByLabel('改为').fill(to.code);
    await dialog.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => dialog.locator('.plan-counts').textContent()).toBe('新增 0 行，修改 40 行，不变 0 行，有误 0 行');
    await screenshot(page, 'rosters-04-bulk-move-1920x1080');
    await dialog.getByRole('button', { name: '修改 40 行' }).click();
    await expectToast(page, /批量修改实有人口 40 行/);
    for (const id of [ids[0], ids[20], ids[39]]) expect((await resident(id ?? '')).gridCode).toBe(to.code);
    await expect.poll(() => total(residents)).toBe(residentsIn(from.code) - 40);
    // The area tree counts again after the change: the grid left has 40 fewer, the other 40 more.
    await expect.poll(() => nodeCount(page, from.code)).toBe(residentsIn(from.code) - 40);
    await expect.poll(() => nodeCount(page, to.code)).toBe(residentsIn(to.code) + 40);

    await onScreen(page, '.page-head h1').click();
    await page.keyboard.press('Control+z');
    await expectToast(page, /已撤销：批量修改实有人口 40 行/);
    await expect.poll(async () => (await resident(ids[39] ?? '')).gridCode).toBe(from.code);
    await expect.poll(() => total(residents)).toBe(residentsIn(from.code));
    await expect.poll(() => nodeCount(page, from.code)).toBe(residentsIn(from.code));
    expect(errors).toEqual([]);
    await close();
  });

  it('restores a saved view (filters, columns, frozen columns, sort) after a reload', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    await filterEnum(page, residents, 'residence', ['人在户不在']);
    await residents.locator('.ag-header-cell[col-id=birthDate] .ag-header-cell-label').click();
    await page.getByRole('button', { name: '列设置' }).click();
    await page.getByLabel('显示 民族').check();
    await page.getByLabel('显示 现住址').uncheck();
    await page.getByLabel('冻结 联系电话').check();
    await page.keyboard.press('Escape');
    const filtered = await apiPage(served.url, { roster: 'residents', filters: { residence: { kind: 'set', values: ['人在户不在'] } }, sort: [{ column: 'birthDate', desc: false }] });
    await expect.poll(() => total(residents)).toBe(filtered.total);

    await page.getByRole('button', { name: /^视图/ }).click();
    await page.getByLabel('保存当前视图…').fill('人在户不在-按出生');
    await page.getByRole('button', { name: '保存当前视图' }).click();
    await expectToast(page, '已保存视图“人在户不在-按出生”');

    await notePageRequestsFromLoad(page);
    await page.reload();
    await expect.poll(async () => (await dataRowIds(residents)).slice(0, 5), { timeout: 20_000 }).toEqual(filtered.rows.map((r) => r.key).slice(0, 5));
    await expect.poll(() => total(residents)).toBe(filtered.total);
    await expect.poll(() => page.getByRole('button', { name: /^视图/ }).textContent()).toContain('人在户不在-按出生');
    // The view's first block was asked for once, with its filters and sort: the grid's first
    // request read the view, and putting the view back asked for nothing more.
    const viewQuery = { filters: { residence: { kind: 'set', values: ['人在户不在'] } }, sort: [{ column: 'birthDate', desc: false }] };
    expect((await pageRequests(page)).filter((r) => r.offset === 0)).toEqual([expect.objectContaining(viewQuery)]);
    expect(await residents.locator('.ag-header-cell[col-id=ethnicity]').count()).toBe(1);
    expect(await residents.locator('.ag-header-cell[col-id=address]').count()).toBe(0);
    expect(await residents.locator('.ag-grid-pinned-left-cells .ag-header-cell[col-id=phone]').count()).toBe(1);
    // The status line says why the list is short, and 清除筛选 there shows the whole street again.
    const status = statusLine(residents);
    expect(await status.locator('.roster-filter-chip .chip-text').allTextContents()).toEqual(['居住状况 人在户不在']);
    await screenshot(page, 'rosters-05-saved-view-restored-1920x1080');
    await status.getByRole('button', { name: '清除筛选' }).click();
    const everyone = await apiPage(served.url, { roster: 'residents', sort: [{ column: 'birthDate', desc: false }], limit: 5 });
    await expect.poll(() => total(residents)).toBe(everyone.total);
    await expect.poll(async () => (await dataRowIds(residents)).slice(0, 5)).toEqual(everyone.rows.map((r) => r.key));
    expect(await status.locator('.roster-filter-chip').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('exports the current view to xlsx that LibreOffice reads with every ID intact, and to CSV with a BOM', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const community = tree[0];
    if (!community) throw new Error('no community');
    await scopeNode(page, community.code).click();
    await expect.poll(() => total(residents)).toBe(residentsIn(community.code));
    const dir = tempDir('scc-export-');

    await page.getByRole('button', { name: '导出' }).click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel（.xlsx）' }).click()]);
    const xlsxPath = join(dir, 'view.xlsx');
    await xlsx.saveAs(xlsxPath);
    execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, xlsxPath], { timeout: 120_000, stdio: 'ignore' });
    const csv = readFileSync(join(dir, 'view.csv'), 'utf8').trim().split(/\r?\n/);
    const header = csv[0]?.split(',') ?? [];
    expect(header.slice(0, 3)).toEqual(['公民身份号码', '姓名', '性别']);
    expect(csv).toHaveLength(residentsIn(community.code) + 1);
    const all = await apiPage(served.url, { roster: 'residents', scope: { communityCode: community.code }, limit: 1000 });
    const ids = csv.slice(1).map((l) => l.split(',')[0]);
    for (const r of all.rows) expect(ids).toContain(r.key);
    expect(ids.some((id) => id?.endsWith('X'))).toBe(true);
    const gridCodes = csv.slice(1).map((l) => l.split(',')[header.indexOf('所属网格编码')]);
    expect(gridCodes.every((c) => /^\d{15}$/.test(c ?? ''))).toBe(true);

    await page.getByRole('button', { name: '导出' }).click();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csvPath = join(dir, 'view-export.csv');
    await csvDownload.saveAs(csvPath);
    const bytes = readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1).split('\r\n');
    expect(text[0]?.startsWith('公民身份号码,姓名')).toBe(true);
    expect(text.filter((l) => l !== '')).toHaveLength(residentsIn(community.code) + 1);
    expect(text[1]?.split(',')[0]?.trim()).toMatch(/^\d{17}[\dX]$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a visited roster as it was left, reads it again on return after a change elsewhere, and undoes one step per Ctrl+Z', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const nav = (label: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: label });
    await filterEnum(page, residents, 'personType', ['流动人口']);
    const expected = await apiPage(served.url, { roster: 'residents', filters: { personType: { kind: 'set', values: ['流动人口'] } } });
    await expect.poll(() => total(residents)).toBe(expected.total);
    const [first] = await dataRowIds(residents);
    if (!first) throw new Error('no 流动人口');
    const before = await resident(first);
    // Two steps of this window's undo stack.
    await editCell(page, residents, first, 'phone', '13911110001');
    await expect.poll(async () => (await resident(first)).phone).toBe('13911110001');
    await editCell(page, residents, first, 'phone', '13911110002');
    await expect.poll(async () => (await resident(first)).phone).toBe('13911110002');

    // Away to another roster: the residents roster is hidden (not reachable by role), not gone.
    await nav('工作力量').click();
    await expect.poll(() => dataRowIds(grid(page, '工作力量')), { timeout: 20_000 }).not.toEqual([]);
    expect(await residents.count()).toBe(0);
    // Someone else changes the resident meanwhile (another window, the HTTP API).
    await apiCall(served.url, 'roster.edit', { roster: 'residents', action: 'edit', rows: [{ key: first, values: { address: '新城区测试路 1 号' } }] });

    // Back: the filter is still there, and the change made elsewhere shows.
    await nav('实有人口').click();
    await expect.poll(() => residents.count()).toBe(1);
    expect(await total(residents)).toBe(expected.total);
    expect(new Set(await residents.locator('[role=row][row-id]:not([row-id="__new__"]) [col-id=personType]').allTextContents())).toEqual(new Set(['流动人口']));
    await reveal(page, residents, first, 'address');
    await expect.poll(() => cell(residents, first, 'address').textContent()).toBe('新城区测试路 1 号');

    // Two rosters are mounted now; one Ctrl+Z is still one step (the second phone), not two.
    await page.getByRole('heading', { name: '实有人口', exact: true }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await resident(first)).phone).toBe('13911110001');
    await page.waitForTimeout(500);
    expect((await resident(first)).phone).toBe('13911110001');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await resident(first)).phone).toBe(before.phone);
    expect(errors).toEqual([]);
    await close();
  });

  it('asks for the rows of a sort, a filter and a search as the person acts, once each', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    await notePageRequests(page);
    const sent = (): Promise<SentPage[]> => pageRequests(page);
    const clearSent = (): Promise<void> => clearPageRequests(page);
    // What the page had asked for by the time the event that did the action returned: AG Grid
    // itself asks later, from a timer, once it has redrawn its header.
    type Sent = { sent: string[] };
    const askedDuring = (act: 'sort' | 'tick' | 'search'): Promise<number> =>
      page.evaluate((act) => {
        const { sent } = window as unknown as Sent;
        sent.length = 0;
        const roster = document.querySelector('[aria-label="实有人口"]');
        if (act === 'sort') roster?.querySelector<HTMLElement>('.ag-header-cell[col-id=birthDate] .ag-header-cell-label')?.click();
        if (act === 'tick') [...document.querySelectorAll('.enum-filter-option')].find((l) => l.textContent?.trim() === '流动人口')?.querySelector('input')?.click();
        if (act === 'search') roster?.closest('.roster')?.querySelector<HTMLFormElement>('form.roster-search')?.requestSubmit();
        return sent.length;
      }, act);

    // Sort: a click on the 出生日期 header.
    expect(await askedDuring('sort')).toBe(1);
    const sorted = await apiPage(served.url, { roster: 'residents', sort: [{ column: 'birthDate', desc: false }], limit: 3 });
    await expect.poll(async () => (await dataRowIds(residents)).slice(0, 3)).toEqual(sorted.rows.map((r) => r.key));
    expect(await sent()).toEqual([expect.objectContaining({ sort: [{ column: 'birthDate', desc: false }], offset: 0 })]);

    // Filter: a tick box of the 人员类型 filter.
    await filterButton(residents, 'personType').click();
    // 全不选 asks for nothing: no value ticked is not a filter, and the rows stay until one is.
    await clearSent();
    await page.locator('.enum-filter').getByRole('button', { name: '全不选' }).click();
    await expect.poll(() => page.locator('.enum-filter-hint').isVisible()).toBe(true);
    expect(await sent()).toEqual([]);
    expect((await dataRowIds(residents)).slice(0, 3)).toEqual(sorted.rows.map((r) => r.key));
    expect(await askedDuring('tick')).toBe(1);
    const filters = { personType: { kind: 'set' as const, values: ['流动人口'] } };
    const filtered = await apiPage(served.url, { roster: 'residents', filters, sort: [{ column: 'birthDate', desc: false }], limit: 3 });
    await expect.poll(async () => (await dataRowIds(residents)).slice(0, 3)).toEqual(filtered.rows.map((r) => r.key));
    expect(await sent()).toEqual([expect.objectContaining({ filters, offset: 0 })]);
    await page.keyboard.press('Escape');

    // Search: a name typed, then Enter.
    const someone = filtered.rows[1];
    if (!someone) throw new Error('no 流动人口');
    await clearSent();
    const searchBox = page.getByRole('searchbox', { name: '快速搜索' });
    await searchBox.fill(String(someone.name));
    expect(await askedDuring('search')).toBe(1);
    await expect.poll(() => dataRowIds(residents)).toContain(someone.key);
    await page.waitForTimeout(600);
    expect(await sent()).toEqual([expect.objectContaining({ search: String(someone.name), filters, offset: 0 })]);
    expect(errors).toEqual([]);
    await close();
  });

  it('sorts by a header click or Enter (Shift adds a column) and filters by text and by dates, filling the rows already drawn', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const header = (column: string): Locator => residents.locator(`.ag-header-cell[col-id=${column}]`);
    const ariaSort = (column: string): Promise<string | null> => header(column).getAttribute('aria-sort');
    const expectTop = async (query: Pick<RosterQueryInput, 'sort' | 'filters'>): Promise<RosterPage> => {
      const expected = await apiPage(served.url, { roster: 'residents', ...query, limit: 5 });
      await expect.poll(async () => (await dataRowIds(residents)).slice(0, 5)).toEqual(expected.rows.map((r) => r.key));
      await expect.poll(() => total(residents)).toBe(expected.total);
      return expected;
    };
    // A sort fills the rows the grid has drawn instead of drawing new ones: the same elements stay.
    await residents.evaluate((g) => g.querySelectorAll('[role=row][row-index]').forEach((r) => Object.assign(r, { kept: true })));
    const topRowsKept = (): Promise<boolean[]> =>
      residents.evaluate((g) => [0, 1, 2, 3, 4].map((i) => (g.querySelector(`[role=row][row-index="${i}"]`) as (Element & { kept?: boolean }) | null)?.kept === true));

    const gridHeight = (): Promise<number> => residents.evaluate((g) => g.getBoundingClientRect().height);
    const unfilteredHeight = await gridHeight();

    await header('name').locator('.ag-header-cell-label').click();
    await expectTop({ sort: [{ column: 'name', desc: false }] });
    expect(await ariaSort('name')).toBe('ascending');
    expect(await topRowsKept()).toEqual([true, true, true, true, true]);

    await header('birthDate').locator('.ag-header-cell-label').click({ modifiers: ['Shift'] });
    await expectTop({ sort: [{ column: 'name', desc: false }, { column: 'birthDate', desc: false }] });
    expect([await ariaSort('name'), await ariaSort('birthDate')]).toEqual(['ascending', 'ascending']);
    expect([await header('name').locator('.ag-sort-order').textContent(), await header('birthDate').locator('.ag-sort-order').textContent()]).toEqual(['1', '2']);

    // A plain click sorts by that column alone; Enter on a focused header does what a click does.
    await header('name').locator('.ag-header-cell-label').click();
    await expectTop({ sort: [{ column: 'name', desc: true }] });
    expect([await ariaSort('name'), await ariaSort('birthDate')]).toEqual(['descending', 'none']);
    await header('birthDate').focus();
    await page.keyboard.press('Enter');
    const sorted = await expectTop({ sort: [{ column: 'birthDate', desc: false }] });
    expect(await topRowsKept()).toEqual([true, true, true, true, true]);

    // 姓名 开头是 a surname, typed and entered.
    const surname = String(sorted.rows[0]?.name ?? '').slice(0, 1);
    const nameFilter = await openFilter(page, residents, 'name');
    await nameFilter.getByLabel('筛选条件').selectOption('startsWith');
    await nameFilter.getByLabel('筛选内容').fill(surname);
    await nameFilter.getByLabel('筛选内容').press('Enter');
    const byName = { name: { kind: 'text' as const, op: 'startsWith' as const, value: surname } };
    await expectTop({ sort: [{ column: 'birthDate', desc: false }], filters: byName });
    await screenshot(page, 'rosters-08-text-filter-1920x1080');
    await page.keyboard.press('Escape');
    expect(await filterButton(residents, 'name').getAttribute('class')).toContain('ag-filter-active');

    // The filter button opens the filter on a press and closes it on the next.
    const nameButton = filterButton(residents, 'name');
    const shownFilters = (): Promise<number> => page.locator('.roster-filter:visible').count();
    await nameButton.click();
    await expect.poll(shownFilters).toBe(1);
    await nameButton.click();
    await expect.poll(shownFilters).toBe(0);

    // 出生日期 from and to, both days included; Ctrl+Enter on its focused header opens its filter
    // and leaves the sort as it was.
    await header('birthDate').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(shownFilters).toBe(1);
    expect(await ariaSort('birthDate')).toBe('ascending');
    const dates = page.locator('.roster-filter:visible');
    await dates.getByLabel('从').fill('1980-01-01');
    await dates.getByLabel('到').fill('1989-12-31');
    const both = { ...byName, birthDate: { kind: 'range' as const, from: '1980-01-01', to: '1989-12-31' } };
    const eighties = await expectTop({ sort: [{ column: 'birthDate', desc: false }], filters: both });
    expect(eighties.total).toBeGreaterThan(0);
    expect(String(eighties.rows[0]?.birthDate)).toMatch(/^198/);
    await screenshot(page, 'rosters-07-sorted-and-filtered-1920x1080');
    await page.keyboard.press('Escape');

    // The status line names both filters. Hiding 姓名 leaves its filter on, and the line says so.
    const chips = (): Promise<string[]> => statusLine(residents).locator('.roster-filter-chip .chip-text').allTextContents();
    expect(await chips()).toEqual([`姓名 开头是“${surname}”`, '出生日期 1980-01-01 至 1989-12-31']);
    // They fit the status line: the grid above it keeps its height and does not jump.
    expect(await gridHeight()).toBe(unfilteredHeight);
    await page.getByRole('button', { name: '列设置' }).click();
    await page.getByLabel('显示 姓名').uncheck();
    await expect.poll(chips).toEqual([`姓名 开头是“${surname}”（列已隐藏）`, '出生日期 1980-01-01 至 1989-12-31']);
    expect(await total(residents)).toBe(eighties.total);
    await page.getByLabel('显示 姓名').check();
    await page.keyboard.press('Escape');
    await expect.poll(chips).toEqual([`姓名 开头是“${surname}”`, '出生日期 1980-01-01 至 1989-12-31']);

    // 清除 takes the name filter off; the dates stay.
    const again = await openFilter(page, residents, 'name');
    await again.getByRole('button', { name: '清除' }).click();
    await expectTop({ sort: [{ column: 'birthDate', desc: false }], filters: { birthDate: both.birthDate } });
    await page.keyboard.press('Escape');
    expect(await filterButton(residents, 'name').getAttribute('class')).not.toContain('ag-filter-active');
    expect(await chips()).toEqual(['出生日期 1980-01-01 至 1989-12-31']);

    // The × of the dates' entry on the status line takes them off too, and the sort stays.
    await page.getByRole('button', { name: '取消“出生日期”的筛选' }).click();
    await expectTop({ sort: [{ column: 'birthDate', desc: false }] });
    expect(await chips()).toEqual([]);
    expect(await filterButton(residents, 'birthDate').getAttribute('class')).not.toContain('ag-filter-active');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the top of the new rows after a search or an area chosen, from the top of the list or scrolled far down', async () => {
    const { page, errors, close } = await openResidents();
    const residents = grid(page, '实有人口');
    const search = page.getByRole('searchbox', { name: '快速搜索' });
    const searchFor = async (text: string): Promise<void> => {
      await search.fill(text);
      await search.press('Enter');
    };
    // The rows drawn from the top (row-index 0 on), as the person sees them.
    const shownFromTop = (): Promise<string[]> =>
      residents.locator('[role=row][row-id]').evaluateAll((rows) => {
        const byIndex = new Map(rows.map((r) => [Number(r.getAttribute('row-index')), r.getAttribute('row-id') ?? '']));
        const ids: string[] = [];
        for (let i = 0; byIndex.has(i); i++) ids.push(byIndex.get(i) ?? '');
        return ids;
      });
    const scrollTo = (row: number): Promise<void> => residents.locator('.ag-grid-viewport').evaluate((el, top) => void (el.scrollTop = top), row * 36);
    const expectTop = async (query: Parameters<typeof apiPage>[1], rows: number): Promise<void> => {
      const expected = await apiPage(served.url, { ...query, limit: rows });
      await expect.poll(async () => (await shownFromTop()).slice(0, rows)).toEqual(expected.rows.map((r) => r.key));
      await expect.poll(() => total(residents)).toBe((await apiPage(served.url, { ...query, limit: 1 })).total);
    };

    // From the top of the whole street: a surname, then one person's name (fewer rows than a screen).
    const full = await apiPage(served.url, { roster: 'residents', limit: 1 });
    await searchFor('王');
    await expectTop({ roster: 'residents', search: '王' }, 10);
    const one = (await apiPage(served.url, { roster: 'residents', search: '王', limit: 5 })).rows[4];
    if (!one) throw new Error('no 王 in the street');
    await searchFor(String(one.name));
    const named = await apiPage(served.url, { roster: 'residents', search: String(one.name), limit: 100 });
    expect(named.rows.length).toBeLessThan(20);
    await expect.poll(() => dataRowIds(residents)).toEqual(named.rows.map((r) => r.key));

    // Back to the whole street, then scrolled within the first hundred rows and far down.
    await searchFor('');
    await expectTop({ roster: 'residents' }, 10);
    expect(await total(residents)).toBe(full.total);
    await scrollTo(40);
    await expect.poll(async () => (await dataRowIds(residents)).length > 0 && (await shownFromTop()).length === 0).toBe(true);
    await searchFor('王');
    await expectTop({ roster: 'residents', search: '王' }, 10);
    await searchFor('');
    await expectTop({ roster: 'residents' }, 10);
    await scrollTo(5000);
    await expect.poll(() => residents.locator('[role=row][row-index="5000"][row-id]').count()).toBe(1);
    const community = tree[2];
    if (!community) throw new Error('demo street has communities');
    // Only the new top block is asked for, not the blocks that were in view down there.
    await notePageRequests(page);
    await scopeNode(page, community.code).click();
    await expectTop({ roster: 'residents', scope: { communityCode: community.code } }, 10);
    expect((await pageRequests(page)).map((r) => r.offset)).toEqual([0]);
    expect(errors).toEqual([]);
    await close();
  });

  it('prepares the residents roster, hidden, once the page on screen has its answers, so its first visit asks for nothing', async () => {
    const { page, errors, context } = await openPage(browser, `${served.url}/#/staff`);
    await expect.poll(() => dataRowIds(grid(page, '工作力量')), { timeout: 20_000 }).not.toEqual([]);
    const prepared = page.locator('[role=region][aria-label="实有人口"]');
    await expect.poll(() => prepared.locator('[role=row][row-id]:not([row-id="__new__"])').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Out of sight and out of reach: not a region a person (or a screen reader) finds, inside an
    // inert page moved off screen.
    expect(await grid(page, '实有人口').count()).toBe(0);
    expect(await prepared.evaluate((e) => e.closest('[inert][aria-hidden=true]') !== null && e.getBoundingClientRect().right <= 0)).toBe(true);
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/call/roster.') && asked.push(r.url()));
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '实有人口' }).click();
    const residents = grid(page, '实有人口');
    await expect.poll(() => residents.count()).toBe(1);
    const first = await apiPage(served.url, { roster: 'residents', limit: 2 });
    expect((await dataRowIds(residents)).slice(0, 2)).toEqual(first.rows.map((r) => r.key));
    expect(await total(residents)).toBe(first.total);
    expect(await residents.evaluate((e) => e.getBoundingClientRect().left)).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(asked).toEqual([]);
    // Once seen, it is hidden like any page kept after a visit: skipped when drawing, in place.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '工作力量' }).click();
    await expect.poll(() => prepared.evaluate((e) => getComputedStyle(e.closest('.page-slot') ?? e).contentVisibility)).toBe('hidden');
    expect(await prepared.evaluate((e) => e.getBoundingClientRect().left)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the whole record in a drawer with the person’s roles and the history of the record', async () => {
    const members = await apiPage(served.url, { roster: 'members', search: '', limit: 5 });
    const member = members.rows.find((r) => r.gridName !== null) ?? members.rows[0];
    if (!member) throw new Error('no member');
    await apiCall(served.url, 'roster.edit', { roster: 'residents', rows: [{ key: member.key, values: { phone: '13811112222' } }] });
    const { page, errors, close } = await openResidents();
    await page.getByRole('searchbox', { name: '快速搜索' }).fill(member.key);
    await page.getByRole('searchbox', { name: '快速搜索' }).press('Enter');
    const residents = grid(page, '实有人口');
    await expect.poll(() => dataRowIds(residents)).toEqual([member.key]);
    await cell(residents, member.key, '_detail').getByRole('button', { name: '详情' }).click();
    const drawer = page.getByRole('dialog', { name: '实有人口详情' });
    const detail = await apiCall<RecordDetail>(served.url, 'roster.detail', { roster: 'residents', key: member.key });
    await expect.poll(() => drawer.locator('.roles').textContent()).toContain('实有人口');
    expect(await drawer.locator('.roles').textContent()).toContain(String(member.category));
    await expect.poll(() => drawer.locator('.history').textContent()).toContain('联系电话');
    expect(await drawer.locator('.history').textContent()).toContain('13811112222');
    expect(detail.roles.map((r) => r.kind)).toEqual(expect.arrayContaining(['resident', 'member']));

    await drawer.getByLabel('联系电话').fill('12345');
    await drawer.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => drawer.locator('.field-error').textContent()).toContain('不是有效的手机或固定电话号码');
    await screenshot(page, 'rosters-06-detail-drawer-1920x1080');
    expect(errors).toEqual([]);
    await close();
  });
});
