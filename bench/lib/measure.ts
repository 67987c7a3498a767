// Shared benchmark helpers: run a request function with N concurrent clients, report rate and percentiles.

export interface Figures {
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

/** Calls `op(i)` for i in [0, total) from `clients` concurrent loops; every call is timed. */
export async function runConcurrent(total: number, clients: number, op: (i: number) => Promise<void>): Promise<Figures> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await op(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { count: total, seconds, perSecond: total / seconds, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

export const fmt = (f: Figures) => `${f.perSecond.toFixed(0).padStart(7)} req/s   p50 ${f.p50Ms.toFixed(2)} ms   p99 ${f.p99Ms.toFixed(2)} ms`;
