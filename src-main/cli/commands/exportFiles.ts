import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entities } from '../../core/catalog/fields';
import { entityByTitle, exportTemplate } from '../../core/exchange/export/templates';
import { cliActor, dataDirFrom, dataOption, parse, passphraseFrom, UsageError } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';
import { exportPackageCommand } from './exportPackage';

export const exportHelp = `scc export --data DIR --template 模板名称 --out 目录
scc export --data DIR --package [--since last] [--out 目录] [--outbox]
  --template  导出一个市级平台模板（.xlsx），模板名称如 ${Object.values(entities)
    .map((e) => e.title)
    .slice(0, 3)
    .join('、')} 等；身份号码、编码为文本单元格，日期为 YYYY-MM-DD 文本。
  --package   导出数据交换包（.zip，市级平台接口第 3 节）：默认为全量；--since last 为自上次确认送达以来的增量（含删除）。
              --out 写入目录（U 盘、共享文件夹，写入即视为送达）；--outbox 放入待发送队列，由 scc sync 上传。
  导出的文件含个人信息，请妥善保管。`;

export async function exportFiles(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, {
    ...dataOption,
    template: { type: 'string' },
    package: { type: 'boolean' },
    since: { type: 'string' },
    out: { type: 'string' },
    outbox: { type: 'boolean' },
  });
  if (!values.out && !(values.package && values.outbox)) throw new UsageError('请用 --out 指定导出目录');
  if (Boolean(values.template) === Boolean(values.package)) throw new UsageError('请指定 --template 模板名称 或 --package 其中之一');
  if (values.since !== undefined && values.since !== 'last') throw new UsageError('--since 只能是 last（自上次确认送达以来）');
  const out = values.out ? resolve(values.out) : null;
  const dataDir = dataDirFrom(values.data);
  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, async (core) => {
    if (out) mkdirSync(out, { recursive: true });
    if (values.package) return exportPackageCommand(core.context(cliActor()), { out, outbox: values.outbox === true, incremental: values.since === 'last' });
    if (!out) throw new UsageError('请用 --out 指定导出目录');
    const entity = entityByTitle(values.template ?? '');
    if (!entity) throw new UsageError(`没有名为“${values.template ?? ''}”的模板；可用：${Object.values(entities).map((e) => e.title).join('、')}`);
    const made = await exportTemplate(core.data.store().db, entity);
    const file = join(out, made.fileName);
    writeFileSync(file, made.bytes);
    console.log(`已导出 ${made.records} 条${entities[entity].label}记录：${file}`);
    return 0;
  });
}
