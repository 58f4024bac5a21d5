import { afterEach, describe, expect, it } from 'vitest';
import type { ResidentRecord } from '../../../src-main/dto/records';
import { openCore, type CoreRuntime } from '../../../src-main/core/core';
import type { SqlDb } from '../../../src-main/core/db/sqlite';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { repositories } from '../../../src-main/core/records';
import { gramQuery } from '../../../src-main/core/rosters/search';
import { withDeferredSearchIndex } from '../../../src-main/core/rosters/searchIndex';
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

const blankResident: ResidentRecord = {
  idNumber: '', name: '', gender: null, ethnicity: null, birthDate: null, phone: null, political: null, personType: null, residence: null,
  gridCode: '', buildingCode: null, unit: null, room: null, hukouAddress: null, address: null, tags: [],
};

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

  it('defers indexing in a write of many rows: added, renamed, re-addressed and removed rows come out exact, and undo too', async () => {
    const core = await demoCore();
    cores.push(core);
    const db = core.data.store().db;
    const grid = db.value<string>('SELECT code FROM grid LIMIT 1') ?? '';
    const existing = (await call(core, 'roster.page', { roster: 'residents', limit: 2 })).rows.map((r) => r.key);
    const keys = [41, 43, 45].map((n) => composeIdNumber('150102', '1980-03-0' + String(n % 9 || 1), n));
    const ctx = core.context({ actor: 'test' });
    const written = ctx.write('test.bulk', (w) =>
      withDeferredSearchIndex(w, () => {
        for (const [i, key] of keys.entries()) {
          repositories.resident.write(w, { ...blankResident, idNumber: key, name: `延后${i}号`, gridCode: grid, address: `延后巷${i}号` }, ctx.now());
        }
        // Pending rows change again before the index sees them; an indexed row is forgotten at once.
        w.run('UPDATE person SET name = ? WHERE id_number = ?', ['延后改名', keys[0] ?? '']);
        repositories.resident.remove(w, keys[1] ?? '');
        w.run('UPDATE resident SET address = ? WHERE person_id = (SELECT id FROM person WHERE id_number = ?)', ['迁入胡同7号', existing[0] ?? '']);
        repositories.resident.remove(w, existing[1] ?? '');
        expect(w.value('SELECT count(*) FROM search_pending')).toBe(3);
      }),
    );
    expect(db.value('SELECT count(*) FROM search_pending')).toBe(0);
    expect(db.value('SELECT deferred FROM search_state')).toBe(0);
    expect(indexIsExact(db)).toBe(true);
    expect(await found(core, '延后改名')).toEqual([keys[0]]);
    expect((await found(core, '延后巷')).sort()).toEqual([keys[0], keys[2]].sort());
    expect(await found(core, '迁入胡同')).toEqual([existing[0]]);
    expect(db.value("SELECT count(*) FROM audit_log WHERE entity IN ('search_state', 'search_pending')")).toBe(0);
    await call(core, 'history.undo', { seq: written.seq });
    expect(indexIsExact(db)).toBe(true);
    expect(await found(core, '延后巷')).toEqual([]);
    expect(await found(core, '迁入胡同')).toEqual([]);
  });

  it('indexes a pasted block of residents in one go, and leaves nothing pending', async () => {
    const core = await demoCore();
    cores.push(core);
    const db = core.data.store().db;
    const grid = db.value<string>('SELECT code FROM grid LIMIT 1') ?? '';
    const keys = [51, 53].map((n) => composeIdNumber('150102', '1979-05-05', n));
    await call(core, 'roster.edit', {
      roster: 'residents',
      rows: keys.map((key, i) => ({ values: { idNumber: key, name: `粘贴${i}`, gridCode: grid, address: `粘贴里${i}号` } })),
    });
    expect((await found(core, '粘贴里')).sort()).toEqual([...keys].sort());
    expect(db.value('SELECT count(*) FROM search_pending')).toBe(0);
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
