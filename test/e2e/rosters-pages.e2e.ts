import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridRecord, PartyMemberRecord, PartyOrgNode, ScopeCommunity, ScopeCounts, StaffRecord } from '../../src-main/contract';
import { allRowIds, apiCall, freshDataDir, launchBrowser, openPage, runScc, screenshot, serve, type Served } from './harness';
import { apiPage, cell, dataRowIds, editCell, expectToast, filterEnum, grid, nodeCount, onScreen, scopeNode, pasteText, total } from './rosterUi';

let browser: Browser;
let served: Served;
let tree: ScopeCommunity[];
let party: PartyOrgNode[];

beforeAll(async () => {
  const dataDir = freshDataDir('scc-e2e-roster-pages-');
  runScc(['init', '--demo', '--data', dataDir]);
  served = await serve(dataDir);
  browser = await launchBrowser();
  tree = await apiCall<ScopeCommunity[]>(served.url, 'roster.scopeTree');
  party = await apiCall<PartyOrgNode[]>(served.url, 'roster.partyTree');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function open(path: string, gridName: string) {
  const opened = await openPage(browser, `${served.url}/#/${path}`);
  await expect.poll(() => dataRowIds(grid(opened.page, gridName)), { timeout: 20_000 }).not.toEqual([]);
  return opened;
}

describe('roster pages in Chromium', () => {
  it('党员: counts members in the area tree, filters by category, edits a status and a 党小组, refuses a member under 18 on the day they joined', async () => {
    const { page, errors, context } = await open('members', '党员');
    const members = grid(page, '党员');
    // The numbers beside the area tree count this page's members, not the street's residents.
    const community = tree[0];
    if (!community) throw new Error('no community');
    const everyone = await apiPage(served.url, { roster: 'members', limit: 1 });
    const inCommunity = await apiPage(served.url, { roster: 'members', scope: { communityCode: community.code }, limit: 1 });
    await expect.poll(() => onScreen(page, '.scope-title').textContent()).toContain('党员');
    await expect.poll(() => nodeCount(page, '')).toBe(everyone.total);
    await expect.poll(() => nodeCount(page, community.code)).toBe(inCommunity.total);
    // Members with no 实有人口 record here are in 全街道 alone, and the tree says how many.
    let placed = 0;
    for (const c of tree) placed += (await apiPage(served.url, { roster: 'members', scope: { communityCode: c.code }, limit: 1 })).total ?? 0;
    const outside = (everyone.total ?? 0) - placed;
    expect(outside).toBeGreaterThan(0);
    await expect.poll(() => onScreen(page, '.scope-note').textContent()).toBe(`另有 ${outside.toLocaleString('zh-CN')} 名党员未登记为本街道实有人口，只计入全街道`);
    await filterEnum(page, members, 'category', ['预备党员']);
    const probationary = await apiPage(served.url, { roster: 'members', filters: { category: { kind: 'set', values: ['预备党员'] } } });
    await expect.poll(() => total(members)).toBe(probationary.total);
    await filterEnum(page, members, 'category', ['正式党员', '预备党员']);

    const group = party.find((n) => n.kind === '党小组');
    if (!group?.parentCode) throw new Error('demo street has a 党小组');
    const branchMembers = await apiPage(served.url, { roster: 'members', orgCode: group.parentCode, limit: 2 });
    const member = branchMembers.rows[0];
    if (!member) throw new Error('no member in the branch');
    await page.getByRole('searchbox', { name: '快速搜索' }).fill(member.key);
    await page.getByRole('searchbox', { name: '快速搜索' }).press('Enter');
    await expect.poll(() => dataRowIds(members)).toEqual([member.key]);

    await editCell(page, members, member.key, 'status', '流动');
    await expect.poll(async () => (await apiCall<PartyMemberRecord>(served.url, 'records.get', { entity: 'partyMember', key: member.key })).status).toBe('流动');

    await page.getByRole('button', { name: '列设置' }).click();
    await page.getByLabel('显示 党小组编码').check();
    await page.keyboard.press('Escape');
    await editCell(page, members, member.key, 'partyGroup', group.code);
    await expect.poll(() => cell(members, member.key, 'partyGroupName').textContent()).toBe(group.name);

    const other = party.find((n) => n.kind === '党小组' && n.parentCode !== group.parentCode);
    if (other) {
      await editCell(page, members, member.key, 'partyGroup', other.code);
      await expect.poll(() => onScreen(page, '.cell-error').textContent()).toContain('不属于该党员所在的党组织');
    }
    const born = String(member.birthDate);
    await editCell(page, members, member.key, 'joinedOn', `${Number(born.slice(0, 4)) + 10}${born.slice(4)}`);
    await expect.poll(() => onScreen(page, '.cell-error').textContent()).toContain('入党时未满 18 周岁');
    await screenshot(page, 'rosters-10-members-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('党组织: the party tree counts members, marks a 支部 over 50, and lists the chosen organisation’s members', async () => {
    const oversized = party.find((n) => n.oversized);
    if (!oversized?.parentCode) throw new Error('the demo street keeps one 支部 over 50 members');
    const { page, errors, context } = await openPage(browser, `${served.url}/#/party`);
    const tree = page.getByRole('navigation', { name: '党组织' });
    await tree.locator(`[role=treeitem]:has(.party-pick[data-code="${oversized.parentCode}"]) .scope-toggle`).click();
    const node = tree.locator(`.party-pick[data-code="${oversized.code}"]`);
    await expect.poll(() => node.textContent()).toContain('超过 50 人');
    expect(await node.locator('.party-count').textContent()).toBe(String(oversized.totalMembers));
    await node.click();
    await expect.poll(() => onScreen(page, '.org-card h2').textContent()).toBe(oversized.name);
    expect(await onScreen(page, '.org-card .org-total').textContent()).toBe(String(oversized.totalMembers));
    const members = grid(page, '党员');
    await expect.poll(() => total(members)).toBe(oversized.totalMembers);
    await screenshot(page, 'rosters-11-party-tree-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('工作力量: filters by area and role, saves a phone, refuses a leaving date before the starting date', async () => {
    const { page, errors, context } = await open('staff', '工作力量');
    const staff = grid(page, '工作力量');
    const community = tree[0];
    if (!community) throw new Error('no community');
    await scopeNode(page, community.code).click();
    await expect.poll(() => total(staff)).toBe(await nodeCount(page, community.code));
    await filterEnum(page, staff, 'role', ['网格长']);
    const heads = await apiPage(served.url, { roster: 'staff', scope: { communityCode: community.code }, filters: { role: { kind: 'set', values: ['网格长'] } } });
    await expect.poll(() => total(staff)).toBe(heads.total);
    const head = heads.rows[0];
    if (!head) throw new Error('no 网格长');
    await expect.poll(() => dataRowIds(staff)).toContain(head.key);

    await editCell(page, staff, head.key, 'phone', '13600009999');
    await expect.poll(async () => (await apiCall<StaffRecord>(served.url, 'records.get', { entity: 'staff', key: head.key })).phone).toBe('13600009999');
    await editCell(page, staff, head.key, 'until', '2001-01-01');
    await expect.poll(() => onScreen(page, '.cell-error').textContent()).toContain('离岗日期应不早于上岗日期');
    await screenshot(page, 'rosters-12-staff-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('楼栋/房屋: shows a building’s rooms and who lives there, edits a room’s use, refuses a 党员中心户 without members, adds pasted rooms', async () => {
    const { page, errors, context } = await open('buildings', '楼栋');
    const buildings = grid(page, '楼栋');
    const rooms = grid(page, '房屋');
    const [first] = await dataRowIds(buildings);
    if (!first) throw new Error('no building');
    await cell(buildings, first, 'name').click();
    const inBuilding = await apiPage(served.url, { roster: 'rooms', scope: { buildingCode: first }, limit: 500 });
    await expect.poll(() => total(rooms)).toBe(inBuilding.total);
    await expect.poll(() => onScreen(page, '.roster-heading').nth(1).textContent()).toContain('的房屋');

    const lived = inBuilding.rows.find((r) => Number(r.residentCount) > 0 && !String(r.residentNames).includes('党员'));
    if (!lived) throw new Error('a room with residents and no member');
    await editCell(page, rooms, lived.key, 'use', '出租');
    await expect.poll(async () => (await apiPage(served.url, { roster: 'rooms', scope: { buildingCode: first }, limit: 500 })).rows.find((r) => r.key === lived.key)?.use).toBe('出租');
    await editCell(page, rooms, lived.key, 'partyCenter', '是');
    await expect.poll(() => onScreen(page, '.cell-error').textContent()).toContain('没有党员居住');

    await cell(rooms, '__new__', 'buildingName').click();
    await pasteText(page, `楼栋编码\t单元号\t房号\t房屋用途\r\n${first}\t1\t9901\t空置\r\n${first}\t1\t9902\t商用\r\n`);
    const dialog = page.getByRole('dialog', { name: '粘贴预览' });
    await expect.poll(() => dialog.locator('.plan-counts').textContent()).toBe('新增 2 行，修改 0 行，不变 0 行，有误 0 行');
    await dialog.getByRole('button', { name: '应用 2 行改动' }).click();
    await expectToast(page, '粘贴房屋：新增 2 行');
    await expect.poll(() => total(rooms)).toBe((inBuilding.total ?? 0) + 2);
    await screenshot(page, 'rosters-13-buildings-rooms-1920x1080');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('网格/社区: derived counts per community and grid, a grid renamed in place and the rename undone', async () => {
    const { page, errors, context } = await open('geo', '社区列表');
    const communities = grid(page, '社区列表');
    const grids = grid(page, '网格列表');
    await expect.poll(() => allRowIds(communities)).toEqual(tree.map((c) => c.code));
    const community = tree[1];
    const g = community?.grids.find((x) => x.kind !== '专属网格');
    if (!community || !g) throw new Error('no grid');
    const residents = await apiCall<ScopeCounts>(served.url, 'roster.scopeCounts', { roster: 'residents' });
    await cell(communities, community.code, 'name').click();
    await expect.poll(() => total(grids)).toBe(community.grids.length);
    await expect.poll(() => cell(grids, g.code, 'residentCount').textContent()).toBe(String(residents.grids[g.code]));
    expect(await cell(communities, community.code, 'residentCount').textContent()).toBe(String(residents.communities[community.code]));
    await expect.poll(() => nodeCount(page, community.code)).toBe(residents.communities[community.code]);

    await editCell(page, grids, g.code, 'name', `${g.name}调整`);
    await expect.poll(async () => (await apiCall<GridRecord>(served.url, 'records.get', { entity: 'grid', key: g.code })).name).toBe(`${g.name}调整`);
    await editCell(page, grids, g.code, 'dedicatedKind', '医院');
    await expect.poll(() => onScreen(page, '.cell-error').textContent()).toContain('只有专属网格才填写专属网格类别');
    await screenshot(page, 'rosters-14-geo-1920x1080');
    await page.getByRole('heading', { name: '网格/社区', exact: true }).click();
    await page.keyboard.press('Control+z');
    await expectToast(page, /已撤销：修改网格“.+”的网格名称/);
    await expect.poll(async () => (await apiCall<GridRecord>(served.url, 'records.get', { entity: 'grid', key: g.code })).name).toBe(g.name);
    expect(errors).toEqual([]);
    await context.close();
  });
});

