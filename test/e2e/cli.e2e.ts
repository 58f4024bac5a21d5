import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, repoRoot, runScc } from './harness';

const scc = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'scc.js'), ...args], { encoding: 'utf8' });

describe('scc command line', () => {
  it('init builds a street, check-db reports it healthy, as text and as JSON', () => {
    const dataDir = freshDataDir();
    const init = runScc(['init', '--size', 'tiny', '--seed', '9', '--data', dataDir]);
    expect(init.stdout).toMatch(/已建立街道数据库/);
    expect(init.stdout).toMatch(/超规模网格 \d{15}/);
    const text = scc(['check-db', '--data', dataDir]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/状态：健康/);
    const json = scc(['check-db', '--data', dataDir, '--json']);
    const report = JSON.parse(json.stdout) as { healthy: boolean; integrity: string[]; counts: Record<string, number>; migrations: { applied: number; known: number } };
    expect(report.healthy).toBe(true);
    expect(report.integrity).toEqual(['ok']);
    expect(report.counts.resident).toBeGreaterThan(100);
    expect(report.migrations.applied).toBe(report.migrations.known);
  });

  it('refuses a second init, and an invalid street code, with exit codes and Chinese messages', () => {
    const dataDir = freshDataDir();
    runScc(['init', '--empty', '--name', '测试街道', '--code', '150102009', '--data', dataDir]);
    const again = scc(['init', '--demo', '--data', dataDir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/已有街道数据库/);
    const bad = scc(['init', '--empty', '--name', '测试', '--code', '15010', '--data', freshDataDir()]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/9 位数字/);
  });

  it('check-db exits non-zero for a damaged database and says what it found', () => {
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const snapshot = readdirSync(join(dataDir, 'db')).find((f) => f.endsWith('.sqlite')) ?? '';
    writeFileSync(join(dataDir, 'db', snapshot), 'not a database');
    const result = scc(['check-db', '--data', dataDir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/有问题/);
    expect(result.stdout).toMatch(/校验失败/);
  });

  it('backup and restore round-trip the data through a file', () => {
    const source = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', source]);
    const out = join(freshDataDir(), 'street.sqlite');
    expect(runScc(['backup', '--data', source, '--out', out]).stdout).toMatch(/已备份/);
    const target = freshDataDir();
    runScc(['init', '--empty', '--name', '别的街道', '--code', '150102008', '--data', target]);
    expect(runScc(['restore', '--data', target, out]).stdout).toMatch(/已从 .* 恢复/);
    const a = JSON.parse(scc(['check-db', '--data', source, '--json']).stdout) as { counts: Record<string, number> };
    const b = JSON.parse(scc(['check-db', '--data', target, '--json']).stdout) as { counts: Record<string, number> };
    expect(b.counts).toEqual(a.counts);
  });

  it('is locked out of a data directory another process is writing', async () => {
    const { serve } = await import('./harness');
    const dataDir = freshDataDir();
    runScc(['init', '--size', 'tiny', '--data', dataDir]);
    const served = await serve(dataDir);
    try {
      const backup = scc(['backup', '--data', dataDir]);
      expect(backup.status).toBe(1);
      expect(backup.stderr).toMatch(/正被另一个程序使用/);
      // check-db only reads, so it works beside the running server.
      expect(scc(['check-db', '--data', dataDir]).status).toBe(0);
    } finally {
      await served.stop();
    }
  });
});
