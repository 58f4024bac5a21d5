import type { CoreRuntime } from '../../core/core';
import { createEmptyStreet, generateStreet, type Violations } from '../../core/demo/generate';
import { sizeNames, type SizeName } from '../../core/demo/sizes';
import { streetCodeProblem } from '../../core/geo/codes';
import { tableCounts } from '../../core/storage/health';
import { dataDirFrom, dataOption, intOption, parse, passphraseFrom, UsageError } from '../args';
import type { InstallPaths } from '../paths';
import { withCore } from './core';

export const initHelp = `scc init --demo|--size demo|street|city [--seed N] --data DIR
scc init --empty --name 街道名称 --code 9位街道编码 --data DIR
  在空的数据目录中建立街道数据库：生成一个虚构街道（演示或压力测试数据），或只有名称和编码的空街道。
  数据目录中已有数据库时拒绝执行。`;

const tableLabels: Record<string, string> = {
  community: '社区',
  grid: '网格',
  building: '楼栋',
  household: '房屋（户）',
  person: '人员',
  resident: '实有人口',
  party_org: '党组织',
  party_member: '党员',
  staff_assignment: '工作力量岗位',
  event: '事件',
  event_step: '事件办理步骤',
};

export async function init(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, {
    ...dataOption,
    demo: { type: 'boolean' },
    size: { type: 'string' },
    seed: { type: 'string' },
    empty: { type: 'boolean' },
    name: { type: 'string' },
    code: { type: 'string' },
  });
  const dataDir = dataDirFrom(values.data);
  let populate: (core: CoreRuntime) => Violations | null;
  if (values.empty) {
    const name = values.name?.trim();
    const code = values.code?.trim() ?? '';
    if (!name) throw new UsageError('--empty 需要 --name 街道名称');
    const problem = streetCodeProblem(code);
    if (problem) throw new UsageError(`--code：${problem}`);
    populate = (core) => {
      core.data.create((db) => createEmptyStreet(db, { name, code }, core.now()));
      return null;
    };
  } else {
    const size = (values.size ?? (values.demo ? 'demo' : undefined)) as SizeName | undefined;
    if (!size) throw new UsageError('请指定 --demo、--size 或 --empty');
    if (!sizeNames.includes(size)) throw new UsageError(`--size 只能是 ${sizeNames.join('、')}`);
    const seed = intOption('seed', values.seed, 20261121);
    populate = (core) => {
      let violations: Violations | null = null;
      core.data.create((db) => {
        violations = generateStreet(db, {
          size,
          seed,
          now: core.now(),
          onProgress: (done, total, label) => process.stderr.write(`  [${done}/${total}] ${label}\n`),
        });
      });
      return violations;
    };
  }

  return withCore(paths, { dataDir, passphrase: passphraseFrom(values['passphrase-file']) }, (core) => {
    const started = Date.now();
    const violations = populate(core);
    const counts = tableCounts(core.data.store().db);
    console.log(`已建立街道数据库，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒：`);
    for (const [table, label] of Object.entries(tableLabels)) {
      if ((counts[table] ?? 0) > 0) console.log(`  ${label.padEnd(8, '　')} ${counts[table]}`);
    }
    const v = violations;
    if (v) {
      console.log('演示数据中有意设置的问题（供规则检查发现）：');
      console.log(`  超规模网格 ${v.oversizedGrid}；超过 50 人的党支部 ${v.oversizedBranch}；届满未换届 ${v.expiredTerm}`);
      console.log(`  逾期未转正的预备党员 ${v.overdueProbation.length} 名；缺专职网格员的网格 ${v.unstaffedGrid}`);
      if (v.shortOrganiserCommunity) console.log(`  组织员不足的社区 ${v.shortOrganiserCommunity}`);
    }
    console.log(`数据目录：${dataDir}`);
    return 0;
  });
}
