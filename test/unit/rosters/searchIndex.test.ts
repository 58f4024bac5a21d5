import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreRuntime } from '../../../src-main/core/core';
import type { SqlDb } from '../../../src-main/core/db/sqlite';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { gramQuery } from '../../../src-main/core/rosters/search';
import { call, demoCore, fixedClock, resourcesDir } from '../../helpers/core';
import { tempDataDir } from '../../helpers/storage';

const cores: CoreRuntime[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** FTS4's own check that the index holds exactly what its content (the view) says. */
function indexIsExact(db: SqlDb): boolean {
  try {
    db.run("INSERT INTO resident_search (resident_search) VALUES ('integrity-check')");
    return true;
  } catch {
    return false;
  }
}

const found = async (core: CoreRuntime, search: string): Promise<string[]> =>
  (await call(core, 'roster.page', { roster: 'residents', search, limit: 1000 })).rows.map((r) => r.key);

describe('the quick-search index', () => {
  it('splits text into the grams migration 0008 indexes, leaving out grams of address frame alone', () => {
    expect(gramQuery('锡林路367')).toBe('锡林 36 67');
    expect(gramQuery('王芳')).toBe('王芳');
    expect(gramQuery('3号楼')).toBe('3号 号楼');
    expect(gramQuery('213号院5号楼1')).toBe('21 13 3号');
    expect(gramQuery('a-b')).toBe('a* b*');
    expect(gramQuery('，。')).toBeNull();
  });

  it('follows edits of names and addresses, additions, removals and their undo', async () => {
    const core = await demoCore();
    cores.push(core);
    const db = core.data.store().db;
    expect(indexIsExact(db)).toBe(true);
    const [first] = (await call(core, 'roster.page', { roster: 'residents', limit: 1 })).rows;
    if (!first) throw new Error('no resident');
    const renamed = await call(core, 'roster.edit', { roster: 'residents', rows: [{ key: first.key, values: { name: '欧阳慕雪', address: '翠柳巷88号' } }] });
    expect(await found(core, '慕雪')).toEqual([first.key]);
    expect(await found(core, '翠柳巷')).toEqual([first.key]);
    expect(indexIsExact(db)).toBe(true);
    await call(core, 'history.undo', { seq: renamed.seq });
    expect(await found(core, '慕雪')).toEqual([]);
    expect(await found(core, String(first.name))).toContain(first.key);
    expect(indexIsExact(db)).toBe(true);

    const grid = db.value<string>('SELECT code FROM grid LIMIT 1') ?? '';
    const key = composeIdNumber('150102', '1977-07-07', 31);
    const added = await call(core, 'roster.edit', { roster: 'residents', rows: [{ values: { idNumber: key, name: '新来的司马', gridCode: grid, address: '梧桐里9号' } }] });
    expect(await found(core, '梧桐里')).toEqual([key]);
    const removed = await call(core, 'records.remove', { entity: 'resident', key });
    expect(await found(core, '梧桐里')).toEqual([]);
    await call(core, 'history.undo', { seq: removed.seq });
    expect(await found(core, '司马')).toEqual([key]);
    await call(core, 'history.undo', { seq: added.seq }).catch(() => undefined);
    expect(indexIsExact(db)).toBe(true);
  });

  it('is rebuilt the same by journal replay after a restart', async () => {
    const dataDir = tempDataDir('scc-search-');
    const open = () => openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    const core = await open();
    core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 3, now: core.now() }));
    expect(core.data.store().db.value('SELECT live FROM search_state')).toBe(1);
    const [first] = (await call(core, 'roster.page', { roster: 'residents', limit: 1 })).rows;
    await call(core, 'roster.edit', { roster: 'residents', rows: [{ key: first?.key ?? '', values: { address: '回放胡同1号' } }] });
    core.data.close({ snapshot: false });
    const again = await open();
    cores.push(again);
    expect(indexIsExact(again.data.store().db)).toBe(true);
    expect(await found(again, '回放胡同')).toEqual([first?.key]);
  });
});
