import { runSync } from '../../core/exchange/sync/service';
import { cliActor, dataDirFrom, dataOption, parse, passphraseFrom } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';

export const syncHelp = `scc sync --data DIR [--url URL --token T] [--json]
  与市级平台同步一次：按顺序上传待发送队列中的全部数据包（失败时按退避间隔重试），再按游标拉取、导入并确认
  市级平台下发的数据包，然后退出。--url/--token 只用于本次（不保存；令牌也可由环境变量 SCC_CITY_TOKEN 提供），
  默认使用“数据交换”页中保存的设置。
  --json  输出一个 JSON 文档：{"uploaded","refused","pulled","applied","conflicts","pending","lastError","cancelled"}
  按 Ctrl+C 取消本轮：已上传和已导入的保持不变，正在写入数据库的数据包写完后才停止。
  没有待发送的数据包、没有待确认的冲突且没有错误时退出码为 0，否则为 1。`;

export async function sync(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, { ...dataOption, url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } });
  const dataDir = dataDirFrom(values.data);
  const token = values.token ?? process.env.SCC_CITY_TOKEN;
  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, async (core) => {
    // Ctrl+C ends the round the way the UI's 取消 does, so the report and the sync state are kept.
    const cancel = new AbortController();
    const interrupt = (): void => cancel.abort();
    process.once('SIGINT', interrupt);
    let report;
    try {
      report = await runSync(core.context(cliActor()), { ...(values.url ? { url: values.url } : {}), ...(token ? { token } : {}) }, { signal: cancel.signal });
    } finally {
      process.off('SIGINT', interrupt);
    }
    const ok = report.pending === 0 && report.conflicts.length === 0 && report.lastError === null;
    if (values.json) {
      console.log(
        JSON.stringify({
          uploaded: report.uploaded.map((u) => u.packageId),
          refused: report.refused,
          pulled: report.pulled,
          applied: report.applied,
          conflicts: report.conflicts,
          pending: report.pending,
          lastError: report.lastError,
          cancelled: report.cancelled,
        }),
      );
      return ok ? 0 : 1;
    }
    console.log(`已上传 ${report.uploaded.length} 个数据包，拉取 ${report.pulled.length} 个，导入 ${report.applied.length} 个；待发送 ${report.pending} 个。`);
    for (const r of report.refused) console.log(`  ✗ ${r.packageId}：${r.reason}`);
    if (report.conflicts.length > 0) console.log(`  ！${report.conflicts.length} 个下发数据包有冲突，需在“数据交换”页逐项确认。`);
    if (report.lastError) console.error(report.lastError);
    return ok ? 0 : 1;
  });
}
