import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCityServer } from '../cityPlatform/server';
import { craftPackage } from '../unit/exchange/packages';
import { freshDataDir, repoRoot, runScc } from './harness';

const scc = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'scc.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
const messy = join(repoRoot, '..', 'shared', 'fixtures', 'messy');
const sccChild = (args: string[], env: Record<string, string>) => {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'scc.js'), ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
  return { child, exited };
};
const sccAsync = (args: string[], env: Record<string, string>) => sccChild(args, env).exited;
const counts = (dataDir: string) => (JSON.parse(scc(['check-db', '--data', dataDir, '--json']).stdout) as { counts: Record<string, number> }).counts;

describe('scc import', () => {
  it('imports files given together in dependency order and prints exactly one JSON document in the agreed shape', () => {
    const dataDir = freshDataDir();
    runScc(['init', '--empty', '--name', '青城街道', '--code', '150102005', '--data', dataDir]);
    const files = ['实有人口信息表-GB18030.csv', '楼栋信息表.csv', '网格信息表.csv', '社区信息表.csv'].map((f) => join(messy, f));

    const dry = scc(['import', ...files, '--data', dataDir, '--dry-run', '--json']);
    expect(dry.status).toBe(0);
    expect(counts(dataDir).resident).toBe(0);

    const run = scc(['import', ...files, '--data', dataDir, '--json']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as { files: Record<string, unknown>[] };
    expect(JSON.parse(dry.stdout)).toEqual(report);
    expect(Object.keys(report)).toEqual(['files']);
    expect(report.files.map((f) => f.template)).toEqual(['社区信息表', '网格信息表', '楼栋信息表', '实有人口信息表']);
    for (const f of report.files) expect(Object.keys(f)).toEqual(['file', 'template', 'headerRow', 'rows', 'accepted', 'rejected', 'rejections', 'upgraded']);
    const residents = report.files[3] as { rows: number; accepted: number; rejected: number; rejections: { row: number; column: string; reason: string; message: string }[]; upgraded: unknown[] };
    const expected = JSON.parse(readFileSync(join(messy, '实有人口信息表-GB18030.expected.json'), 'utf8')) as { rows: number; accepted: number; rejected: number; rows_expected: Record<string, string> };
    expect(residents).toMatchObject({ rows: expected.rows, accepted: expected.accepted, rejected: expected.rejected });
    for (const [row, outcome] of Object.entries(expected.rows_expected)) {
      const first = residents.rejections.find((r) => r.row === Number(row));
      if (outcome.startsWith('reject:')) expect(first?.reason, `row ${row}`).toBe(outcome.slice(7));
      else expect(first, `row ${row}`).toBeUndefined();
    }
    expect(residents.rejections[0]).toEqual({ row: 1166, column: '性别', reason: 'enum', message: '性别“未知性别”不是允许的值（男、女）' });
    expect(residents.upgraded).toEqual([{ row: 893, from: '150102450731199', to: '150102194507311991' }]);
    expect(counts(dataDir).resident).toBe(expected.accepted);

    const text = scc(['import', join(messy, '实有人口信息表-GB18030.csv'), '--data', dataDir]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/共 4305 行：接受 4291 行（新增 0、修改 0、未变 4291），拒绝 14 行/);
    expect(text.stdout).toMatch(/没有需要写入的变化/);
  });

  it('exits non-zero only when the import cannot run', () => {
    const dataDir = freshDataDir();
    runScc(['init', '--empty', '--name', '青城街道', '--code', '150102005', '--data', dataDir]);
    const notes = join(freshDataDir(), '说明.csv');
    writeFileSync(notes, '这是一份说明,不是模板\n');
    const unknown = scc(['import', notes, '--data', dataDir, '--json']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/无法识别该文件对应的模板/);
    const missing = scc(['import', join(messy, '不存在.csv'), '--data', dataDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/文件不存在/);
    const noDb = scc(['import', join(messy, '社区信息表.csv'), '--data', freshDataDir()]);
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toMatch(/尚未建立街道数据库/);
    const usage = scc(['import', '--data', dataDir]);
    expect(usage.status).toBe(2);
  });
});

describe('scc export', () => {
  it('writes a template by its Chinese title and packages full or since the last delivered one', () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const out = freshDataDir('scc-out-');
    const template = scc(['export', '--data', dataDir, '--template', '实有人口信息表', '--out', out]);
    expect(template.status).toBe(0);
    expect(template.stdout).toMatch(/已导出 \d+ 条实有人口记录/);
    expect(readdirSync(out)).toEqual(['实有人口信息表.xlsx']);
    expect(readFileSync(join(out, '实有人口信息表.xlsx')).subarray(0, 2).toString()).toBe('PK');

    const full = scc(['export', '--data', dataDir, '--package', '--out', out]);
    expect(full.status).toBe(0);
    expect(full.stdout).toMatch(/已导出全量数据交换包：150102003_\d{8}T\d{6}_001\.zip → .*scc-out-/);
    const since = scc(['export', '--data', dataDir, '--package', '--since', 'last', '--out', out]);
    expect(since.stdout).toMatch(/已导出增量.*_002\.zip/);
    expect(since.stdout).toMatch(/没有变化的记录/);
    expect(readdirSync(out).filter((f) => f.endsWith('.zip'))).toHaveLength(2);

    const unknown = scc(['export', '--data', dataDir, '--template', '花名册', '--out', out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/没有名为“花名册”的模板/);
  });
});

describe('scc sync', () => {
  it('uploads the outbox through faults, pulls and applies down packages, and prints the JSON report', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const server = await startCityServer({ streetCode: '150102003' });
    try {
      const unset = scc(['sync', '--data', dataDir]);
      expect(unset.status).toBe(1);
      expect(unset.stderr).toMatch(/尚未设置市级平台接口地址和访问令牌/);

      runScc(['export', '--data', dataDir, '--package', '--outbox']);
      runScc(['export', '--data', dataDir, '--package', '--since', 'last', '--outbox']);
      const down = craftPackage({ streetCode: '150102003', lines: {} });
      server.offer(down.packageId, down.bytes);
      server.faults.push({ route: 'upload', kind: 'status', status: 503, retryAfter: '1' }, { route: 'upload', kind: 'lost-response' });
      // Not spawnSync: the platform double answers from this process's event loop.
      const run = await sccAsync(['sync', '--data', dataDir, '--url', server.url, '--json'], { SCC_CITY_TOKEN: server.token });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(['uploaded', 'refused', 'pulled', 'applied', 'conflicts', 'pending', 'lastError', 'cancelled']);
      expect(report).toMatchObject({ refused: [], pulled: [down.packageId], applied: [down.packageId], conflicts: [], pending: 0, lastError: null, cancelled: false });
      expect(report.uploaded).toEqual(server.received.map((r) => r.packageId));
      expect(server.received).toHaveLength(2);
      expect(server.acks).toEqual([down.packageId]);
    } finally {
      await server.close();
    }
  });

  it('ends the round on Ctrl+C with the report of what got through; the next run sends the rest', async () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const server = await startCityServer({ streetCode: '150102003' });
    try {
      runScc(['export', '--data', dataDir, '--package', '--outbox']);
      server.faults.push({ route: 'upload', kind: 'slow', delayMs: 60_000 });
      const args = ['sync', '--data', dataDir, '--url', server.url, '--json'];
      const { child, exited } = sccChild(args, { SCC_CITY_TOKEN: server.token });
      while (server.received.length === 0) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGINT');
      const run = await exited;
      expect(run.status, run.stderr).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ uploaded: [], pending: 1, cancelled: true, lastError: '本轮同步已取消；未上传的数据包仍在待发送队列中，下一轮同步时继续。' });

      server.faults.length = 0;
      const again = await sccAsync(args, { SCC_CITY_TOKEN: server.token });
      expect(again.status, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ uploaded: [server.received[0]?.packageId], pending: 0, cancelled: false });
      expect(server.received).toHaveLength(1);
      expect(server.duplicates).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
