/**
 * A fixed piece of CPU work, timed: the same code on this machine has run 1.4× slower one hour
 * than the one before (11-22), and figures taken at different times are comparable only beside it.
 * Seeded (the same numbers every run): a sort and a JSON round trip, about what a roster page and
 * an import do in JavaScript. The median of five runs, in ms.
 */
export function machineReference(): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    let seed = 20_261_122;
    const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const t = performance.now();
    const numbers = Array.from({ length: 300_000 }, random).sort((a, b) => a - b);
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `居民${i}`, value: numbers[i] }));
    if ((JSON.parse(JSON.stringify(rows)) as unknown[]).length !== rows.length) throw new Error('round trip lost rows');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[2] ?? 0);
}

export const machineLine = (before: number, after: number): string =>
  `机器参考计算（固定的一段排序 + JSON，越大越慢）：开始 ${before} ms，结束 ${after} ms`;
