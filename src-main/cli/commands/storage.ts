import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableCounts } from '../../core/storage/health';
import { dataDirFrom, dataOption, parse, passphraseFrom, UsageError } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';

export const backupHelp = `scc backup --data DIR [--out FILE]
  立即备份：把当前数据写成一个文件，放在数据目录的 backups/ 下（或复制到 --out 指定的位置）。
  数据库已加密时备份同样加密（口令见 --passphrase-file 或环境变量 SCC_PASSPHRASE）。`;

export const restoreHelp = `scc restore --data DIR FILE
  用备份文件替换当前数据。原有数据作为较早的快照保留，可再次恢复。`;

export const encryptHelp = `scc encrypt --data DIR --passphrase-file FILE
  开启静态加密（AES-256-GCM，口令经 scrypt 派生密钥）。此后数据目录中不再有明文的身份号码；
  请妥善保管口令，遗失后数据无法恢复。`;

export async function backup(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, { ...dataOption, out: { type: 'string' } });
  const dataDir = dataDirFrom(values.data);
  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, (core) => {
    const code = core.data.store().db.value<string>('SELECT code FROM street WHERE id = 1') ?? 'street';
    const made = core.data.backup(code);
    let file = made.file;
    if (values.out) {
      file = resolve(values.out);
      copyFileSync(made.file, file);
    }
    console.log(`已备份（${(made.bytes / 1024 / 1024).toFixed(1)} MB${made.encrypted ? '，已加密' : ''}）：${file}`);
    return 0;
  });
}

export async function restore(args: string[], paths: InstallPaths): Promise<number> {
  const { values, positionals } = parse(args, dataOption);
  const file = positionals[0];
  if (!file) throw new UsageError('请指定备份文件');
  const dataDir = dataDirFrom(values.data);
  const bytes = readFileSync(resolve(file));
  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, (core) => {
    core.data.restore(bytes);
    const counts = tableCounts(core.data.store().db);
    console.log(`已从 ${file} 恢复：社区 ${counts.community ?? 0}，网格 ${counts.grid ?? 0}，实有人口 ${counts.resident ?? 0}，党员 ${counts.party_member ?? 0}。`);
    return 0;
  });
}

export async function encrypt(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, dataOption);
  const passphrase = passphraseFrom(values['passphrase-file']);
  if (!passphrase || passphrase.length < 8) throw new UsageError('需要至少 8 个字符的口令（--passphrase-file 或 SCC_PASSPHRASE）');
  const dataDir = dataDirFrom(values.data);
  return withCore(paths, { dataDir }, (core) => {
    core.data.enableEncryption(passphrase);
    console.log('已开启静态加密：快照、日志与备份均已加密，明文文件已删除。');
    return 0;
  });
}
