import { randomUUID } from 'node:crypto';
import { defineHandlers } from '../registry';
import { rosters, schemaOf } from './catalog';
import { recordDetail } from './detail';
import { applyEdits, planEdits } from './editing';
import { exportView } from './export';
import { pastePlan } from './paste';
import { countRows, rosterPage } from './query';
import { T } from './texts';
import { partyTree, scopeCounts, scopeTree } from './trees';
import { listViews, removeView, saveView } from './views';

const today = (now: string): string => now.slice(0, 10);

export const rosterHandlers = defineHandlers({
  'roster.schema': (input) => schemaOf(rosters[input.roster]),
  'roster.page': (input, ctx) => {
    const { offset, limit, withTotal, ...query } = input;
    return rosterPage(ctx.db(), rosters[input.roster], query, { offset, limit, withTotal, today: today(ctx.now()) });
  },
  'roster.count': (input, ctx) => ({ total: countRows(ctx.db(), rosters[input.roster], input, today(ctx.now())) }),
  'roster.scopeTree': (_input, ctx) => scopeTree(ctx.db()),
  'roster.scopeCounts': (input, ctx) => scopeCounts(ctx.db(), input.roster),
  'roster.partyTree': (_input, ctx) => partyTree(ctx.db(), today(ctx.now())),
  'roster.detail': (input, ctx) => recordDetail(ctx.db(), rosters[input.roster], input.key, today(ctx.now())),
  'roster.preview': (input, ctx) =>
    planEdits(
      ctx.db(),
      rosters[input.roster],
      input.rows.map((r, i) => ({ line: i + 1, key: r.key, values: r.values })),
      today(ctx.now()),
    ).plan,
  'roster.pastePreview': (input, ctx) => pastePlan(ctx.db(), rosters[input.query.roster], input, today(ctx.now())),
  'roster.edit': (input, ctx) =>
    applyEdits(
      ctx,
      rosters[input.roster],
      input.action,
      input.rows.map((r, i) => ({ line: i + 1, key: r.key, values: r.values })),
    ),
  'roster.export': async (input, ctx) => {
    const def = rosters[input.query.roster];
    const taskId = randomUUID();
    const label = T.exportLabel(def.title);
    const file = await exportView(ctx.db(), def, input, ctx.now(), (done, total) => ctx.emit('progress', { taskId, label, done, total, finished: false }));
    ctx.emit('progress', { taskId, label, done: file.rows, total: file.rows, finished: true });
    return file;
  },
  'views.list': (input, ctx) => listViews(ctx.db(), input.page),
  'views.save': (input, ctx) => saveView(ctx, input.page, input.name, input.state),
  'views.remove': (input, ctx) => removeView(ctx, input.page, input.name),
});
