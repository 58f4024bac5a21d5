import type { CoreContext } from '../../core/context';
import { entities } from '../../core/catalog/fields';
import { makePackage, type MadeExport } from '../../core/exchange/packages/service';
import type { EntityName } from '../../dto/records';

/** `scc export --package`: written into the folder (which counts as delivered) and/or queued for upload. */
export function exportPackageCommand(ctx: CoreContext, options: { out: string | null; outbox: boolean; incremental: boolean }): number {
  const made = makePackage(ctx, { incremental: options.incremental, ...(options.out ? { folder: options.out } : {}), outbox: options.outbox });
  for (const line of exportReport(made)) console.log(line);
  return 0;
}

/** What the command prints: the package, or every part in the order the city is to apply them. */
export function exportReport(made: MadeExport): string[] {
  const countsOf = (counts: Partial<Record<EntityName, number>>): string =>
    Object.entries(counts)
      .map(([entity, n]) => `${entities[entity as EntityName].label} ${n}`)
      .join('、');
  const whereOf = (deliveredTo: readonly string[]): string => deliveredTo.map((d) => (d === 'outbox' ? '待发送队列' : d)).join('、');
  const kind = made.since ? `增量（${made.since} 之后的变化）` : '全量';
  const [only] = made.parts;
  if (made.parts.length === 1 && only) {
    return [`已导出${kind}数据交换包：${only.fileName} → ${whereOf(only.deliveredTo)}`, `  ${countsOf(only.counts) || '没有变化的记录'}；sha256 ${only.sha256}`];
  }
  return [
    `已导出${kind}数据交换包，超过市级平台单包上限，共 ${made.parts.length} 个分包（须按顺序全部送达）：`,
    ...made.parts.flatMap((part) => [`  ${part.fileName} → ${whereOf(part.deliveredTo)}`, `    ${countsOf(part.counts)}；sha256 ${part.sha256}`]),
  ];
}
