import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startScc, type ServedScc } from '../helpers/sccServe';
import { tempDir } from '../helpers/tempDirs';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');
const scc = join(repoRoot, 'bin', 'scc.js');

/** A fresh data directory per test, so no test sees another's data. */
export function freshDataDir(prefix = 'scc-e2e-'): string {
  return tempDir(prefix);
}

/** Runs `scc …` to completion (init, import, …) and returns its output; throws on a non-zero exit. */
export function runScc(args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [scc, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`scc ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

export type Served = ServedScc;

/** Starts `scc serve --port 0` on a data directory and waits for the address it prints. */
export function serve(dataDir: string, extra: string[] = []): Promise<Served> {
  return startScc(scc, dataDir, { extra, timeoutMs: 30_000 });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // As the desktop app asks for it (electron/main.ts).
      '--lang=zh-CN',
    ],
  });
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1920, height: 1080 }, deviceScaleFactor = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, context, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Calls the contract over HTTP, as a second client beside the page. */
export async function apiCall<T>(url: string, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${url}/api/call/${method}`, { method: 'POST', body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

/** The ids of the rows an AG Grid has rendered, in display order. */
export async function rowIds(grid: Locator): Promise<string[]> {
  return grid.locator('[role=row][row-id]').evaluateAll((rows) =>
    rows
      .map((row) => ({ index: Number(row.getAttribute('row-index')), id: row.getAttribute('row-id') ?? '' }))
      .sort((a, b) => a.index - b.index)
      .map((row) => row.id),
  );
}

/**
 * Every row of a grid, in order, found by scrolling it from top to bottom as a person would: the
 * grid draws only the rows on screen (and two more). Rows without an index (the pinned new-row
 * line) are left out; the grid is scrolled back to the top.
 */
export async function allRowIds(grid: Locator): Promise<string[]> {
  return grid.evaluate(async (box) => {
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    const seen = new Map<number, string>();
    const collect = (): void => {
      for (const row of box.querySelectorAll('[role=row][row-id]')) {
        const index = Number(row.getAttribute('row-index'));
        if (Number.isInteger(index)) seen.set(index, row.getAttribute('row-id') ?? '');
      }
    };
    // AG Grid's scrolling box (36.x): without it the rows off screen could not be read.
    const viewport = box.querySelector<HTMLElement>('.ag-grid-viewport');
    if (!viewport) throw new Error('the grid has no .ag-grid-viewport to scroll');
    viewport.scrollTop = 0;
    await frame();
    collect();
    while (viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight - 1) {
      viewport.scrollTop += Math.max(1, Math.floor(viewport.clientHeight / 2));
      await frame();
      collect();
    }
    viewport.scrollTop = 0;
    return [...seen].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  });
}
