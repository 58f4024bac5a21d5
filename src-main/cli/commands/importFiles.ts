import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportFileReport } from '../../dto/exchange';
import { AppError } from '../../core/errors';
import { applyPlan } from '../../core/exchange/import/apply';
import { makePlan } from '../../core/exchange/import/service';
import { reportOf } from '../../core/exchange/import/plan';
import { reasonNames } from '../../core/exchange/texts';
import { cliActor, dataDirFrom, dataOption, parse, passphraseFrom, UsageError } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';

export const importHelp = `scc import FILE... --data DIR [--dry-run] [--json]
  导入市级平台模板文件（.xlsx 或 .csv，UTF-8 或 GB18030 编码）。自动识别模板和标题行；
  同时给出的多个文件按依赖顺序（社区、网格、楼栋、党组织、实有人口、党员、工作力量、事件）
  在一次事务中导入，作为一个导入批次（可整批撤销）。被拒绝的行列出行号、列和原因，并保存在“待处理”列表中。
  --dry-run  只检查并报告，不写入数据库
  --json     输出一个 JSON 文档：{"files":[{"file","template","headerRow","rows","accepted","rejected",
             "rejections":[{"row","column","reason","message"}],"upgraded":[{"row","from","to"}]}]}
  导入得以执行（即使有行被拒绝）时退出码为 0；无法执行（文件无法读取、无法识别模板、没有数据库）时非 0。`;

/** The JSON shape, key for key: nothing more, so scripts can rely on it. */
function jsonFile(r: ImportFileReport) {
  return {
    file: r.file,
    template: r.template,
    headerRow: r.headerRow,
    rows: r.rows,
    accepted: r.accepted,
    rejected: r.rejected,
    rejections: r.rejections.map((x) => ({ row: x.row, column: x.column, reason: x.reason, message: x.message })),
    upgraded: r.upgraded.map((u) => ({ row: u.row, from: u.from, to: u.to })),
  };
}

function printReport(r: ImportFileReport): void {
  const source = r.kind === 'csv' ? `CSV，${r.encoding ?? ''}` : 'xlsx';
  console.log(`${r.file} → ${r.template}（${source}，标题行第 ${r.headerRow} 行）`);
  console.log(`  共 ${r.rows} 行：接受 ${r.accepted} 行（新增 ${r.inserted}、修改 ${r.updated}、未变 ${r.unchanged}），拒绝 ${r.rejected} 行`);
  for (const x of r.rejections) console.log(`  ✗ 第 ${x.row} 行 [${x.column}] ${reasonNames[x.reason]}（${x.reason}）：${x.message}`);
  for (const u of r.upgraded) console.log(`  ↑ 第 ${u.row} 行 15 位身份号码 ${u.from} 已升级为 ${u.to}`);
  for (const n of r.notes) console.log(`  ！${n}`);
}

export async function importFiles(args: string[], paths: InstallPaths): Promise<number> {
  const { values, positionals } = parse(args, { ...dataOption, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('请指定要导入的文件');
  const sources = positionals.map((file) => {
    const path = resolve(file);
    if (!existsSync(path)) throw new AppError('NOT_FOUND', `文件不存在：${file}`);
    return { name: basename(path), bytes: readFileSync(path) };
  });
  const dataDir = dataDirFrom(values.data);
  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, async (core) => {
    const ctx = core.context(cliActor());
    const plan = await makePlan(ctx, sources);
    if (plan.unrecognised.length > 0) {
      for (const u of plan.unrecognised) console.error(`${u.file}：${u.message}`);
      return 1;
    }
    const today = ctx.now().slice(0, 10);
    const applied = values['dry-run'] ? null : applyPlan(ctx, plan);
    const reports = applied ? applied.files : plan.files.map((f) => reportOf(f, plan.stored, today));
    if (values.json) {
      console.log(JSON.stringify({ files: reports.map(jsonFile) }));
      return 0;
    }
    for (const r of reports) printReport(r);
    if (!applied) console.log('预演（--dry-run）：未写入数据库。');
    else if (applied.batchId === null) console.log('没有需要写入的变化（与数据库中已有的记录相同）。');
    else console.log(`已导入：批次 #${applied.batchId}（修改序号 ${applied.seq}，可整批撤销）；${applied.quarantined} 行被拒绝的记录已放入“待处理”列表。`);
    return 0;
  });
}
