import { migrations } from '../../core/db/migrations';
import { integrityReport, tableCounts } from '../../core/storage/health';
import type { RecoveryNote } from '../../dto/storage';
import { dataDirFrom, dataOption, parse, passphraseFrom } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';

export const checkDbHelp = `scc check-db --data DIR [--json]
  检查数据库：能否打开（含恢复情况）、完整性（PRAGMA integrity_check）、外键、结构版本、各表记录数。
  只读，不加锁，程序运行时也可执行。有问题时退出码非 0。`;

interface CheckReport {
  healthy: boolean;
  dataDir: string;
  state: string;
  encrypted: boolean;
  problems: string[];
  notes: RecoveryNote[];
  integrity: string[];
  foreignKeyViolations: number;
  migrations: { applied: number; known: number };
  generations: number;
  journalEntries: number;
  counts: Record<string, number>;
}

export async function checkDb(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, { ...dataOption, json: { type: 'boolean' } });
  const dataDir = dataDirFrom(values.data);
  const report = await withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']), inspect: true }, (core) => {
    const data = core.data;
    const r: CheckReport = {
      healthy: false,
      dataDir,
      state: data.state,
      encrypted: data.encrypted,
      problems: [],
      notes: data.notes,
      integrity: [],
      foreignKeyViolations: 0,
      migrations: { applied: 0, known: migrations.length },
      generations: data.generationsOnDisk(),
      journalEntries: 0,
      counts: {},
    };
    if (!data.hasStore()) {
      r.problems.push(
        data.state === 'empty' ? '数据目录中没有数据库' : data.state === 'locked' ? '数据库已加密：请提供口令' : `数据库无法打开：${data.damageMessage ?? ''}`,
      );
      return r;
    }
    const db = data.store().db;
    const integrity = integrityReport(db);
    r.integrity = integrity.integrity;
    r.foreignKeyViolations = integrity.foreignKeys.length;
    r.migrations.applied = db.value<number>('SELECT count(*) FROM schema_migration') ?? 0;
    r.journalEntries = data.info()?.journalEntries ?? 0;
    r.counts = tableCounts(db);
    if (integrity.integrity.join() !== 'ok') r.problems.push(`完整性检查未通过：${integrity.integrity.slice(0, 5).join('；')}`);
    if (r.foreignKeyViolations > 0) r.problems.push(`${r.foreignKeyViolations} 条记录引用了不存在的上级记录`);
    for (const note of data.notes) if (note.level === 'error') r.problems.push(note.message);
    r.healthy = r.problems.length === 0;
    return r;
  });

  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`数据目录：${report.dataDir}`);
    console.log(`状态：${report.healthy ? '健康' : '有问题'}（${report.state}${report.encrypted ? '，已加密' : ''}）`);
    for (const p of report.problems) console.log(`  ✗ ${p}`);
    for (const n of report.notes) console.log(`  · ${n.message}`);
    if (report.integrity.length > 0) console.log(`完整性：${report.integrity.join('；')}`);
    console.log(`结构版本：${report.migrations.applied}/${report.migrations.known}；快照代数 ${report.generations}；日志中 ${report.journalEntries} 次修改`);
    for (const [table, n] of Object.entries(report.counts)) console.log(`  ${table.padEnd(18)} ${n}`);
  }
  return report.healthy ? 0 : 1;
}
