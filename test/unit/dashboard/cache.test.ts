import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { BOARDS_MAX_AGE_MS } from '../../../src-main/core/dashboard/handlers';
import { call, demoCore } from '../../helpers/core';

let core: CoreRuntime | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('board figures shared by every screen', () => {
  it('are computed once per change: a refresh without a change gets the same figures', async () => {
    core = await demoCore();
    const first = await call(core, 'dashboard.boards', {});
    expect(await call(core, 'dashboard.boards', {})).toBe(first);
  });

  it('are computed again as soon as data changes', async () => {
    core = await demoCore();
    const before = await call(core, 'dashboard.boards', {});
    core.context().write('test.grid', (db) => db.run("UPDATE grid SET kind = '专属网格', dedicated_kind = '园区' WHERE id = (SELECT min(id) FROM grid WHERE kind <> '专属网格')"));
    const after = await call(core, 'dashboard.boards', {});
    expect(after.overview.dedicatedGrids).toBe(before.overview.dedicatedGrids + 1);
  });

  it('are computed again once they are older than the limit, for figures that move with the clock', async () => {
    let now = Date.parse('2026-11-21T09:30:00+08:00');
    core = await demoCore({ clock: () => new Date(now) });
    const first = await call(core, 'dashboard.boards', {});
    now += BOARDS_MAX_AGE_MS - 1;
    expect(await call(core, 'dashboard.boards', {})).toBe(first);
    now += 1;
    const later = await call(core, 'dashboard.boards', {});
    expect(later).not.toBe(first);
    expect(later.generatedAt).not.toBe(first.generatedAt);
  });
});
