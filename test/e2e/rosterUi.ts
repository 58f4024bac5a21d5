import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { RosterPage, RosterQueryInput } from '../../src-main/contract';
import { apiCall, rowIds } from './harness';

/** What a person does with a roster page in Chromium, as small steps the tests share. */

export const grid = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

export const cell = (g: Locator, rowId: string, column: string): Locator => g.locator(`[role=row][row-id="${rowId}"] [col-id="${column}"]`).first();

/** Rows the grid shows whose key is not the "new row" line. */
export async function dataRowIds(g: Locator): Promise<string[]> {
  return (await rowIds(g)).filter((id) => id !== '__new__');
}

/**
 * Elements of the page on screen only: a roster kept, or prepared before its first visit, stays in
 * the document as an inert page with its own area tree, headings and status line.
 */
export const onScreen = (page: Page, selector: string): Locator => page.locator(`${selector}:not([inert] *)`);

/** A node of the area tree on the page on screen. */
export const scopeNode = (page: Page, code: string): Locator => onScreen(page, `.scope-pick[data-code="${code}"]`);

/**
 * The number the page on screen's area tree shows beside a node ('' is 全街道); null while it is
 * being counted.
 */
export async function nodeCount(page: Page, code: string): Promise<number | null> {
  const text = await scopeNode(page, code).locator('.scope-count').textContent();
  return text ? Number(text.replace(/,/g, '')) : null;
}

/** The status line under a roster's grid: its total, the rows selected, the filters in force. */
export const statusLine = (g: Locator): Locator => g.locator('xpath=ancestor::div[contains(@class,"roster")][1]').locator('.roster-status');

/** The roster's row count as shown ("共 1,234 行"); null while it is still being counted. */
export async function total(g: Locator): Promise<number | null> {
  const text = (await statusLine(g).locator('.roster-total').textContent()) ?? '';
  const shown = /共 ([\d,]+) 行/.exec(text)?.[1];
  return shown === undefined ? null : Number(shown.replace(/,/g, ''));
}

export async function apiPage(url: string, query: RosterQueryInput & { limit?: number }): Promise<RosterPage> {
  return apiCall<RosterPage>(url, 'roster.page', { limit: 100, ...query });
}

/** Scrolls the grid sideways, as a person would, until a column's cell of the row is drawn. */
export async function reveal(page: Page, g: Locator, rowId: string, column: string): Promise<void> {
  const scroller = g.locator('.ag-body-horizontal-scroll-viewport');
  if ((await cell(g, rowId, column).count()) > 0) return;
  await scroller.evaluate((el) => (el.scrollLeft = 0));
  for (let i = 0; i < 12 && (await cell(g, rowId, column).count()) === 0; i++) {
    await scroller.evaluate((el, step) => (el.scrollLeft += step), 400);
    await page.waitForTimeout(100);
  }
}

/** Double-clicks a cell, types a value and presses Enter, as when correcting a cell. */
export async function editCell(page: Page, g: Locator, rowId: string, column: string, value: string): Promise<void> {
  await reveal(page, g, rowId, column);
  await cell(g, rowId, column).dblclick();
  const at = `[role=row][row-id="${rowId}"] [col-id="${column}"]`;
  const editor = g.locator(`${at} input, ${at} [role=combobox]`).first();
  await editor.waitFor();
  if ((await editor.getAttribute('role')) === 'combobox') {
    // An enumeration: AG Grid's list editor, opened and picked from like a person would.
    await editor.click();
    await page.getByRole('option', { name: value, exact: true }).click();
  } else {
    await editor.fill(value);
  }
  await page.keyboard.press('Enter');
}

/** Ctrl+V of tab-separated text, as Excel or WPS put it on the clipboard, onto the focused cell. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((tsv) => {
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** A roster.page request's body, as the page sent it. */
export interface SentPage {
  sort: unknown;
  filters: unknown;
  search: string;
  offset: number;
}

/** Keeps the body of every roster.page request in `window.sent`, as fetch is called. Runs in the page. */
function recordPageRequests(): void {
  const sent: string[] = [];
  (window as unknown as { sent: string[] }).sent = sent;
  const fetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    if (String(input).endsWith('/roster.page')) sent.push(String(init?.body));
    return fetch(input, init);
  };
}

/** Notes every roster.page request the page sends from now on. */
export const notePageRequests = (page: Page): Promise<void> => page.evaluate(recordPageRequests);

/** Notes every roster.page request the page sends from its next load on (a reload included). */
export async function notePageRequestsFromLoad(page: Page): Promise<void> {
  await page.addInitScript(recordPageRequests);
}

/** The roster.page requests noted since `notePageRequests` or the last `clearPageRequests`. */
export const pageRequests = (page: Page): Promise<SentPage[]> =>
  page.evaluate(() => (window as unknown as { sent: string[] }).sent.map((b) => JSON.parse(b) as SentPage));

export const clearPageRequests = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { sent: string[] }).sent.length = 0));

/** The button in a column's header that opens (and closes) its filter. */
export const filterButton = (g: Locator, column: string): Locator => g.locator(`.ag-header-cell[col-id="${column}"] .ag-header-cell-filter-button`);

/** Opens a column's text, number or date filter (in AG Grid's popup). */
export async function openFilter(page: Page, g: Locator, column: string): Promise<Locator> {
  await filterButton(g, column).click();
  const popup = page.locator('.roster-filter');
  await popup.waitFor();
  return popup;
}

/** Opens a column's filter and keeps only the given values of an enumeration. */
export async function filterEnum(page: Page, g: Locator, column: string, values: string[]): Promise<void> {
  await filterButton(g, column).click();
  const popup = page.locator('.enum-filter');
  await popup.getByRole('button', { name: '全不选' }).click();
  for (const v of values) await popup.getByLabel(v, { exact: true }).check();
  await page.keyboard.press('Escape');
}

export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  await expect.poll(() => page.locator('.toast').allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(text)]));
}
