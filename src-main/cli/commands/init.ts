import { openCore } from '../../core/core';
import { generateStreet } from '../../core/demo/generate';
import { sizeNames, type SizeName } from '../../core/demo/sizes';
import { dataDirFrom, dataOption, intOption, parse, UsageError } from '../args';
import type { InstallPaths } from '../paths';

export const initHelp = `scc init --demo|--size demo|street|city [--seed N] --data DIR
  在数据目录中生成一个虚构街道（演示或压力测试数据）。数据目录中已有数据库时拒绝执行。`;

export async function init(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, {
    ...dataOption,
    demo: { type: 'boolean' },
    size: { type: 'string' },
    seed: { type: 'string' },
  });
  const size = (values.size ?? (values.demo ? 'demo' : undefined)) as SizeName | undefined;
  if (!size) throw new UsageError('请指定 --demo 或 --size');
  if (!sizeNames.includes(size)) throw new UsageError(`--size 只能是 ${sizeNames.join('、')}`);
  const seed = intOption('seed', values.seed, 20261121);
  const dataDir = dataDirFrom(values.data);

  const core = await openCore({ dataDir, resourcesDir: paths.resourcesDir, version: paths.version });
  try {
    const started = Date.now();
    const store = core.createDatabase((s) => s.write((db) => generateStreet(db, { size, seed, now: core.now() })));
    const counts = {
      社区: store.db.value<number>('SELECT count(*) FROM community'),
      网格: store.db.value<number>('SELECT count(*) FROM grid'),
      楼栋: store.db.value<number>('SELECT count(*) FROM building'),
      房屋: store.db.value<number>('SELECT count(*) FROM household'),
    };
    console.log(`已生成街道（规模 ${size}，种子 ${seed}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒：`);
    for (const [label, n] of Object.entries(counts)) console.log(`  ${label} ${n}`);
    console.log(`数据目录：${dataDir}`);
  } finally {
    await core.close();
  }
  return 0;
}
