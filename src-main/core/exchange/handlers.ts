import { entities, importOrder } from '../catalog/fields';
import { defineHandlers } from '../registry';
import { listBatches, undoBatch } from './import/batches';
import { discardQuarantined, downloadQuarantine, listQuarantine, quarantineSummary, resubmitQuarantined } from './import/quarantine';
import { applyHeldPlan, previewImport } from './import/service';
import { exportTemplate } from './export/templates';
import { applyPending, decideConflict, listConflicts, receivePackage } from './packages/receive';
import { acknowledgePackage, exported, listPackages, makePackage } from './packages/service';
import { runScheduledExport } from './sync/schedule';
import { configureCity, runSync, syncStatus } from './sync/service';
import { runTask, tasks } from './tasks';
import { packageTexts, syncTexts, texts } from './texts';

const decode = (files: { name: string; contentBase64: string; mapping?: Parameters<typeof previewImport>[1][number]['mapping'] }[]) =>
  files.map((f) => ({ name: f.name, bytes: Buffer.from(f.contentBase64, 'base64'), ...(f.mapping ? { mapping: f.mapping } : {}) }));

export const exchangeHandlers = defineHandlers({
  'exchange.templates': () =>
    importOrder.map((entity) => ({
      entity,
      title: entities[entity].title,
      label: entities[entity].label,
      fields: entities[entity].fields.map((f) => ({ key: f.key, header: f.header, required: f.required === true, derived: f.derived === true, values: f.values ?? null })),
    })),
  'exchange.importPreview': (input, ctx) => runTask(ctx, input.taskId, texts.importDone, (hooks) => previewImport(ctx, decode(input.files), hooks)),
  'exchange.importApply': (input, ctx) => runTask(ctx, input.taskId, texts.importDone, (hooks) => applyHeldPlan(ctx, input.planId, hooks)),
  'exchange.cancel': (input) => ({ cancelled: tasks.cancel(input.taskId) }),
  'exchange.taskProgress': (input) => tasks.progress(input.taskId),
  'exchange.batches': (_input, ctx) => listBatches(ctx),
  'exchange.undoBatch': (input, ctx) => undoBatch(ctx, input.batchId),
  'exchange.quarantine': (input, ctx) => listQuarantine(ctx, input.status, input.entity, input.limit),
  'exchange.quarantineSummary': (_input, ctx) => quarantineSummary(ctx),
  'exchange.quarantineResubmit': (input, ctx) => resubmitQuarantined(ctx, input.id, input.values),
  'exchange.quarantineDiscard': (input, ctx) => discardQuarantined(ctx, input.ids),
  'exchange.quarantineDownload': (input, ctx) => downloadQuarantine(ctx, input.entity),
  'exchange.exportTemplate': (input, ctx) =>
    runTask(ctx, input.taskId, texts.templateDone, async (hooks) => {
      const made = await exportTemplate(ctx.db(), input.entity, hooks.onProgress);
      return { fileName: made.fileName, contentBase64: made.bytes.toString('base64'), records: made.records };
    }),
  'exchange.exportPackage': (input, ctx) =>
    runTask(ctx, input.taskId, packageTexts.packageDone, async (hooks) =>
      exported(makePackage(ctx, { incremental: input.since === 'last', ...(input.folder ? { folder: input.folder } : {}), outbox: input.outbox, onProgress: hooks.onProgress }), input.download),
    ),
  'exchange.packages': (_input, ctx) => listPackages(ctx),
  'exchange.acknowledgePackage': (input, ctx) => acknowledgePackage(ctx, input.packageId),
  'exchange.receivePackage': (input, ctx) =>
    runTask(ctx, input.taskId, packageTexts.receiveDone, (hooks) => receivePackage(ctx, input.fileName, Buffer.from(input.contentBase64, 'base64'), hooks)),
  'exchange.conflicts': (input, ctx) => listConflicts(ctx.db(), input.packageId),
  'exchange.decideConflict': (input, ctx) => decideConflict(ctx, input.id, input.choice),
  'exchange.applyPending': (input, ctx) => runTask(ctx, input.taskId, packageTexts.receiveDone, (hooks) => applyPending(ctx, input.packageId, hooks)),
  'exchange.runSchedule': (_input, ctx) => runScheduledExport(ctx),
  'sync.status': (_input, ctx) => syncStatus(ctx),
  'sync.configure': (input, ctx) => configureCity(ctx, input),
  'sync.run': (input, ctx) => runTask(ctx, input.taskId, syncTexts.finished, (hooks) => runSync(ctx, {}, { ...hooks, ...(input.taskId ? { taskId: input.taskId } : {}) })),
});
