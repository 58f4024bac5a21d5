import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { GridRecord, PackageExported, Progress, ResidentRecord } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { openCore } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { lastExchangeSeq } from '../../../src-main/core/exchange/packages/receive';
import { exportReport } from '../../../src-main/cli/commands/exportPackage';
import { makePackage, watermark } from '../../../src-main/core/exchange/packages/service';
import { readRecords } from '../../../src-main/core/exchange/records';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { entityNames } from '../../../src-main/dto/records';
import { entities, importOrder } from '../../../src-main/core/catalog/fields';
import { call, demoCore, fixedClock, resourcesDir, testCore } from '../../helpers/core';
import { filesUnder, tempDataDir } from '../../helpers/storage';
import { checkUpload } from '../../cityPlatform/server';
import { craftPackage, unpack, upload } from './packages';

const cores: CoreRuntime[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});
const keep = (core: CoreRuntime): CoreRuntime => (cores.push(core), core);

const streetOf = (core: CoreRuntime) => core.data.store().db.get<{ code: string; name: string }>('SELECT code, name FROM street') ?? { code: '', name: '' };
const bytesOf = (made: PackageExported): Uint8Array => Buffer.from(made.contentBase64 ?? '', 'base64');
/** A resident who holds no other role, so a change to them touches one record. */
const firstResident = (core: CoreRuntime, offset = 0): string =>
  core.data.store().db.value<string>(
    `SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id
     WHERE NOT EXISTS (SELECT 1 FROM party_member m WHERE m.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM staff_assignment s WHERE s.person_id = p.id)
     ORDER BY r.id LIMIT 1 OFFSET ?`,
    [offset],
  ) ?? '';
const resident = async (core: CoreRuntime, key: string) => (await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord;
const everything = (core: CoreRuntime) =>
  Object.fromEntries(entityNames.map((e) => [e, new Map(readRecords(core.data.store().db, e).map((r) => [r.key, r.record]))]));

describe('exchange packages: export', () => {
  it('writes a full package per SPEC §3 (manifest, counts, sha256, file name) that rebuilds every record in an empty database', async () => {
    const core = keep(await demoCore());
    const made = await call(core, 'exchange.exportPackage', { since: 'full' });
    const street = streetOf(core);
    expect(made.fileName).toMatch(new RegExp(`^${street.code}_20261121T093000_001\\.zip$`));
    expect(made.since).toBeNull();
    const { manifest, lines } = unpack(bytesOf(made));
    expect(manifest).toMatchObject({ spec: 'city-exchange/1', packageId: made.packageId, direction: 'up', streetCode: street.code, createdAt: '2026-11-21T09:30:00+08:00', since: null, until: '2026-11-21T09:30:00+08:00', source: { app: '街道指挥中心', version: '0.0.0-test' } });
    const files = Object.keys(unpack(bytesOf(made)).lines);
    expect(manifest.files.map((f) => f.name)).toEqual(files.map((e) => `${e}.ndjson`));
    for (const f of manifest.files) {
      expect(f.records).toBe(lines[f.entity]?.length);
      expect(f.records).toBe(readRecords(core.data.store().db, f.entity).length);
    }
    expect(lines.resident?.[0]).toMatchObject({ op: 'upsert', key: expect.stringMatching(/^\d{17}[\dX]$/), updatedAt: expect.stringMatching(/\+08:00$/) });
    expect(Object.keys(lines.staff?.[0] ?? {})).toEqual(['op', 'key', 'updatedAt', 'data']);
    expect(lines.staff?.[0]?.key).toMatch(/^\d{17}[\dX]\|.+\|\d{12,19}$/);

    const empty = keep(await testCore());
    await call(empty, 'setup.createEmpty', street);
    const applied = await call(empty, 'exchange.receivePackage', upload({ fileName: made.fileName, bytes: bytesOf(made) }));
    expect(applied).toMatchObject({ status: 'applied', origin: 'community', deleted: 0, updated: 0, unchanged: 0 });
    expect(everything(empty)).toEqual(everything(core));
    expect(applied.inserted).toBe(Object.values(made.counts).reduce((n, c) => n + (c ?? 0), 0));
  });

  it('reports each kind of record as it packs them, and the end', async () => {
    const core = keep(await demoCore());
    const events: Progress[] = [];
    const off = core.subscribe((event) => {
      if (event.name === 'progress' && event.payload.taskId === 'pack') events.push(event.payload);
    });
    await call(core, 'exchange.exportPackage', { since: 'full', taskId: 'pack' });
    off();
    expect(events.map((e) => e.label)).toEqual([...importOrder.map((entity) => `正在打包：${entities[entity].label}`), '数据交换包已生成']);
    expect(events.slice(0, -1).every((e) => !e.finished && e.cancellable === false)).toBe(true);
    expect(events.at(-1)?.finished).toBe(true);
  });

  it('exports increments since the last delivered package, with tombstones, and moves the watermark only on delivery', async () => {
    const core = keep(await demoCore());
    const folder = tempDataDir('scc-usb-');
    const full = await call(core, 'exchange.exportPackage', { since: 'last', folder, download: false });
    expect(full.since).toBeNull();
    expect(full.contentBase64).toBeNull();
    expect(readdirSync(folder)).toEqual([full.fileName]);
    expect(createHash('sha256').update(readFileSync(join(folder, full.fileName))).digest('hex')).toBe(full.sha256);

    const nothing = await call(core, 'exchange.exportPackage', { since: 'last', folder });
    expect(nothing.since).toBe(full.until);
    expect(nothing.records).toBe(0);
    expect(nothing.fileName).toMatch(/_002\.zip$/);

    const edited = firstResident(core);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: edited, values: { phone: '13700001111', tags: ['独居老人', '残疾人'] } });
    const gone = firstResident(core, 5);
    await call(core, 'records.remove', { entity: 'resident', key: gone });
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    const added = composeIdNumber('150102', '1991-01-01', 31);
    await call(core, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: added, name: '新来的', gridCode: grid } });

    const downloaded = await call(core, 'exchange.exportPackage', { since: 'last' });
    const { lines } = unpack(bytesOf(downloaded));
    expect(Object.keys(lines)).toEqual(['resident']);
    const byKey = new Map(lines.resident?.map((l) => [l.key, l]));
    expect(byKey.get(edited)).toMatchObject({ op: 'upsert', data: { phone: '13700001111', tags: ['残疾人', '独居老人'] } });
    expect(byKey.get(gone)).toEqual({ op: 'delete', key: gone, updatedAt: '2026-11-21T09:30:00+08:00' });
    expect(byKey.get(added)).toMatchObject({ op: 'upsert', data: { name: '新来的' } });
    expect(byKey.size).toBe(3);
    // Not delivered yet: the next increment repeats these changes.
    const again = await call(core, 'exchange.exportPackage', { since: 'last' });
    expect(again.since).toBe(full.until);
    expect(again.records).toBe(3);
    await call(core, 'exchange.acknowledgePackage', { packageId: again.packageId });
    const after = await call(core, 'exchange.exportPackage', { since: 'last' });
    expect(after.records).toBe(0);
    const listed = await call(core, 'exchange.packages', {});
    expect(listed.map((p) => p.status)).toEqual(['created', 'acknowledged', 'created', 'acknowledged', 'acknowledged']);
  });
});

describe('exchange packages: increments keep a replica equal', () => {
  it('carries every kind of change (roles of a person, a corrected ID number, tags, departments, deletes) so a replica ends up identical', async () => {
    const origin = keep(await demoCore());
    const replica = keep(await demoCore());
    await call(origin, 'exchange.exportPackage', { since: 'full', folder: tempDataDir('scc-usb-') });
    const db = origin.data.store().db;
    const member = db.get<{ id: string }>(
      'SELECT p.id_number AS id FROM party_member m JOIN person p ON p.id = m.person_id JOIN staff_assignment s ON s.person_id = p.id JOIN resident r ON r.person_id = p.id LIMIT 1',
    );
    if (!member) throw new Error('demo street has a member who is a resident and on the work force');
    await call(origin, 'records.save', { entity: 'partyMember', mode: 'update', key: member.id, values: { phone: '13811110000', status: '流动' } });
    const renumbered = firstResident(origin, 7);
    const corrected = composeIdNumber(renumbered.slice(0, 6), `${renumbered.slice(6, 10)}-${renumbered.slice(10, 12)}-${renumbered.slice(12, 14)}`, 997);
    await call(origin, 'records.save', { entity: 'resident', mode: 'update', key: renumbered, values: { idNumber: corrected } });
    await call(origin, 'records.save', { entity: 'resident', mode: 'update', key: firstResident(origin, 8), values: { tags: ['退役军人'] } });
    await call(origin, 'records.remove', { entity: 'resident', key: firstResident(origin, 9) });
    const event = db.get<{ code: string }>('SELECT code FROM event ORDER BY id LIMIT 1');
    await call(origin, 'records.save', { entity: 'event', mode: 'update', key: event?.code ?? '', values: { departments: ['新的承办部门', '城管执法中队'], status: '已反馈' } });
    const staff = db.get<{ id: string; name: string }>('SELECT id_number AS id, name FROM person WHERE id NOT IN (SELECT person_id FROM staff_assignment) LIMIT 1');
    const grid = db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    await call(origin, 'records.save', { entity: 'staff', mode: 'create', values: { idNumber: staff?.id, name: staff?.name, role: '兼职网格员', scopeCode: grid, since: '2026-01-01' } });

    const increment = await call(origin, 'exchange.exportPackage', { since: 'last' });
    const { lines } = unpack(bytesOf(increment));
    expect(lines.resident?.find((l) => l.key === renumbered)?.op).toBe('delete');
    expect(lines.resident?.find((l) => l.key === corrected)?.op).toBe('upsert');
    expect(lines.staff?.some((l) => l.key.startsWith(`${member.id}|`))).toBe(true);
    const applied = await call(replica, 'exchange.receivePackage', upload({ fileName: increment.fileName, bytes: bytesOf(increment) }));
    expect(applied.status).toBe('applied');
    expect(everything(replica)).toEqual(everything(origin));
  });
});

describe('exchange packages: receiving', () => {
  async function street() {
    const core = keep(await demoCore());
    const code = streetOf(core).code;
    const key = firstResident(core);
    const record = await resident(core, key);
    return { core, code, key, record };
  }
  const upsert = (key: string, data: object) => ({ op: 'upsert' as const, key, updatedAt: '2026-11-21T17:00:00+08:00', data: data as Record<string, unknown> });

  it('refuses a package whose files differ from its manifest, or that belongs to another street, whole and with the reason', async () => {
    const { core, code, key, record } = await street();
    const lines = { resident: [upsert(key, { ...record, phone: '13911112222' })] };
    const before = core.data.store().seq;
    const refused = async (p: ReturnType<typeof craftPackage>) => {
      const result = await core.call('exchange.receivePackage', upload(p));
      expect(result.ok).toBe(false);
      return result.ok ? null : result.error;
    };
    const badSha = craftPackage({ streetCode: code, lines, tamper: (files) => (files['resident.ndjson'] = new TextEncoder().encode(`${new TextDecoder().decode(files['resident.ndjson'])} `)) });
    expect(await refused(badSha)).toMatchObject({ message: expect.stringMatching(/未通过校验/), problems: [{ field: 'resident.ndjson:sha256', reason: 'checksum' }] });
    const badCount = craftPackage({ streetCode: code, lines, tamper: (_f, m) => void ((m.files[0] as { records: number }).records = 2) });
    expect((await refused(badCount))?.problems?.[0]?.message).toBe('文件 resident.ndjson 有 1 条记录，manifest.json 声明 2 条。');
    const extra = craftPackage({ streetCode: code, lines, tamper: (files) => void (files['event.ndjson'] = new Uint8Array()) });
    expect((await refused(extra))?.problems?.[0]?.message).toMatch(/event\.ndjson 未在 manifest\.json 中列出/);
    expect((await refused(craftPackage({ streetCode: '150102999', lines })))?.message).toMatch(/不是本街道/);
    const invalid = craftPackage({ streetCode: code, lines: { resident: [upsert(key, { ...record, phone: '13911112222' }), upsert(composeIdNumber('150102', '1990-01-01', 41), { ...record, idNumber: composeIdNumber('150102', '1990-01-01', 41), gridCode: '150102003999999' })] } });
    const error = await refused(invalid);
    expect(error?.message).toMatch(/1 条记录未通过校验，整个包未导入/);
    expect(error?.problems?.[0]).toMatchObject({ field: 'resident.ndjson:gridCode', reason: 'reference', row: 2 });
    expect(core.data.store().seq).toBe(before);
    expect((await resident(core, key)).phone).toBe(record.phone);
  });

  it('applies a package whole, once per packageId, deletes by tombstone, and refuses a delete that would orphan records', async () => {
    const { core, code, key, record } = await street();
    const other = firstResident(core, 3);
    const p = craftPackage({ streetCode: code, lines: { resident: [upsert(key, { ...record, phone: '13911112222' }), { op: 'delete', key: other, updatedAt: '2026-11-21T17:00:00+08:00' }] } });
    const first = await call(core, 'exchange.receivePackage', upload(p));
    expect(first).toMatchObject({ status: 'applied', origin: 'city', updated: 1, deleted: 1 });
    expect((await resident(core, key)).phone).toBe('13911112222');
    expect((await core.call('records.get', { entity: 'resident', key: other })).ok).toBe(false);
    const seq = core.data.store().seq;
    expect(await call(core, 'exchange.receivePackage', upload(p))).toMatchObject({ status: 'already-applied', message: '该数据交换包已经导入过（按 packageId），本次未作任何改动。' });
    expect(core.data.store().seq).toBe(seq);

    const grid = core.data.store().db.value<string>('SELECT g.code FROM grid g JOIN resident r ON r.grid_id = g.id LIMIT 1') ?? '';
    const blocked = await core.call('exchange.receivePackage', upload(craftPackage({ streetCode: code, lines: { grid: [{ op: 'delete', key: grid, updatedAt: '2026-11-21T17:00:00+08:00' }] } })));
    expect(blocked.ok ? null : blocked.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/仍被其他记录引用，整个包未导入/) });
    expect(core.data.store().seq).toBe(seq);
  });

  it('holds a package that changes a record also changed here until a person decides field by field, then applies it', async () => {
    const { core, code, key, record } = await street();
    const untouched = firstResident(core, 1);
    const untouchedRecord = await resident(core, untouched);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13700000001', address: '本地改的地址' } });
    const p = craftPackage({
      streetCode: code,
      lines: { resident: [upsert(key, { ...record, phone: '13900000009', address: '市里改的地址', name: '市里改名' }), upsert(untouched, { ...untouchedRecord, phone: '13600000006' })] },
    });
    const seq = core.data.store().seq;
    const held = await call(core, 'exchange.receivePackage', upload(p));
    expect(held.status).toBe('conflict');
    expect((await resident(core, untouched)).phone).toBe(untouchedRecord.phone);
    expect(held.conflicts).toHaveLength(1);
    const conflict = held.conflicts[0];
    expect(conflict).toMatchObject({ entity: 'resident', key, decided: false, deleted: null });
    expect(conflict?.fields.map((f) => [f.header, f.local, f.remote])).toEqual([
      ['姓名', record.name, '市里改名'],
      ['联系电话', '13700000001', '13900000009'],
      ['现住址', '本地改的地址', '市里改的地址'],
    ]);
    expect(core.data.store().db.value("SELECT count(*) FROM audit_log WHERE seq > ? AND entity NOT LIKE 'exchange%'", [seq])).toBe(0);

    const undecided = await call(core, 'exchange.applyPending', { packageId: p.packageId });
    expect(undecided.status).toBe('conflict');
    await call(core, 'exchange.decideConflict', { id: conflict?.id ?? 0, choice: { phone: 'local', address: 'remote' } });
    expect((await call(core, 'exchange.conflicts', {}))[0]?.decided).toBe(false);
    await call(core, 'exchange.decideConflict', { id: conflict?.id ?? 0, choice: { name: 'remote' } });
    const applied = await call(core, 'exchange.applyPending', { packageId: p.packageId });
    expect(applied).toMatchObject({ status: 'applied', updated: 2 });
    expect(await resident(core, key)).toMatchObject({ name: '市里改名', phone: '13700000001', address: '市里改的地址' });
    expect((await resident(core, untouched)).phone).toBe('13600000006');
    expect(await call(core, 'exchange.conflicts', {})).toEqual([]);
    // After this exchange the earlier local edit is no longer "since the last exchange".
    const later = craftPackage({ streetCode: code, lines: { resident: [upsert(key, { ...(await resident(core, key)), ethnicity: '回族' })] } });
    expect((await call(core, 'exchange.receivePackage', upload(later))).status).toBe('applied');
  });

  it('refuses a record a person’s choices put together from both sides when it breaks a rule, and writes nothing', async () => {
    const { core, code } = await street();
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    const record = (await call(core, 'records.get', { entity: 'grid', key: grid })) as GridRecord;
    await call(core, 'records.save', { entity: 'grid', mode: 'update', key: grid, values: { kind: '专属网格', dedicatedKind: '医院' } });
    const p = craftPackage({ streetCode: code, lines: { grid: [upsert(grid, { ...record, name: `${record.name}（市）` })] } });
    const held = await call(core, 'exchange.receivePackage', upload(p));
    const id = held.conflicts[0]?.id ?? 0;
    expect(held.conflicts[0]?.fields.map((f) => f.field)).toEqual(['name', 'kind', 'dedicatedKind']);
    // 综合网格 from the city with the local 专属网格类别: a combination neither side has.
    await call(core, 'exchange.decideConflict', { id, choice: { name: 'remote', kind: 'remote', dedicatedKind: 'local' } });
    const seq = core.data.store().seq;
    const refused = await core.call('exchange.applyPending', { packageId: p.packageId });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'VALIDATION', message: '所选的本地值与数据包中的值组合后不符合规则，请调整选择。' });
    expect(core.data.store().seq).toBe(seq);
    await call(core, 'exchange.decideConflict', { id, choice: { dedicatedKind: 'remote' } });
    expect(await call(core, 'exchange.applyPending', { packageId: p.packageId })).toMatchObject({ status: 'applied', updated: 1 });
    expect(await call(core, 'records.get', { entity: 'grid', key: grid })).toMatchObject({ name: `${record.name}（市）`, kind: record.kind, dedicatedKind: null });
  });

  it('reports its progress with counts; a cancel while the records are checked changes nothing, and once the write has begun none is accepted', async () => {
    const source = keep(await demoCore());
    const made = await call(source, 'exchange.exportPackage', { since: 'full' });
    const records = Object.values(made.counts).reduce((n, c) => n + (c ?? 0), 0);
    const empty = keep(await testCore());
    await call(empty, 'setup.createEmpty', streetOf(source));
    const events: Progress[] = [];
    let cancelOn = '正在校验数据包中的记录';
    let cancelled: Promise<unknown> | null = null;
    const off = empty.subscribe((event) => {
      if (event.name !== 'progress' || event.payload.taskId !== 'pkg') return;
      events.push(event.payload);
      if (event.payload.label === cancelOn && !cancelled) cancelled = empty.call('exchange.cancel', { taskId: 'pkg' });
    });
    const receive = () => empty.call('exchange.receivePackage', { ...upload({ fileName: made.fileName, bytes: bytesOf(made) }), taskId: 'pkg' });
    const seq = empty.data.store().seq;
    const stopped = await receive();
    expect(stopped.ok ? null : stopped.error.message).toBe('已取消导入数据交换包，数据库未作任何改动。');
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(empty.data.store().seq).toBe(seq);
    expect(events.at(-1)?.finished).toBe(true);

    events.length = 0;
    cancelled = null;
    cancelOn = '正在写入数据库';
    expect(await receive()).toMatchObject({ ok: true, value: { status: 'applied', inserted: records } });
    off();
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: false } });
    expect(everything(empty)).toEqual(everything(source));
    expect([...new Set(events.map((e) => e.label))]).toEqual(['正在核对数据包的文件、记录数和 sha256', '正在校验数据包中的记录', '正在写入数据库', '数据交换包处理完毕']);
    const checking = events.filter((e) => e.label === '正在校验数据包中的记录');
    expect(checking.map((e) => [e.total, e.cancellable])).toEqual(checking.map(() => [records, true]));
    expect(checking.map((e) => e.done)).toEqual(checking.map((_e, i) => i * 2000));
    const writing = events.filter((e) => e.label === '正在写入数据库');
    expect(writing.every((e) => e.total === records && e.cancellable === false)).toBe(true);
    expect(writing.map((e) => e.done)).toEqual([...writing.map((e) => e.done)].sort((a, b) => a - b));
    expect(writing.at(-1)?.done).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ finished: true, label: '数据交换包处理完毕' });
  });

  it('applies a package that arrives twice at once (by hand and by sync) once: the second finds the first’s write after its checks', async () => {
    const source = keep(await demoCore());
    const made = await call(source, 'exchange.exportPackage', { since: 'full' });
    const empty = keep(await testCore());
    await call(empty, 'setup.createEmpty', streetOf(source));
    const file = upload({ fileName: made.fileName, bytes: bytesOf(made) });
    const outcomes = await Promise.all([call(empty, 'exchange.receivePackage', file), call(empty, 'exchange.receivePackage', file)]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'already-applied']);
    expect(everything(empty)).toEqual(everything(source));
  });

  it('merges a community workstation’s package into the street the same way', async () => {
    const streetCore = keep(await demoCore());
    const community = keep(await demoCore());
    const key = firstResident(community, 2);
    await call(community, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13512345678' } });
    const grid = community.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    const newcomer = composeIdNumber('150102', '1985-05-05', 51);
    await call(community, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: newcomer, name: '社区新登记', gridCode: grid } });
    const made = await call(community, 'exchange.exportPackage', { since: 'full' });
    const merged = await call(streetCore, 'exchange.receivePackage', upload({ fileName: made.fileName, bytes: bytesOf(made) }));
    expect(merged).toMatchObject({ status: 'applied', origin: 'community', inserted: 1, updated: 1, deleted: 0 });
    expect((await resident(streetCore, key)).phone).toBe('13512345678');
    expect(everything(streetCore)).toEqual(everything(community));
    const foreign = craftPackage({ streetCode: streetOf(streetCore).code, direction: 'up', app: '别的软件', lines: {} });
    const refused = await streetCore.call('exchange.receivePackage', upload(foreign));
    expect(refused.ok ? null : refused.error.message).toMatch(/不是本程序的社区工作站/);
  });

  it('keeps packages waiting for a decision sealed in the data directory when encryption is on', async () => {
    const dataDir = tempDataDir('scc-inbox-');
    const core = keep(await openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock }));
    core.data.create((db) => generateStreet(db, { size: 'tiny', seed: 7, now: core.now() }));
    const key = firstResident(core);
    // Queued before encryption is turned on: sealed when it is.
    await call(core, 'exchange.exportPackage', { since: 'full', download: false, outbox: true });
    await call(core, 'storage.enableEncryption', { passphrase: 'correct horse battery' });
    const record = await resident(core, key);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13700000001' } });
    const held = await call(core, 'exchange.receivePackage', upload(craftPackage({ streetCode: streetOf(core).code, lines: { resident: [upsert(key, { ...record, phone: '13900000009' })] } })));
    expect(held.status).toBe('conflict');
    const kept = filesUnder(join(dataDir, 'exchange')).filter((f) => f.endsWith('.zip'));
    expect(kept.map((f) => f.split('/').at(-2))).toEqual(expect.arrayContaining(['inbox', 'outbox']));
    for (const file of kept) {
      const stored = readFileSync(file);
      expect(stored.subarray(0, 8).toString()).toBe('SCCENC01');
      expect(stored.includes(Buffer.from(key))).toBe(false);
    }
    expect(filesUnder(join(dataDir, 'exchange')).filter((f) => !f.endsWith('.zip'))).toEqual([]);
  });
});

describe('exchange packages: an export over the size limit is split into parts', () => {
  const LIMIT = 64 * 1024;
  const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
  const records = (core: CoreRuntime) => Object.fromEntries(entityNames.map((e) => [e, readRecords(core.data.store().db, e).length]));
  const applyInOrder = async (target: CoreRuntime, parts: readonly { fileName: string; bytes: Uint8Array }[]) => {
    const outcomes = [];
    for (const part of parts) outcomes.push(await call(target, 'exchange.receivePackage', upload(part)));
    return outcomes;
  };

  it('splits only when the zip would be larger than the limit', async () => {
    const core = keep(await demoCore());
    const whole = makePackage(core.context(), { incremental: false });
    expect(whole.parts).toHaveLength(1);
    const size = whole.parts[0]?.bytes.length ?? 0;
    expect(size).toBeGreaterThan(2 * LIMIT);
    // A package's size varies by a byte or two with its random packageId in the manifest.
    const fits = makePackage(core.context(), { incremental: false, limitBytes: size + 16 });
    expect(fits.parts).toHaveLength(1);
    const under = makePackage(core.context(), { incremental: false, limitBytes: size - 16 });
    expect(under.parts.length).toBeGreaterThan(1);
    for (const part of under.parts) expect(part.bytes.length).toBeLessThan(size);
    // The handler's answer: the first part at the top, every part listed.
    const answer = await call(core, 'exchange.exportPackage', { since: 'full' });
    expect(answer.parts).toHaveLength(1);
    expect(answer.parts[0]).toMatchObject({ packageId: answer.packageId, fileName: answer.fileName, sha256: answer.sha256, records: answer.records, contentBase64: answer.contentBase64 });
  });

  it('has `scc export --package` print every part of a split export in order: file, where it went, counts, sha256', async () => {
    const core = keep(await demoCore());
    const folder = tempDataDir('scc-parts-');
    const made = makePackage(core.context(), { incremental: false, folder, outbox: true, limitBytes: LIMIT });
    expect(made.parts.length).toBeGreaterThan(1);
    const lines = exportReport(made);
    expect(lines[0]).toBe(`已导出全量数据交换包，超过市级平台单包上限，共 ${made.parts.length} 个分包（须按顺序全部送达）：`);
    expect(lines.slice(1)).toEqual(
      made.parts.flatMap((p) => [`  ${p.fileName} → ${join(folder, p.fileName)}、待发送队列`, expect.stringMatching(new RegExp(`；sha256 ${p.sha256}$`))]),
    );
    // The residents of all parts add up to the export's.
    const listed = lines.flatMap((l) => /实有人口 (\d+)/.exec(l)?.[1] ?? []).map(Number);
    expect(listed.reduce((a, b) => a + b, 0)).toBe(made.counts.resident);
    expect(readdirSync(folder).sort()).toEqual(made.parts.map((p) => p.fileName).sort());
  });

  it('makes every part a complete package of its own, no larger than the limit, with consecutive file numbers, that applied in order rebuild every record in an empty database', async () => {
    const core = keep(await demoCore());
    const street = streetOf(core);
    const made = makePackage(core.context(), { incremental: false, limitBytes: LIMIT });
    const { parts } = made;
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parts.map((p) => p.packageId)).size).toBe(parts.length);
    expect(parts.map((p) => p.fileName)).toEqual(parts.map((_p, i) => `${street.code}_20261121T093000_${String(i + 1).padStart(3, '0')}.zip`));
    const seen = new Map<string, Set<string>>();
    for (const part of parts) {
      expect(part.bytes.length).toBeLessThanOrEqual(LIMIT);
      expect(part.sha256).toBe(sha(part.bytes));
      // The strict platform double's own SPEC §3 checks: manifest, file sha256s, counts, lines.
      expect(checkUpload(Buffer.from(part.bytes), part.packageId, street.code)).toEqual([]);
      const files = unzipSync(part.bytes);
      const { manifest, lines } = unpack(part.bytes);
      expect(manifest).toMatchObject({ packageId: part.packageId, since: null, until: '2026-11-21T09:30:00+08:00', createdAt: '2026-11-21T09:30:00+08:00', direction: 'up', streetCode: street.code });
      expect(Object.keys(files).sort()).toEqual(['manifest.json', ...manifest.files.map((f) => f.name)].sort());
      for (const f of manifest.files) {
        expect(f.sha256).toBe(sha(files[f.name] ?? new Uint8Array()));
        expect(f.records).toBe(lines[f.entity]?.length);
        expect(part.counts[f.entity]).toBe(f.records);
        const keys = seen.get(f.entity) ?? new Set<string>();
        for (const l of lines[f.entity] ?? []) {
          expect(keys.has(l.key)).toBe(false);
          keys.add(l.key);
        }
        seen.set(f.entity, keys);
      }
    }
    // Residents continue from one part into the next.
    expect(parts.filter((p) => (p.counts.resident ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
    expect(made.counts).toEqual(records(core));
    for (const entity of entityNames) expect(seen.get(entity)?.size ?? 0).toBe(records(core)[entity]);

    const empty = keep(await testCore());
    await call(empty, 'setup.createEmpty', street);
    const outcomes = await applyInOrder(empty, parts);
    expect(outcomes.map((o) => o.status)).toEqual(parts.map(() => 'applied'));
    expect(outcomes.map((o) => o.inserted)).toEqual(parts.map((p) => Object.values(p.counts).reduce((n, c) => n + (c ?? 0), 0)));
    expect(everything(empty)).toEqual(everything(core));
  });

  it('splits an increment with tombstones so that its parts, applied in order, leave a replica identical (members before their organisation, upserts before deletes)', async () => {
    const origin = keep(await demoCore());
    const replica = keep(await demoCore());
    makePackage(origin.context(), { incremental: true, folder: tempDataDir('scc-usb-') });
    const db = origin.data.store().db;
    const grid = db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' LIMIT 1") ?? '';
    for (let i = 0; i < 300; i++) await call(origin, 'records.save', { entity: 'resident', mode: 'update', key: firstResident(origin, i + 20), values: { phone: `1370000${String(i).padStart(4, '0')}` } });
    for (let i = 0; i < 3; i++) await call(origin, 'records.remove', { entity: 'resident', key: firstResident(origin, 400) });
    await call(origin, 'records.save', { entity: 'resident', mode: 'create', values: { idNumber: composeIdNumber('150102', '1991-01-01', 31), name: '新来的', gridCode: grid } });
    // An organisation without sub-organisations or work-force roles, removed with its members.
    const org = db.value<string>(
      `SELECT o.code FROM party_org o WHERE NOT EXISTS (SELECT 1 FROM party_org c WHERE c.parent_id = o.id) AND EXISTS (SELECT 1 FROM party_member m WHERE m.org_id = o.id)
       ORDER BY o.id DESC LIMIT 1`,
    );
    if (!org) throw new Error('demo street has a branch with members');
    const members = db.all<{ id: string }>('SELECT p.id_number AS id FROM party_member m JOIN person p ON p.id = m.person_id JOIN party_org o ON o.id = m.org_id WHERE o.code = ?', [org]);
    for (const m of members) await call(origin, 'records.remove', { entity: 'partyMember', key: m.id });
    await call(origin, 'records.remove', { entity: 'partyOrg', key: org });

    const made = makePackage(origin.context(), { incremental: true, limitBytes: 6 * 1024 });
    expect(made.parts.length).toBeGreaterThanOrEqual(2);
    for (const part of made.parts) expect(part.bytes.length).toBeLessThanOrEqual(6 * 1024);
    const lines = made.parts.map((p) => unpack(p.bytes).lines);
    const partOf = (entity: string, key: string) => lines.findIndex((l) => l[entity]?.some((x) => x.key === key));
    expect(made.parts.every((p) => p.manifest.since === made.since)).toBe(true);
    expect(partOf('partyOrg', org)).toBeGreaterThanOrEqual(Math.max(...members.map((m) => partOf('partyMember', m.id))));
    expect(lines.flatMap((l) => l.partyOrg ?? []).find((l) => l.key === org)?.op).toBe('delete');
    expect(made.counts.resident).toBe(304);

    const outcomes = await applyInOrder(replica, made.parts);
    expect(outcomes.map((o) => o.status)).toEqual(made.parts.map(() => 'applied'));
    expect(everything(replica)).toEqual(everything(origin));
  });

  it('moves the watermark only when every part of the export was delivered', async () => {
    const core = keep(await demoCore());
    const ctx = core.context();
    const split = makePackage(ctx, { incremental: true, limitBytes: LIMIT });
    expect(split.parts.length).toBeGreaterThanOrEqual(3);
    const key = firstResident(core);
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13700002222' } });
    for (const part of split.parts.slice(0, -1)) {
      await call(core, 'exchange.acknowledgePackage', { packageId: part.packageId });
      expect(watermark(ctx)).toBeNull();
      expect(lastExchangeSeq(core.data.store().db)).toBe(0);
    }
    // An increment while a part is undelivered repeats the whole export.
    const meanwhile = await call(core, 'exchange.exportPackage', { since: 'last', download: false });
    expect(meanwhile.since).toBeNull();
    expect(meanwhile.parts.reduce((n, p) => n + p.records, 0)).toBe(Object.values(records(core)).reduce((n, c) => n + c, 0));

    const last = split.parts.at(-1);
    await call(core, 'exchange.acknowledgePackage', { packageId: last?.packageId ?? '' });
    const rows = core.data.store().db.all<{ partOf: string }>("SELECT part_of AS partOf FROM exchange_package WHERE package_id IN (SELECT value FROM json_each(?))", [JSON.stringify(split.parts.map((p) => p.packageId))]);
    expect(rows.map((r) => r.partOf)).toEqual(split.parts.map(() => split.parts[0]?.packageId));
    expect(watermark(ctx)).toMatchObject({ at: split.until, packageId: split.parts[0]?.packageId });
    const after = await call(core, 'exchange.exportPackage', { since: 'last' });
    expect(after.since).toBe(split.until);
    expect(after.parts).toHaveLength(1);
    expect(unpack(bytesOf(after)).lines.resident?.map((l) => l.key)).toEqual([key]);
  });

  it('keeps every part within the limit when records deflate far worse than those before them', async () => {
    const core = keep(await demoCore());
    // Descriptions of random characters among ordinary events: the ratio deflate achieved so far
    // underestimates them, so some parts come out too large at first and are cut again.
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const events = core.data.store().db.all<{ code: string }>('SELECT code FROM event ORDER BY code');
    for (const [i, e] of events.entries()) {
      if (i % 20 !== 5) continue;
      const description = Array.from({ length: 4000 }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 20000))).join('');
      await call(core, 'records.save', { entity: 'event', mode: 'update', key: e.code, values: { description } });
    }
    const made = makePackage(core.context(), { incremental: false, limitBytes: 32 * 1024 });
    for (const part of made.parts) expect(part.bytes.length).toBeLessThanOrEqual(32 * 1024);
    const empty = keep(await testCore());
    await call(empty, 'setup.createEmpty', streetOf(core));
    for (const part of made.parts) expect((await call(empty, 'exchange.receivePackage', upload(part))).status).toBe('applied');
    expect(everything(empty)).toEqual(everything(core));
  });

  it('refuses an export with a record that alone is larger than the limit, recording and queueing nothing', async () => {
    const core = keep(await demoCore());
    // A grid drawn with thousands of points: its one line deflates to more than 16 KiB.
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const ring = Array.from({ length: 4000 }, () => [111 + next(), 40 + next()]);
    const grid = core.data.store().db.value<string>('SELECT code FROM grid ORDER BY code LIMIT 1') ?? '';
    await call(core, 'records.save', { entity: 'grid', mode: 'update', key: grid, values: { boundary: JSON.stringify({ type: 'Polygon', coordinates: [[...ring, ring[0]]] }) } });
    expect(() => makePackage(core.context(), { incremental: false, outbox: true, limitBytes: 16 * 1024 })).toThrow(/无法再拆分.*超过市级平台 16 KiB 的上限/);
    expect(core.data.store().db.value('SELECT count(*) FROM exchange_package')).toBe(0);
    expect(core.data.store().db.value('SELECT count(*) FROM exchange_outbox')).toBe(0);
    // The same street under the real limit: one package.
    expect(makePackage(core.context(), { incremental: false }).parts).toHaveLength(1);
  });
});
