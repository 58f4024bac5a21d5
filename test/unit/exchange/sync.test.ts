import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Progress, ResidentRecord } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { createHash } from 'node:crypto';
import { exchangeFiles } from '../../../src-main/core/exchange/files';
import { makePackage, watermark } from '../../../src-main/core/exchange/packages/service';
import { queueUpload } from '../../../src-main/core/exchange/sync/outbox';
import { runSync } from '../../../src-main/core/exchange/sync/service';
import { BACKGROUND_SYNC_TASK, tick } from '../../../src-main/core/exchange/sync/background';
import { readState } from '../../../src-main/core/exchange/sync/state';
import { tasks } from '../../../src-main/core/exchange/tasks';
import { openCore } from '../../../src-main/core/core';
import { generateStreet } from '../../../src-main/core/demo/generate';
import { bundleForNode } from '../../helpers/bundle';
import { call, demoCore, fixedClock, repoRoot, resourcesDir } from '../../helpers/core';
import { tempDataDir } from '../../helpers/storage';
import { startCityServer, type CityServer } from '../../cityPlatform/server';
import { craftPackage } from './packages';

/** The HTTP sync against the strict platform double, with faults injected. */
const cores: CoreRuntime[] = [];
const servers: CityServer[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.close();
});

const fast = { policy: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 12 }, timeoutMs: 1500 };

async function setup(): Promise<{ core: CoreRuntime; server: CityServer }> {
  const core = await demoCore();
  cores.push(core);
  const streetCode = core.data.store().db.value<string>('SELECT code FROM street') ?? '';
  const server = await startCityServer({ streetCode });
  servers.push(server);
  await call(core, 'sync.configure', { cityUrl: server.url, token: server.token });
  return { core, server };
}

const residentKey = (core: CoreRuntime, offset: number): string =>
  core.data.store().db.value<string>('SELECT p.id_number FROM resident r JOIN person p ON p.id = r.person_id ORDER BY r.id LIMIT 1 OFFSET ?', [offset]) ?? '';

const upsert = (key: string, data: object) => ({ op: 'upsert' as const, key, updatedAt: '2026-11-21T17:00:00+08:00', data: data as Record<string, unknown> });

/** n packages in the outbox, each after an edit, so no two are alike. */
async function queue(core: CoreRuntime, n: number): Promise<{ packageId: string; sha256: string }[]> {
  const made = [];
  for (let i = 0; i < n; i++) {
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: residentKey(core, i), values: { phone: `1370000${String(i).padStart(4, '0')}` } });
    const p = await call(core, 'exchange.exportPackage', { since: i === 0 ? 'full' : 'last', download: false, outbox: true });
    made.push({ packageId: p.packageId, sha256: p.sha256 });
  }
  return made;
}

describe('sync: uploads through faults', () => {
  it('delivers every package exactly once, byte-identical and in order through 500s, 429/503 with Retry-After, dropped uploads, lost and slow answers', async () => {
    const { core, server } = await setup();
    const made = await queue(core, 5);
    // Faults are taken one per upload request in this order; `pass` lets a request through, so
    // every package meets trouble of its own.
    const pass = { route: 'upload' as const, kind: 'slow' as const, delayMs: 0 };
    server.faults.push(
      { route: 'upload', kind: 'status', status: 500 },
      { route: 'upload', kind: 'status', status: 429, retryAfter: '1' },
      pass,
      { route: 'upload', kind: 'drop' },
      pass,
      { route: 'upload', kind: 'lost-response' },
      pass,
      { route: 'upload', kind: 'status', status: 503, retryAfter: '1' },
      { route: 'upload', kind: 'slow', delayMs: 2500 },
      { route: 'upload', kind: 'status', status: 500 },
      pass,
      { route: 'upload', kind: 'drop' },
      { route: 'upload', kind: 'lost-response' },
    );
    const report = await runSync(core.context(), {}, fast);
    expect(report.lastError).toBeNull();
    expect(report.pending).toBe(0);
    expect(server.received.map((r) => r.packageId)).toEqual(made.map((m) => m.packageId));
    expect(server.received.map((r) => r.sha256)).toEqual(made.map((m) => m.sha256));
    expect(report.uploaded.map((u) => u.packageId)).toEqual(made.map((m) => m.packageId));
    // The lost answers and the slow one came back as retries, answered 200 for the same bytes.
    expect(server.duplicates).toHaveLength(3);
    expect(report.uploaded.filter((u) => u.duplicate).map((u) => u.packageId)).toEqual([made[2]?.packageId, made[3]?.packageId, made[4]?.packageId]);
    expect(server.faults).toEqual([]);
    // Retry-After was waited in full.
    const busy = server.log.filter((l) => l.route === 'upload' && (l.status === 429 || l.status === 503));
    for (const b of busy) {
      const next = server.log.find((l) => l.route === 'upload' && l.at > b.at);
      expect((next?.at ?? 0) - b.at).toBeGreaterThanOrEqual(950);
    }
    const packages = await call(core, 'exchange.packages', {});
    expect(packages.filter((p) => p.upload).every((p) => p.upload?.status === 'sent' && p.status === 'acknowledged')).toBe(true);
    // Nothing left to send: a second round sends nothing.
    const again = await runSync(core.context(), {}, fast);
    expect(again.uploaded).toEqual([]);
    expect(server.received).toHaveLength(5);
  }, 60_000);

  it('stops at a package that cannot get through (nothing overtakes it) and resumes in order at the next round', async () => {
    const { core, server } = await setup();
    const made = await queue(core, 3);
    server.faults.push(...Array.from({ length: 3 }, () => ({ route: 'upload' as const, kind: 'status' as const, status: 503 as const })));
    const first = await runSync(core.context(), {}, { ...fast, policy: { ...fast.policy, maxAttempts: 3 } });
    expect(first.uploaded).toEqual([]);
    expect(first.pending).toBe(3);
    expect(first.lastError).toMatch(/上传数据包未成功：市级平台繁忙（HTTP 503）/);
    expect((await call(core, 'sync.status', {})).lastError).toBe(first.lastError);
    const second = await runSync(core.context(), {}, fast);
    expect(second.pending).toBe(0);
    expect(server.received.map((r) => r.packageId)).toEqual(made.map((m) => m.packageId));
    const status = await call(core, 'sync.status', {});
    expect(status).toMatchObject({ pending: 0, lastError: null, tokenSet: true, cityUrl: server.url });
    expect(status.lastSuccessAt).not.toBeNull();
  });

  it('reports a wrong token without uploading, and keeps a package the platform refuses, with its reason', async () => {
    const { core, server } = await setup();
    await queue(core, 2);
    const denied = await runSync(core.context(), { token: 'wrong' }, fast);
    expect(denied.lastError).toMatch(/拒绝了访问令牌（HTTP 403）/);
    expect(denied.pending).toBe(2);
    expect(server.received).toEqual([]);

    // A package whose outbox file was damaged is never sent under its packageId with other bytes.
    const [first] = core.data.store().db.all<{ file: string }>("SELECT file FROM exchange_outbox WHERE status = 'pending' ORDER BY position");
    expect(first).toBeDefined();
    exchangeFiles.write(core.context(), 'outbox', first?.file ?? '', new TextEncoder().encode('not the same bytes'));
    const report = await runSync(core.context(), {}, fast);
    expect(report.refused).toMatchObject([{ reason: expect.stringMatching(/已损坏/) }]);
    expect(report.uploaded).toHaveLength(1);
    expect(server.received).toHaveLength(1);
    expect((await call(core, 'sync.status', {})).refused).toBe(1);
  });
});

describe('sync: what the platform refuses for good', () => {
  it('keeps a package refused with 400 (the platform’s errors named) or 409, and goes on with the next', async () => {
    const { core, server } = await setup();
    const ctx = core.context();
    const bad = craftPackage({ streetCode: server.streetCode, direction: 'up', lines: { event: [] }, tamper: (_f, m) => void ((m.files[0] as { sha256: string }).sha256 = '0'.repeat(64)) });
    const taken = craftPackage({ streetCode: server.streetCode, direction: 'up', lines: {} });
    const other = craftPackage({ streetCode: server.streetCode, direction: 'up', lines: {}, packageId: taken.packageId, createdAt: '2026-11-21T19:00:00+08:00' });
    // The platform already holds `taken` under the same packageId with other bytes.
    const first = await fetch(`${server.url}packages`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/zip', 'idempotency-key': other.packageId }, body: Buffer.from(other.bytes) });
    expect(first.status).toBe(201);
    const good = craftPackage({ streetCode: server.streetCode, direction: 'up', lines: {} });
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    ctx.write('test.queue', (w) => {
      for (const p of [bad, taken, good]) {
        w.run("INSERT INTO exchange_package (package_id, direction, origin, file_name, created_at, counts, sha256, bytes, status) VALUES (?, 'up', 'local', ?, ?, '{}', ?, ?, 'created')", [p.packageId, p.fileName, p.manifest.createdAt, sha(p.bytes), p.bytes.length]);
        queueUpload(ctx, w, { packageId: p.packageId, fileName: p.fileName, bytes: p.bytes, sha256: sha(p.bytes) });
      }
    });
    const report = await runSync(ctx, {}, fast);
    expect(report.refused.map((r) => r.packageId)).toEqual([bad.packageId, taken.packageId]);
    expect(report.refused[0]?.reason).toMatch(/HTTP 400.*event\.ndjson sha256 mismatch/);
    expect(report.refused[1]?.reason).toMatch(/HTTP 409/);
    expect(report.uploaded.map((u) => u.packageId)).toEqual([good.packageId]);
    const rows = await call(core, 'exchange.packages', {});
    expect(rows.find((r) => r.packageId === bad.packageId)?.upload).toMatchObject({ status: 'refused', error: expect.stringMatching(/HTTP 400/) });
  });
});

describe('sync: an export split into parts', () => {
  const LIMIT = 64 * 1024;

  /** A full export split at LIMIT into the outbox, and a platform double that refuses (413) anything over it. */
  async function splitExport(): Promise<{ core: CoreRuntime; server: CityServer; made: ReturnType<typeof makePackage>; ids: string[] }> {
    const core = await demoCore();
    cores.push(core);
    const streetCode = core.data.store().db.value<string>('SELECT code FROM street') ?? '';
    const server = await startCityServer({ streetCode, limitBytes: LIMIT });
    servers.push(server);
    await call(core, 'sync.configure', { cityUrl: server.url, token: server.token });
    const made = makePackage(core.context(), { incremental: true, outbox: true, limitBytes: LIMIT });
    expect(made.parts.length).toBeGreaterThanOrEqual(3);
    return { core, server, made, ids: made.parts.map((p) => p.packageId) };
  }

  it('uploads the parts in order, each exactly once, and moves the watermark only once the last is accepted', async () => {
    const { core, server, made, ids } = await splitExport();

    // The first part gets through, then the platform stays busy longer than the round waits.
    server.faults.push({ route: 'upload', kind: 'slow', delayMs: 0 }, ...Array.from({ length: 3 }, () => ({ route: 'upload' as const, kind: 'status' as const, status: 503 as const })));
    const first = await runSync(core.context(), {}, { ...fast, policy: { ...fast.policy, maxAttempts: 3 } });
    expect(first.uploaded.map((u) => u.packageId)).toEqual(ids.slice(0, 1));
    expect(first.pending).toBe(ids.length - 1);
    expect(watermark(core.context())).toBeNull();
    // An increment made now still starts from nothing delivered: the undelivered parts' records are in it.
    expect(makePackage(core.context(), { incremental: true }).since).toBeNull();

    const second = await runSync(core.context(), {}, fast);
    expect(second).toMatchObject({ lastError: null, pending: 0, refused: [] });
    expect(server.received.map((r) => [r.packageId, r.sha256])).toEqual(made.parts.map((p) => [p.packageId, p.sha256]));
    expect(server.duplicates).toEqual([]);
    expect(server.log.filter((l) => l.route === 'upload' && l.status === 413)).toEqual([]);
    expect(watermark(core.context())).toMatchObject({ at: made.until, packageId: ids[0] });
    expect(makePackage(core.context(), { incremental: true }).since).toBe(made.until);
  });

  it('sends no later part of an export once an earlier part is refused, and says why', async () => {
    const { core, server, ids } = await splitExport();
    // The second part's file is damaged in the outbox: it can never be sent as made.
    exchangeFiles.write(core.context(), 'outbox', `${ids[1]}.zip`, new Uint8Array([1, 2, 3]));

    const report = await runSync(core.context(), {}, fast);
    expect(report.uploaded.map((u) => u.packageId)).toEqual(ids.slice(0, 1));
    expect(report.refused.map((r) => r.packageId)).toEqual(ids.slice(1));
    expect(report.refused[0]?.reason).toMatch(/已损坏/);
    for (const later of report.refused.slice(1)) expect(later.reason).toBe(`同一次导出的前一部分（${ids[1]}）已被市级平台拒收，本部分不再单独上传，以免平台收到缺少前一部分的数据：请处理被拒收的部分后重新导出。`);
    expect(report.pending).toBe(0);
    expect(server.received.map((r) => r.packageId)).toEqual(ids.slice(0, 1));
    // The export was not delivered: the next increment carries everything again.
    expect(watermark(core.context())).toBeNull();

    // The export made again afterwards is not held back by the refused one, and delivers.
    const next = makePackage(core.context(), { incremental: true, outbox: true, limitBytes: LIMIT });
    const again = await runSync(core.context(), {}, fast);
    expect(again).toMatchObject({ refused: [], pending: 0, lastError: null });
    expect(again.uploaded.map((u) => u.packageId)).toEqual(next.parts.map((p) => p.packageId));
    expect(watermark(core.context())).toMatchObject({ at: next.until, packageId: next.parts[0]?.packageId });
  });

  it('keeps a package the platform finds too large (413) as refused, saying it cannot be split further', async () => {
    const { core, server } = await setup();
    const ctx = core.context();
    const big = craftPackage({ streetCode: server.streetCode, direction: 'up', lines: {} });
    const sha = createHash('sha256').update(big.bytes).digest('hex');
    ctx.write('test.queue', (w) => {
      w.run("INSERT INTO exchange_package (package_id, direction, origin, file_name, created_at, counts, sha256, bytes, status) VALUES (?, 'up', 'local', ?, ?, '{}', ?, ?, 'created')", [big.packageId, big.fileName, big.manifest.createdAt, sha, big.bytes.length]);
      queueUpload(ctx, w, { packageId: big.packageId, fileName: big.fileName, bytes: big.bytes, sha256: sha });
    });
    const small = await startCityServer({ streetCode: server.streetCode, limitBytes: 64 });
    servers.push(small);
    const report = await runSync(ctx, { url: small.url, token: small.token }, fast);
    expect(report.refused).toEqual([{ packageId: big.packageId, reason: expect.stringMatching(/HTTP 413.*无法再拆分/) }]);
    expect(small.received).toEqual([]);
  });
});

describe('sync: down packages', () => {

  it('pulls by cursor, applies each package once even when listed twice, acknowledges it, and the next round starts after the cursor', async () => {
    const { core, server } = await setup();
    const keys = [0, 1, 2, 3].map((i) => residentKey(core, i + 10));
    const offer = async (i: number) => {
      const record = (await call(core, 'records.get', { entity: 'resident', key: keys[i] ?? '' })) as ResidentRecord;
      const p = craftPackage({ streetCode: server.streetCode, lines: { resident: [upsert(record.idNumber, { ...record, phone: `1390000000${i}` })] } });
      server.offer(p.packageId, p.bytes);
      return p.packageId;
    };
    const ids = [await offer(0), await offer(1), await offer(2)];
    server.faults.push({ route: 'list', kind: 'duplicate' }, { route: 'get', kind: 'status', status: 500 }, { route: 'ack', kind: 'status', status: 429, retryAfter: '0' });
    const report = await runSync(core.context(), {}, fast);
    expect(report).toMatchObject({ lastError: null, applied: ids, pulled: ids });
    expect(server.acks).toEqual(ids);
    for (let i = 0; i < 3; i++) expect(((await call(core, 'records.get', { entity: 'resident', key: keys[i] ?? '' })) as ResidentRecord).phone).toBe(`1390000000${i}`);

    const fourth = await offer(3);
    const next = await runSync(core.context(), {}, fast);
    expect(next.pulled).toEqual([fourth]);
    expect(server.acks).toEqual([...ids, fourth]);
  });

  it('tells the task that runs it each upload and download, and how far a package received has got: cancellable but while the package is written', async () => {
    const { core, server } = await setup();
    await queue(core, 2);
    const record = (await call(core, 'records.get', { entity: 'resident', key: residentKey(core, 20) })) as ResidentRecord;
    const down = craftPackage({ streetCode: server.streetCode, lines: { resident: [upsert(record.idNumber, { ...record, phone: '13900000077' })] } });
    server.offer(down.packageId, down.bytes);
    const events: Progress[] = [];
    const off = core.subscribe((event) => {
      if (event.name === 'progress' && event.payload.taskId === 'round') events.push(event.payload);
    });
    const report = await call(core, 'sync.run', { taskId: 'round' });
    off();
    expect(report).toMatchObject({ lastError: null, uploaded: [expect.anything(), expect.anything()], applied: [down.packageId] });
    // Bytes as they move (a weak network's bar), rising to each package's whole size.
    const sizes = server.received.map((r) => r.bytes.length);
    const moved = (...labels: string[]) => events.filter((e) => e.unit === 'bytes' && labels.includes(e.label));
    for (const [labels, size] of [
      [['正在上传第 1/2 个数据包', '第 1/2 个数据包已发出，正在等待市级平台确认收到'], sizes[0] ?? -1],
      [['正在上传第 2/2 个数据包', '第 2/2 个数据包已发出，正在等待市级平台确认收到'], sizes[1] ?? -1],
      [['正在下载市级平台下发的数据包'], down.bytes.length],
    ] as const) {
      const seen = moved(...labels);
      // The last says the whole package has moved (an upload: that the platform's answer is awaited).
      expect(seen.at(-1), labels[0]).toMatchObject({ label: labels.at(-1), done: size, total: size, cancellable: true });
      expect(seen.slice(0, -1).every((e) => e.label === labels[0] && e.done < size), labels[0]).toBe(true);
      expect(seen.map((e) => e.done), labels[0]).toEqual([...seen.map((e) => e.done)].sort((a, b) => a - b));
    }
    expect(events.filter((e) => e.unit !== 'bytes').map((e) => [e.label, e.done, e.total, e.cancellable])).toEqual([
      ['正在上传数据包', 0, 2, true],
      ['正在上传数据包', 1, 2, true],
      ['正在下载市级平台下发的数据包', 0, null, true],
      ['正在核对数据包的文件、记录数和 sha256', 0, null, true],
      ['正在校验数据包中的记录', 0, 1, true],
      ['正在写入数据库', 0, 1, false],
      ['正在写入数据库', 1, 1, false],
      ['正在向市级平台确认已导入的数据包', 0, null, true],
      ['本轮同步结束', 1, 1, undefined],
    ]);
    expect(events.map((e) => e.finished)).toEqual([...events.slice(1).map(() => false), true]);
    expect(events.filter((e) => e.unit === 'bytes')).toHaveLength(
      moved('正在上传第 1/2 个数据包', '第 1/2 个数据包已发出，正在等待市级平台确认收到', '正在上传第 2/2 个数据包', '第 2/2 个数据包已发出，正在等待市级平台确认收到', '正在下载市级平台下发的数据包').length,
    );
  });

  it('holds a down package that conflicts with a local change, does not acknowledge it, and applies it once a person decided', async () => {
    const { core, server } = await setup();
    const key = residentKey(core, 20);
    const record = (await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord;
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key, values: { phone: '13600000000' } });
    const p = craftPackage({ streetCode: server.streetCode, lines: { resident: [upsert(key, { ...record, phone: '13900000000' })] } });
    server.offer(p.packageId, p.bytes);
    const held = await runSync(core.context(), {}, fast);
    expect(held.conflicts).toEqual([p.packageId]);
    expect(held.lastError).toMatch(/冲突/);
    expect(server.acks).toEqual([]);

    const [conflict] = await call(core, 'exchange.conflicts', {});
    await call(core, 'exchange.decideConflict', { id: conflict?.id ?? 0, choice: { '*': 'remote' } });
    await call(core, 'exchange.applyPending', { packageId: p.packageId });
    const after = await runSync(core.context(), {}, fast);
    expect(after.lastError).toBeNull();
    expect(server.acks).toEqual([p.packageId]);
    expect(((await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord).phone).toBe('13900000000');
  });
});

describe('sync: a person cancels the round', () => {
  const cancelText = (uploaded: number, applied: number) =>
    `本轮同步已取消${uploaded + applied > 0 ? `（取消前已上传 ${uploaded} 个、导入 ${applied} 个数据包，均已保存）` : ''}；未上传的数据包仍在待发送队列中，下一轮同步时继续。`;
  const readProgress = () => tasks.progress(BACKGROUND_SYNC_TASK);
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await new Promise((r) => setTimeout(r, 10));
  };

  it('ends at once in the middle of an upload; what got through stays, and the next round delivers the rest, each package once', async () => {
    const { core, server } = await setup();
    const made = await queue(core, 3);
    // The first upload passes; the second is stored by the platform, its answer held for a minute.
    server.faults.push({ route: 'upload', kind: 'slow', delayMs: 0 }, { route: 'upload', kind: 'slow', delayMs: 60_000 });
    const round = core.call('sync.run', { taskId: 'round' });
    await until(() => server.received.length === 2);
    expect(await call(core, 'sync.status', {})).toMatchObject({ running: true, runningTaskId: 'round' });
    const asked = Date.now();
    expect(await call(core, 'exchange.cancel', { taskId: 'round' })).toEqual({ cancelled: true });
    const report = await round;
    // Well before the held answer: the upload in flight was cut off, not waited for.
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(report).toMatchObject({ ok: true, value: { cancelled: true, uploaded: [{ packageId: made[0]?.packageId }], pending: 2, lastError: cancelText(1, 0) } });
    const status = await call(core, 'sync.status', {});
    expect(status).toMatchObject({ running: false, runningTaskId: null, pending: 2, lastError: cancelText(1, 0), lastSuccessAt: null });
    // A person's cancel is not a failure of the platform: the background does not back off for it.
    expect(readState(core.data).sync.failures).toBe(0);
    expect(await call(core, 'exchange.cancel', { taskId: 'round' })).toEqual({ cancelled: false });

    server.faults.length = 0;
    const next = await runSync(core.context(), {}, fast);
    expect(next).toMatchObject({ cancelled: false, lastError: null, pending: 0 });
    expect(server.received.map((r) => [r.packageId, r.sha256])).toEqual(made.map((m) => [m.packageId, m.sha256]));
    // The upload cut off had reached the platform: sent again under its Idempotency-Key, taken as the same.
    expect(server.duplicates).toEqual([made[1]?.packageId]);
  }, 30_000);

  it('is refused while a down package is written, accepted once the write is over, and the package is acknowledged by the next round', async () => {
    const { core, server } = await setup();
    const keys = [30, 31].map((i) => residentKey(core, i));
    const offered: string[] = [];
    for (const [i, key] of keys.entries()) {
      const record = (await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord;
      const p = craftPackage({ streetCode: server.streetCode, lines: { resident: [upsert(key, { ...record, phone: `1390000111${i}` })] } });
      server.offer(p.packageId, p.bytes);
      offered.push(p.packageId);
    }
    const answers: Record<string, Promise<unknown>> = {};
    const off = core.subscribe((event) => {
      if (event.name !== 'progress' || event.payload.taskId !== 'round') return;
      const { label } = event.payload;
      if ((label === '正在写入数据库' || label === '正在向市级平台确认已导入的数据包') && !answers[label]) answers[label] = core.call('exchange.cancel', { taskId: 'round' });
    });
    const report = await call(core, 'sync.run', { taskId: 'round' });
    off();
    expect(await answers['正在写入数据库']).toEqual({ ok: true, value: { cancelled: false } });
    expect(await answers['正在向市级平台确认已导入的数据包']).toEqual({ ok: true, value: { cancelled: true } });
    // The write ran to its end and is kept; the round stopped before acknowledging it.
    expect(report).toMatchObject({ cancelled: true, pulled: [offered[0]], applied: [offered[0]], lastError: cancelText(0, 1) });
    expect(server.acks).toEqual([]);
    expect(((await call(core, 'records.get', { entity: 'resident', key: keys[0] ?? '' })) as ResidentRecord).phone).toBe('13900001110');

    const next = await runSync(core.context(), {}, fast);
    expect(next).toMatchObject({ lastError: null, pulled: offered, applied: [offered[1]] });
    expect(server.acks).toEqual(offered);
    expect(((await call(core, 'records.get', { entity: 'resident', key: keys[1] ?? '' })) as ResidentRecord).phone).toBe('13900001111');
  });

  it('shows a background round to the panel under its task, which a person can cancel', async () => {
    const { core, server } = await setup();
    await queue(core, 1);
    server.faults.push({ route: 'upload', kind: 'slow', delayMs: 60_000 });
    const labels: string[] = [];
    const off = core.subscribe((event) => {
      if (event.name === 'progress' && event.payload.taskId === BACKGROUND_SYNC_TASK && event.payload.unit !== 'bytes') labels.push(event.payload.label);
    });
    const ticked = tick(core, Date.parse(core.now()), fast.policy);
    await until(() => server.received.length === 1);
    expect(await call(core, 'sync.status', {})).toMatchObject({ running: true, runningTaskId: BACKGROUND_SYNC_TASK });
    // A window that opens now learns where the round is, without waiting for its next event.
    // (The whole package has left; the platform holds its answer.)
    const size = server.received[0]?.bytes.length ?? 0;
    await until(() => readProgress()?.done === size);
    expect(await call(core, 'exchange.taskProgress', { taskId: BACKGROUND_SYNC_TASK })).toEqual({
      taskId: BACKGROUND_SYNC_TASK,
      label: '第 1/1 个数据包已发出，正在等待市级平台确认收到',
      done: size,
      total: size,
      finished: false,
      cancellable: true,
      unit: 'bytes',
    });
    expect(await call(core, 'exchange.cancel', { taskId: BACKGROUND_SYNC_TASK })).toEqual({ cancelled: true });
    await ticked;
    off();
    expect(await call(core, 'exchange.taskProgress', { taskId: BACKGROUND_SYNC_TASK })).toBeNull();
    expect(labels).toEqual(['正在上传数据包', '本轮同步结束']);
    expect(await call(core, 'sync.status', {})).toMatchObject({ running: false, runningTaskId: null, pending: 1, lastError: cancelText(0, 0) });
    expect(readState(core.data).sync.failures).toBe(0);
  }, 30_000);
});

describe('sync: in the background', () => {
  it('sends what is queued on its own, and waits longer after each failed round', async () => {
    const { core, server } = await setup();
    await queue(core, 1);
    server.faults.push(...Array.from({ length: 4 }, () => ({ route: 'upload' as const, kind: 'status' as const, status: 500 as const })));
    const policy = { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3 };
    const now = Date.parse(core.now());
    await tick(core, now, policy);
    const failed = await call(core, 'sync.status', {});
    expect(failed.pending).toBe(1);
    expect(failed.lastError).not.toBeNull();
    await tick(core, now + 10_000, policy); // too soon after a failure: no new round
    expect(server.log.filter((l) => l.route === 'upload')).toHaveLength(3);
    await tick(core, now + 10 * 60_000, policy);
    expect((await call(core, 'sync.status', {})).pending).toBe(0);
    expect(server.received).toHaveLength(1);
  }, 30_000);
});

describe('sync: the outbox survives the client being killed', () => {
  it('resumes after a kill mid-upload and a restart: every package arrives once, byte-identical, in order', async () => {
    const dataDir = tempDataDir('scc-outbox-');
    const open = () => openCore({ dataDir, resourcesDir, version: 'test', clock: fixedClock });
    const first = await open();
    first.data.create((db) => generateStreet(db, { size: 'tiny', seed: 7, now: first.now() }));
    const server = await startCityServer({ streetCode: first.data.store().db.value<string>('SELECT code FROM street') ?? '' });
    servers.push(server);
    await call(first, 'sync.configure', { cityUrl: server.url, token: server.token });
    const made = await queue(first, 3);
    await first.close();

    // The first upload is stored and its answer held back; the second hangs until the kill.
    server.faults.push({ route: 'upload', kind: 'slow', delayMs: 60_000 }, { route: 'upload', kind: 'slow', delayMs: 60_000 });
    const child = spawn(process.execPath, [await bundleForNode(join(repoRoot, 'test', 'unit', 'exchange', 'syncChild.ts')), dataDir, resourcesDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    server.faults.length = 0;

    const second = await open();
    cores.push(second);
    expect((await call(second, 'sync.status', {})).pending).toBe(3);
    const report = await runSync(second.context(), {}, fast);
    expect(report).toMatchObject({ pending: 0, lastError: null });
    expect(server.received.map((r) => [r.packageId, r.sha256])).toEqual(made.map((m) => [m.packageId, m.sha256]));
    expect(server.duplicates).toEqual([made[0]?.packageId]);
  }, 90_000);
});
