import { eventCategories, eventSources, eventTitles } from './names';
import type { ServicesResult } from './services';
import { addDays, pad, type GridW, type World } from './world';

type Status = '受理' | '转办' | '处置中' | '已反馈' | '已评价' | '已公示' | '已归档';
type Step = '受理' | '吹哨' | '转办' | '报到' | '处置' | '反馈' | '评价' | '公示' | '归档';

const ORDER: readonly Status[] = ['受理', '转办', '处置中', '已反馈', '已评价', '已公示', '已归档'];

/** Minutes since the epoch of China time for a day and a minute of that day. */
const toMinutes = (date: string, minute: number): number => Date.parse(`${date}T00:00:00+08:00`) / 60000 + minute;

function stamp(minutes: number): string {
  const d = new Date(minutes * 60000 + 8 * 3600000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/**
 * A year of events (事件/哨) with every step of their loop recorded: old ones archived, recent
 * ones still open, some past their time limit. About one event per four residents a year.
 */
export function generateEvents(world: World, services: ServicesResult): { count: number } {
  const { random, insert, today, now } = world;
  const residents = world.grids.reduce((n, g) => n + g.residents.length, 0);
  const total = Math.round(residents * 0.25);
  const weights = world.grids.map((g) => [g, Math.max(1, g.households.length)] as const);
  const dailySeq = new Map<string, number>();
  const nowMinutes = Date.parse(now) / 60000;

  const events: { day: number; grid: GridW }[] = [];
  for (let i = 0; i < total; i++) events.push({ day: random.int(0, 364), grid: random.weighted(weights) });
  events.sort((a, b) => b.day - a.day);

  for (const { day, grid } of events) {
    const date = addDays(today, -day);
    const [category, limitHours, answering] = random.weighted(eventCategories.map((c) => [c, c[3]] as const));
    const reported = Math.min(toMinutes(date, random.int(7 * 60, 21 * 60)), nowMinutes - 5);
    const seq = dailySeq.get(date) ?? 0;
    dailySeq.set(date, seq + 1);
    const code = `SJ${world.streetCode}${date.replace(/-/g, '')}${pad(seq, 4)}`;
    const whistle =
      category === '突发事件' ? '应急哨' : ['养老服务', '就业帮扶'].includes(category) ? '服务哨' : random.chance(0.12) ? '攻坚哨' : '问题哨';
    const ageHours = (nowMinutes - reported) / 60;
    const status = statusFor(random.next(), ageHours, limitHours);
    const reachedIndex = ORDER.indexOf(status);
    const due = reported + limitHours * 60;
    // Closed within the limit nine times in ten; the rest late.
    const closedAfter = random.chance(0.9) ? random.int(30, Math.max(31, limitHours * 60 - 10)) : limitHours * 60 + random.int(60, 4000);
    const closed = reachedIndex >= 3 ? Math.min(reported + closedAfter, nowMinutes - 1) : null;
    const reporter = grid.residents.length > 0 && random.chance(0.4) ? random.pick(grid.residents) : null;
    const title = random.pick(eventTitles[category] ?? [category]);
    const eventId = insert('event', {
      code,
      source: random.weighted(eventSources),
      whistle,
      category,
      title,
      description: `${grid.name}居民反映：${title}，请尽快处理。`,
      address: grid.buildings[0] ? `${grid.buildings[0].address.replace(/\d+号楼$/, '')}附近` : grid.name,
      grid_id: grid.id,
      reported_at: stamp(reported),
      status,
      due_at: stamp(due),
      closed_at: closed === null ? null : stamp(closed),
      satisfaction: reachedIndex >= 4 ? random.weighted([['满意', 80], ['基本满意', 15], ['不满意', 5]] as const) : null,
      reporter_person_id: reporter?.id ?? null,
      updated_at: now,
    });

    const deptNames = answering.slice(0, random.chance(0.3) ? 2 : 1);
    const whistled = whistle === '应急哨' || whistle === '攻坚哨';
    const arrive = reported + (whistle === '应急哨' ? random.int(8, 30) : random.int(20, 240));
    deptNames.forEach((name, i) => {
      const departmentId = services.departmentIds.get(name);
      if (departmentId === undefined) return;
      insert('event_department', {
        event_id: eventId,
        department_id: departmentId,
        lead: i === 0 ? 1 : 0,
        arrived_at: whistled && reachedIndex >= 1 ? stamp(Math.min(arrive, nowMinutes - 1)) : null,
      });
    });

    const steps: [Step, number][] = [['受理', reported]];
    const end = closed ?? nowMinutes - 1;
    const span = Math.max(10, end - reported);
    if (reachedIndex >= 1) {
      if (whistled) steps.push(['吹哨', reported + 3]);
      steps.push(['转办', reported + 5]);
      if (whistled) steps.push(['报到', Math.min(arrive, end)]);
    }
    if (reachedIndex >= 2) steps.push(['处置', reported + Math.round(span * 0.5)]);
    if (reachedIndex >= 3 && closed !== null) steps.push(['反馈', closed]);
    if (reachedIndex >= 4 && closed !== null) steps.push(['评价', closed + random.int(60, 2880)]);
    if (reachedIndex >= 5 && closed !== null) steps.push(['公示', closed + random.int(2880, 7200)]);
    if (reachedIndex >= 6 && closed !== null) steps.push(['归档', closed + random.int(7200, 14400)]);
    const lead = services.departmentIds.get(deptNames[0] ?? '') ?? null;
    for (const [step, at] of steps) {
      insert('event_step', {
        event_id: eventId,
        step,
        at: stamp(Math.min(at, nowMinutes)),
        actor_person_id: step === '受理' ? (reporter?.id ?? null) : null,
        department_id: ['报到', '处置', '反馈'].includes(step) ? lead : null,
        note: null,
      });
    }
  }
  return { count: total };
}

/** Where an event of this age stands: old ones are archived, young ones still moving. */
function statusFor(r: number, ageHours: number, limitHours: number): Status {
  if (ageHours < 2) return r < 0.6 ? '受理' : '转办';
  if (ageHours < Math.min(limitHours, 72)) return r < 0.2 ? '转办' : r < 0.7 ? '处置中' : '已反馈';
  if (ageHours < 24 * 20) return r < 0.06 ? '处置中' : r < 0.25 ? '已反馈' : r < 0.55 ? '已评价' : r < 0.8 ? '已公示' : '已归档';
  // A few old ones are still open: overdue.
  return r < 0.01 ? '处置中' : r < 0.03 ? '已评价' : '已归档';
}
