import { describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { openCore } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { call, coresClosedAfterEach, demoCore, fixedClock, resourcesDir } from '../../helpers/core';
import { dumpTables } from '../../helpers/dump';
import { tempDataDir } from '../../helpers/storage';

const cores = coresClosedAfterEach();
const fresh = cores.demo;

const dump = dumpTables;

const firstResident = (core: CoreRuntime): string =>
  core.data.store().db.value<string>('SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id ORDER BY r.id LIMIT 1') ?? '';

describe('undo and redo at the data layer', () => {
  it('undoes an edit and redoes it by undoing the undo', async () => {
    const core = await fresh();
    const key = firstResident(core);
    const before = await call(core, 'records.get', { entity: 'resident', key });
    const edit = await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13811112222', personType: '流动人口' } });
    const undo = await call(core, 'history.undo', { seq: edit.seq });
    expect(undo.summary).toBe('修改 实有人口 1 条、修改 人员 1 条');
    expect(await call(core, 'records.get', { entity: 'resident', key })).toEqual(before);
    await call(core, 'history.undo', { seq: undo.seq });
    expect(await call(core, 'records.get', { entity: 'resident', key })).toMatchObject({ phone: '13811112222', personType: '流动人口' });
  });

  it('undoes a creation (the new person goes too) and a removal (the same rows come back, tags included)', async () => {
    const core = await fresh();
    const db = core.data.store().db;
    const start = dump(db);
    const grid = db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    const created = await call(core, 'records.save', {
      entity: 'resident',
      mode: 'create',
      values: { idNumber: composeIdNumber('150102', '1988-08-08', 21), name: '新来的', gridCode: grid, tags: ['退役军人'] },
    });
    await call(core, 'history.undo', { seq: created.seq });
    expect(dump(db)).toBe(start);

    const tagged = db.value<string>('SELECT p.id_number FROM resident_tag t JOIN resident r ON r.id = t.resident_id JOIN person p ON p.id = r.person_id LIMIT 1') ?? '';
    const beforeRemove = dump(db);
    const removed = await call(core, 'records.remove', { entity: 'resident', key: tagged });
    expect(db.value('SELECT count(*) FROM person WHERE id_number = ?', [tagged])).toBe(0);
    await call(core, 'history.undo', { seq: removed.seq });
    expect(dump(db)).toBe(beforeRemove);
  });

  it('refuses to undo a change that a later edit built on, and explains; in order, both undo', async () => {
    const core = await fresh();
    const key = firstResident(core);
    const first = await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13800000001' } });
    const second = await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13800000002' } });
    const refused = await core.call('history.undo', { seq: first.seq });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/又被改动过/);
    await call(core, 'history.undo', { seq: second.seq });
    await call(core, 'history.undo', { seq: first.seq });
    expect(core.data.store().db.value('SELECT phone FROM person WHERE id_number = ?', [key])).not.toMatch(/^1380000000/);
  });

  it('walks back 120 edits to the exact starting state, and forward again', async () => {
    const core = await fresh();
    const db = core.data.store().db;
    const keys = db.all<{ id_number: string }>('SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id ORDER BY r.id LIMIT 40').map((r) => r.id_number);
    const start = dump(db);
    const seqs: number[] = [];
    for (let i = 0; i < 120; i++) {
      const saved = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: keys[i % keys.length] ?? '', values: { phone: `137${String(i).padStart(8, '0')}` } });
      seqs.push(saved.seq);
    }
    const end = dump(db);
    const undos: number[] = [];
    for (const seq of [...seqs].reverse()) undos.push((await call(core, 'history.undo', { seq })).seq);
    expect(dump(db)).toBe(start);
    for (const seq of [...undos].reverse()) await call(core, 'history.undo', { seq });
    expect(dump(db)).toBe(end);
  });

  it('is itself a durable write: an undo survives a crash', async () => {
    const dataDir = tempDataDir('scc-undo-');
    const open = () => openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    const core = await open();
    core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 2, now: core.now() }));
    const key = firstResident(core);
    const original = await call(core, 'records.get', { entity: 'resident', key });
    const edit = await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { name: '改了名' } });
    await call(core, 'history.undo', { seq: edit.seq });
    core.data.close({ snapshot: false });
    const again = await open();
    cores.keep(again);
    expect(await call(again, 'records.get', { entity: 'resident', key })).toEqual(original);
  });
});

describe('undo refused when later records depend on it', () => {
  it('says so in Chinese when a later record refers to a row the write created, and changes nothing', async () => {
    const core = await demoCore();
    const community = core.data.store().db.value<string>('SELECT code FROM community ORDER BY code LIMIT 1') ?? '';
    const grid = await call(core, 'records.save', { entity: 'grid', mode: 'create', values: { code: `${community}950`, name: '新网格', communityCode: community, kind: '城市社区网格' } });
    await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: composeIdNumber('150102', '1980-02-02', 31), name: '住新网格', gridCode: `${community}950` } });
    const seq = core.data.store().seq;
    const refused = await core.call('history.undo', { seq: grid.seq });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^无法撤销：之后新增或修改的记录仍引用这次修改中的记录/) });
    expect(core.data.store().seq).toBe(seq);
    await core.close();
  });

  it('says so when the row it would put back refers to a record removed since, and changes nothing', async () => {
    const core = await demoCore();
    const db = core.data.store().db;
    const community = db.value<string>('SELECT code FROM community ORDER BY code LIMIT 1') ?? '';
    const home = db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1") ?? '';
    await call(core, 'records.save', { entity: 'grid', mode: 'create', values: { code: `${community}951`, name: '临时网格', communityCode: community, kind: '城市社区网格' } });
    const idNumber = composeIdNumber('150102', '1981-03-03', 41);
    await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber, name: '搬走的', gridCode: `${community}951` } });
    const moved = await call(core, 'records.save', { entity: 'resident', mode: 'update', key: idNumber, values: { gridCode: home } });
    await call(core, 'records.remove', { entity: 'grid', key: `${community}951` });
    const seq = core.data.store().seq;
    const refused = await core.call('history.undo', { seq: moved.seq });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^无法撤销：之后新增或修改的记录仍引用这次修改中的记录/) });
    expect(core.data.store().seq).toBe(seq);
    expect(await call(core, 'records.get', { entity: 'resident', key: idNumber })).toMatchObject({ gridCode: home });
    await core.close();
  });
});
