import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';

/** What a hall visitor would see wrong on a board, found in the page; empty when all is well. */
export interface LayoutReport {
  overlaps: string[];
  outside: string[];
  clippedText: string[];
  emptyCharts: string[];
  /** Canvases drawn with fewer pixels than the screen shows them at (blurred). */
  blurred: string[];
  charts: number;
}

/**
 * Checks the active board: panels and counters do not overlap and stay on the stage, text is
 * not cut off, every chart drew something, and every canvas is backed by at least as many
 * pixels as it occupies on the screen.
 */
export function checkLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const report = { overlaps: [] as string[], outside: [] as string[], clippedText: [] as string[], emptyCharts: [] as string[], blurred: [] as string[], charts: 0 };
    const board = document.querySelector('.board.active');
    const stage = document.querySelector('.stage');
    if (!board || !stage) {
      report.outside.push('no active board');
      return report;
    }
    const name = (el: Element): string => `${el.className} «${(el.textContent ?? '').trim().slice(0, 24)}»`;
    const stageRect = stage.getBoundingClientRect();
    const boxes = [...board.querySelectorAll('.board-panel, .counter')];
    const rects = boxes.map((el) => el.getBoundingClientRect());
    rects.forEach((a, i) => {
      if (a.left < stageRect.left - 1 || a.top < stageRect.top - 1 || a.right > stageRect.right + 1 || a.bottom > stageRect.bottom + 1) {
        report.outside.push(name(boxes[i] as Element));
      }
      rects.forEach((b, j) => {
        if (j <= i) return;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) report.overlaps.push(`${name(boxes[i] as Element)} × ${name(boxes[j] as Element)}`);
      });
    });
    // Text: an element that holds text directly must fit its own box and its panel.
    for (const el of board.querySelectorAll<HTMLElement>('*')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!ownText || el.closest('.flip-wheel')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') report.clippedText.push(name(el));
      const panel = el.closest('.board-panel, .counter');
      if (panel) {
        const r = el.getBoundingClientRect();
        const p = panel.getBoundingClientRect();
        if (r.right > p.right + 1 || r.bottom > p.bottom + 1 || r.left < p.left - 1 || r.top < p.top - 1) report.clippedText.push(`${name(el)} outside its panel`);
      }
    }
    for (const canvas of board.querySelectorAll('canvas')) {
      report.charts += 1;
      const label = canvas.closest('[aria-label]')?.getAttribute('aria-label') ?? 'chart';
      const ctx = canvas.getContext('2d');
      if (ctx) {
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 16) if ((data[i] ?? 0) > 0) painted++;
        if (painted < (data.length / 16) * 0.01) report.emptyCharts.push(label);
      }
      const shown = canvas.getBoundingClientRect();
      if (canvas.width < Math.floor(shown.width * window.devicePixelRatio) - 2) {
        report.blurred.push(`${label}: ${canvas.width}px drawn for ${Math.round(shown.width * window.devicePixelRatio)}px shown`);
      }
    }
    return report;
  });
}

/** Share of the map canvas that is painted: the demo street's grids tile most of it. */
export function mapCoverage(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.board.active .board-panel-map canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 200) painted++;
    return painted / (data.length / 4);
  });
}

function newestSnapshot(dataDir: string): Database.Database {
  const dir = join(dataDir, 'db');
  const file = readdirSync(dir)
    .filter((n) => n.endsWith('.sqlite'))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no snapshot in ${dir}`);
  return new Database(join(dir, file), { readonly: true, fileMustExist: true });
}

/** A resident of working age who is not in the party yet, and a 党支部 to join. */
export function candidateMember(dataDir: string): { person: { idNumber: string; name: string }; branch: string } {
  const db = newestSnapshot(dataDir);
  try {
    const person = db
      .prepare(
        `SELECT p.id_number AS idNumber, p.name FROM resident r JOIN person p ON p.id = r.person_id
         WHERE p.political = '群众' AND p.birth_date BETWEEN '1970-01-01' AND '2000-01-01' ORDER BY p.id LIMIT 1`,
      )
      .get() as { idNumber: string; name: string } | undefined;
    const branch = db.prepare("SELECT code FROM party_org WHERE kind = '党支部' ORDER BY code LIMIT 1").pluck().get() as string | undefined;
    if (!person || !branch) throw new Error('the demo street has no candidate member or no branch');
    return { person, branch };
  } finally {
    db.close();
  }
}

/** The people in a data directory, read from its newest snapshot (as `scc init` left it). */
export function peopleIn(dataDir: string): { names: Set<string>; idNumbers: Set<string>; phones: Set<string>; notPeople: string[] } {
  const db = newestSnapshot(dataDir);
  try {
    const column = (sql: string): string[] => (db.prepare(sql).pluck().all() as (string | null)[]).filter((v): v is string => v !== null && v !== '');
    return {
      names: new Set(column('SELECT name FROM person')),
      idNumbers: new Set(column('SELECT id_number FROM person')),
      phones: new Set(column('SELECT phone FROM person')),
      // Place names and the values of category columns contain words that are also someone's
      // name (幸福社区, 高中/中专 — there are people called 幸福 and 高中): they are not people.
      notPeople: [
        ...column('SELECT name FROM street'),
        ...column('SELECT name FROM community'),
        ...column('SELECT name FROM grid'),
        ...column(
          `SELECT education FROM person UNION SELECT category FROM party_member UNION SELECT kind FROM party_org
           UNION SELECT status FROM event UNION SELECT whistle FROM event UNION SELECT category FROM event UNION SELECT kind FROM grid`,
        ),
      ].sort((a, b) => b.length - a.length),
    };
  } finally {
    db.close();
  }
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Every name, ID number and phone number of a person in the database that occurs in a payload. */
export function personalDataIn(payload: unknown, people: ReturnType<typeof peopleIn>): string[] {
  const found: string[] = [];
  for (const raw of strings(payload)) {
    for (const [match] of raw.matchAll(/\d{17}[\dXx]/g)) if (people.idNumbers.has(match.toUpperCase())) found.push(`ID number ${match}`);
    for (const [match] of raw.matchAll(/(?<!\d)\d{11}(?!\d)/g)) if (people.phones.has(match)) found.push(`phone ${match}`);
    let text = raw;
    for (const word of people.notPeople) if (text.includes(word)) text = text.split(word).join('｜');
    for (const [run] of text.matchAll(/\p{Script=Han}{2,}/gu)) {
      for (let length = 2; length <= 4; length++) {
        for (let i = 0; i + length <= run.length; i++) {
          const candidate = run.slice(i, i + length);
          if (people.names.has(candidate)) found.push(`name ${candidate} in «${raw}»`);
        }
      }
    }
  }
  return found;
}
