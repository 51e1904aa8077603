/**
 * Garbage-collection time during a measured stretch, from Node's `gc` performance entries,
 * and the live heap after a full collection (the collector is exposed at start-up so the
 * bench needs no command-line flag).
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const entries: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) entries.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

/** Live heap bytes after a full collection. */
export function liveHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Runs `f` and resolves to its result and the share of its wall time spent collecting. */
export async function withGcShare<T>(f: () => T): Promise<{ value: T; gcShare: number; seconds: number }> {
  const t0 = performance.now();
  const value = f();
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 20)); // the observer is told asynchronously
  const gc = entries.filter((e) => e.start >= t0 && e.start < t1).reduce((a, e) => a + e.duration, 0);
  return { value, gcShare: gc / (t1 - t0), seconds: (t1 - t0) / 1000 };
}
