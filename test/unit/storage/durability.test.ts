import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readdirSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyStreet } from '../../../src-main/core/demo/generate';
import type { DataDirectory } from '../../../src-main/core/storage/dataDirectory';
import { AppError } from '../../../src-main/core/errors';
import { errno, faultyIo, openData, snapshotsIn, sqliteIntegrity, steppingNow, tempDataDir } from '../../helpers/storage';

const open: DataDirectory[] = [];
afterEach(() => {
  for (const data of open.splice(0)) data.close();
});

async function fresh(dir = tempDataDir(), extra: Parameters<typeof openData>[1] = {}): Promise<{ dir: string; data: DataDirectory }> {
  const data = await openData(dir, extra);
  open.push(data);
  if (data.state === 'empty') data.create((db) => createEmptyStreet(db, { code: '150102099', name: '测试街道' }, steppingNow()));
  return { dir, data };
}

async function reopen(dir: string, extra: Parameters<typeof openData>[1] = {}): Promise<DataDirectory> {
  const data = await openData(dir, extra);
  open.push(data);
  return data;
}

function close(data: DataDirectory): void {
  data.close();
  open.splice(open.indexOf(data), 1);
}

/** Lets go of the directory as a killed process would: no final snapshot, the journal as it is. */
function crash(data: DataDirectory): void {
  data.close({ snapshot: false });
  open.splice(open.indexOf(data), 1);
}

const addDepartment = (data: DataDirectory, n: number) =>
  data.store().write({ actor: '测试', action: 'test.add' }, (db) =>
    db.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', [`T${n}`, `测试部门${n}`, steppingNow()]),
  );

const departments = (data: DataDirectory): string[] =>
  data
    .store()
    .db.all<{ code: string }>('SELECT code FROM department ORDER BY id')
    .map((r) => r.code);

const journalOf = (dir: string): string => {
  const journals = readdirSync(join(dir, 'db')).filter((n) => n.endsWith('.journal')).sort();
  return join(dir, 'db', journals[journals.length - 1] ?? 'none');
};

describe('durable write path', () => {
  it('journals every acknowledged write and replays it after a crash without a snapshot', async () => {
    const { dir, data } = await fresh();
    for (let i = 1; i <= 5; i++) expect(addDepartment(data, i).seq).toBe(i);
    crash(data);
    expect(readdirSync(join(dir, 'db')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    const after = await reopen(dir);
    expect(departments(after)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    expect(after.store().seq).toBe(5);
  });

  it('makes room before a bulk write by reopening the database, which keeps auditing, journaling and replaying', async () => {
    const { dir, data } = await fresh();
    addDepartment(data, 1);
    const db = data.store().db;
    const room = db.capacity - db.fileBytes();
    expect(room).toBeGreaterThan(0);
    // More records than the room holds at 2 KB each: the database is opened again with room for them.
    const bulk = data.store().write({ actor: '测试', action: 'test.bulk', rows: Math.ceil(room / 2048) + 1 }, (w) => {
      for (let n = 2; n <= 4; n++) w.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', [`T${n}`, `测试部门${n}`, steppingNow()]);
    });
    expect(db.capacity - db.fileBytes()).toBeGreaterThan(room);
    const grown = db.capacity;
    // A write within the room opens nothing again.
    data.store().write({ actor: '测试', action: 'test.bulk', rows: 10 }, (w) =>
      w.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', ['T5', '测试部门5', steppingNow()]),
    );
    expect(db.capacity).toBe(grown);
    addDepartment(data, 6);
    expect(db.all('SELECT seq, count(*) AS n FROM audit_log WHERE entity = ? GROUP BY seq ORDER BY seq', ['department'])).toEqual([
      { seq: 1, n: 1 },
      { seq: bulk.seq, n: 3 },
      { seq: bulk.seq + 1, n: 1 },
      { seq: bulk.seq + 2, n: 1 },
    ]);
    crash(data);
    expect(departments(await reopen(dir))).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  });

  it('writes an audit row for every changed record: who, when, what, before and after', async () => {
    const { data } = await fresh();
    addDepartment(data, 1);
    data.store().write({ actor: '张三', action: 'department.rename' }, (db) => db.run("UPDATE department SET name = '改名部门' WHERE code = 'T1'"));
    data.store().write({ actor: '李四', action: 'department.remove' }, (db) => db.run("DELETE FROM department WHERE code = 'T1'"));
    const rows = data
      .store()
      .db.all<{ seq: number; actor: string; action: string; op: string; before: string | null; after: string | null }>(
        "SELECT seq, actor, action, op, before, after FROM audit_log WHERE entity = 'department' ORDER BY id",
      );
    expect(rows.map((r) => [r.seq, r.actor, r.action, r.op])).toEqual([
      [1, '测试', 'test.add', 'insert'],
      [2, '张三', 'department.rename', 'update'],
      [3, '李四', 'department.remove', 'delete'],
    ]);
    expect(JSON.parse(rows[1]?.before ?? '{}')).toMatchObject({ code: 'T1', name: '测试部门1' });
    expect(JSON.parse(rows[1]?.after ?? '{}')).toMatchObject({ code: 'T1', name: '改名部门' });
    expect(rows[2]?.after).toBeNull();
  });

  it('does not journal, audit or count a write that changed nothing', async () => {
    const { data } = await fresh();
    addDepartment(data, 1);
    const result = data.store().write({ actor: 'x', action: 'noop' }, (db) => db.run("UPDATE department SET name = name WHERE code = 'T1'"));
    expect(result.seq).toBe(1);
    expect(result.entities).toEqual([]);
    expect(data.store().info().journalEntries).toBe(1);
  });

  it('undoes the whole write when any statement of it fails', async () => {
    const { data } = await fresh();
    expect(() =>
      data.store().write({ actor: 'x', action: 'two' }, (db) => {
        db.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', ['A', '甲', 't']);
        db.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', ['A', '乙', 't']);
      }),
    ).toThrow(/UNIQUE/);
    expect(departments(data)).toEqual([]);
    expect(data.store().db.value('SELECT count(*) FROM audit_log')).toBe(0);
    expect(addDepartment(data, 1).seq).toBe(1);
  });

  it('takes a snapshot past the journal threshold and keeps only the newest generations', async () => {
    const { dir, data } = await fresh();
    data.store().configure({ keepGenerations: 3, snapshotAfterBytes: 2000 });
    for (let i = 1; i <= 60; i++) {
      addDepartment(data, i);
      if (data.store().snapshotDue) data.store().snapshot();
    }
    const files = readdirSync(join(dir, 'db'));
    expect(files.filter((f) => f.endsWith('.sqlite'))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.journal'))).toHaveLength(3);
    for (const file of snapshotsIn(dir)) expect(sqliteIntegrity(file)).toBe('ok');
    close(data);
    expect(departments(await reopen(dir))).toHaveLength(60);
  });

  it('drops a torn journal tail (an append that never finished) and keeps every acknowledged write', async () => {
    const { dir, data } = await fresh();
    for (let i = 1; i <= 4; i++) addDepartment(data, i);
    const journal = journalOf(dir);
    crash(data);
    // A crash mid-append: a frame header promising 500 bytes, then 9 of them.
    const torn = Buffer.alloc(17);
    torn.writeUInt32LE(500, 0);
    appendFileSync(journal, torn);

    const after = await reopen(dir);
    expect(departments(after)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(after.notes.map((n) => n.message).join()).toMatch(/未完成的写入/);
    expect(after.notes.every((n) => n.level !== 'error')).toBe(true);
    addDepartment(after, 5);
    close(after);
    expect(departments(await reopen(dir))).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
  });

  it('recovers from a corrupted newest snapshot through the previous generation and its journal', async () => {
    const { dir, data } = await fresh();
    for (let i = 1; i <= 3; i++) addDepartment(data, i);
    data.store().snapshot();
    for (let i = 4; i <= 6; i++) addDepartment(data, i);
    const newest = snapshotsIn(dir).sort().at(-1) ?? '';
    crash(data);
    // One flipped byte in the middle of the newest snapshot.
    const fd = openSync(newest, 'r+');
    writeSync(fd, Buffer.from([0xff]), 0, 1, 40_000);
    closeSync(fd);

    const after = await reopen(dir);
    expect(departments(after)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    const messages = after.notes.map((n) => n.message).join('\n');
    expect(messages).toMatch(/校验失败/);
    expect(messages).toMatch(/已从较早的快照 .* 恢复，并重放其后的 \d+ 次修改（至第 6 号）/);
    for (const file of snapshotsIn(dir)) if (file !== newest) expect(sqliteIntegrity(file)).toBe('ok');
  });

  it('reports, and keeps a copy of, a journal damaged in the middle; writes before the damage survive', async () => {
    const { dir, data } = await fresh();
    for (let i = 1; i <= 6; i++) addDepartment(data, i);
    const journal = journalOf(dir);
    crash(data);
    const bytes = readFileSync(journal);
    // Damage the payload of the 4th entry: find record boundaries by walking the frames.
    let offset = 0;
    const starts: number[] = [];
    while (offset < bytes.length) {
      starts.push(offset);
      offset += 8 + bytes.readUInt32LE(offset);
    }
    const fourth = starts[4] ?? 0; // [0] is the header
    bytes[fourth + 12] = (bytes[fourth + 12] ?? 0) ^ 0xff;
    writeFileSync(journal, bytes);

    const after = await reopen(dir);
    expect(departments(after)).toEqual(['T1', 'T2', 'T3']);
    expect(after.notes.some((n) => n.level === 'error' && /损坏/.test(n.message))).toBe(true);
    expect(readdirSync(join(dir, 'db')).some((f) => f.includes('.corrupt-'))).toBe(true);
  });

  it('refuses a write on a full disk, leaves memory and disk as they were, and takes the next write when space returns', async () => {
    let full = false;
    const io = faultyIo((op, path) => (full && op === 'write' && String(path).endsWith('.journal') ? errno('ENOSPC') : null));
    const { dir, data } = await fresh(tempDataDir(), { io });
    addDepartment(data, 1);
    full = true;
    let refused: unknown;
    try {
      addDepartment(data, 2);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('WRITE_FAILED');
    expect((refused as AppError).message).toMatch(/磁盘空间不足/);
    expect(departments(data)).toEqual(['T1']);
    expect(data.store().seq).toBe(1);

    full = false;
    expect(addDepartment(data, 3).seq).toBe(2);
    close(data);
    expect(departments(await reopen(dir))).toEqual(['T1', 'T3']);
  });

  it('on a device that is really full (/dev/full) refuses writes, keeps the data readable, and stops writing until restart', async () => {
    const io = faultyIo(() => null);
    const realOpen = io.open;
    let useDevFull = false;
    io.open = (path, flags) => realOpen(useDevFull && path.endsWith('.journal') && flags === 'a' ? '/dev/full' : path, flags);
    const { data } = await fresh(tempDataDir(), { io });
    addDepartment(data, 1);
    // Start a new generation whose journal the kernel refuses to grow.
    useDevFull = true;
    data.store().snapshot();
    expect(() => addDepartment(data, 2)).toThrow(/磁盘空间不足/);
    expect(departments(data)).toEqual(['T1']);
    // /dev/full cannot be truncated either: the store protects the journal by refusing writes.
    expect(() => addDepartment(data, 3)).toThrow(/停止保存修改/);
    expect(data.store().info().broken).toMatch(/停止保存修改/);
    expect(departments(data)).toEqual(['T1']);
  });

  it('refuses writes with a clear message when the data directory turns read-only', async () => {
    let readOnly = false;
    const io = faultyIo((op, path) => (readOnly && op === 'write' && String(path).endsWith('.journal') ? errno('EROFS') : null));
    const { data } = await fresh(tempDataDir(), { io });
    readOnly = true;
    expect(() => addDepartment(data, 1)).toThrow(/只读/);
    expect(departments(data)).toEqual([]);
  });

  it('keeps journal and snapshot consistent when a snapshot fails for lack of space', async () => {
    let full = false;
    const io = faultyIo((op, path) => (full && op === 'write' && String(path).includes('.sqlite') ? errno('ENOSPC') : null));
    const { dir, data } = await fresh(tempDataDir(), { io });
    addDepartment(data, 1);
    full = true;
    expect(() => data.store().snapshot()).toThrow(/磁盘空间不足/);
    expect(readdirSync(join(dir, 'db')).some((f) => f.endsWith('.tmp'))).toBe(false);
    full = false;
    addDepartment(data, 2);
    close(data);
    expect(departments(await reopen(dir))).toEqual(['T1', 'T2']);
  });

  it('lets only one process write a data directory, and takes over a lock left by a dead one', async () => {
    const { dir } = await fresh();
    await expect(openData(dir)).rejects.toMatchObject({ code: 'LOCKED' });
    close(open[0] as DataDirectory);
    // A lock whose process no longer exists (pid 2^22+ is beyond Linux's pid_max default).
    writeFileSync(join(dir, 'scc.lock'), JSON.stringify({ pid: 4_194_999, host: (await import('node:os')).hostname(), startedAt: 'x' }));
    const after = await reopen(dir);
    expect(after.state).toBe('ready');
    close(after);
    expect(existsSync(join(dir, 'scc.lock'))).toBe(false);
  });

  it('opens a data directory read-only for inspection without taking the lock', async () => {
    const { dir, data } = await fresh();
    addDepartment(data, 1);
    const inspect = await reopen(dir, { inspect: true });
    expect(departments(inspect)).toEqual(['T1']);
    expect(() => addDepartment(inspect, 2)).toThrow(/只读/);
  });

  it('starts as damaged, not crashed, when no generation can be read', async () => {
    const { dir, data } = await fresh();
    close(data);
    for (const file of snapshotsIn(dir)) truncateSync(file, 100);
    const after = await reopen(dir);
    expect(after.state).toBe('damaged');
    expect(() => after.store()).toThrow(/数据库无法打开/);
  });
});
