import type { CoreContext } from '../../core/context';
import { entities } from '../../core/catalog/fields';
import { makePackage } from '../../core/exchange/packages/service';
import type { EntityName } from '../../dto/records';

/** `scc export --package`: the package is written into the folder, which counts as delivered. */
export function exportPackageCommand(ctx: CoreContext, out: string, incremental: boolean): number {
  const made = makePackage(ctx, { incremental, folder: out });
  const counts = Object.entries(made.counts)
    .map(([entity, n]) => `${entities[entity as EntityName].label} ${n}`)
    .join('、');
  const kind = made.since ? `增量（${made.since} 之后的变化）` : '全量';
  console.log(`已导出${kind}数据交换包：${made.deliveredTo[0] ?? made.fileName}`);
  console.log(`  ${counts || '没有变化的记录'}；sha256 ${made.sha256}`);
  return 0;
}
