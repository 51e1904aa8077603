/**
 * How starved the guest is, read from its own timers: under TCG on a loaded machine the
 * vCPUs get a fraction of a core, and a timer due in 250 ms fires late. The guest runs
 * fewer sandboxes at once while its timers are late, because the probes' timeouts (ping -W,
 * neighbour timers) are real time and a starved guest would miss them; and it gives the
 * harness's own budgets (setup, whole case) room, which only bound a runaway script.
 */

export interface Slowness {
  /** Sandboxes to run at once now, between 1 and `max`. */
  parallel(): number;
  /** Smoothed timer lateness, milliseconds. */
  lagMs(): number;
  /** The largest smoothed lateness seen. */
  worstLagMs(): number;
  stop(): void;
}

/** Fewer sandboxes as the lag grows: all under 150 ms, half under 600 ms, a quarter under 2 s, else 1. */
export function parallelFor(max: number, lagMs: number): number {
  if (lagMs < 150) return max;
  if (lagMs < 600) return Math.max(1, Math.ceil(max / 2));
  if (lagMs < 2000) return Math.max(1, Math.ceil(max / 4));
  return 1;
}

export function watchSlowness(max: number, now: () => number = () => Number(process.hrtime.bigint() / 1_000_000n)): Slowness {
  const period = 250;
  let lag = 0;
  let worst = 0;
  let last = now();
  const t = setInterval(() => {
    const at = now();
    const late = Math.max(0, at - last - period);
    last = at;
    // a quick rise and a slow fall: one late tick lowers the parallelism at once
    lag = late > lag ? late : lag * 0.9 + late * 0.1;
    worst = Math.max(worst, lag);
  }, period);
  t.unref();
  return {
    parallel: () => parallelFor(max, lag),
    lagMs: () => lag,
    worstLagMs: () => worst,
    stop: () => clearInterval(t),
  };
}
