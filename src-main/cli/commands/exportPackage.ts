import type { CoreContext } from '../../core/context';
import { entities } from '../../core/catalog/fields';
import { makePackage } from '../../core/exchange/packages/service';
import type { EntityName } from '../../dto/records';

/** `scc export --package`: written into the folder (which counts as delivered) and/or queued for upload. */
export function exportPackageCommand(ctx: CoreContext, options: { out: string | null; outbox: boolean; incremental: boolean }): number {
  const made = makePackage(ctx, { incremental: options.incremental, ...(options.out ? { folder: options.out } : {}), outbox: options.outbox });
  const counts = Object.entries(made.counts)
    .map(([entity, n]) => `${entities[entity as EntityName].label} ${n}`)
    .join('、');
  const kind = made.since ? `增量（${made.since} 之后的变化）` : '全量';
  const where = made.deliveredTo.map((d) => (d === 'outbox' ? '待发送队列' : d)).join('、');
  console.log(`已导出${kind}数据交换包：${made.fileName} → ${where}`);
  console.log(`  ${counts || '没有变化的记录'}；sha256 ${made.sha256}`);
  return 0;
}
