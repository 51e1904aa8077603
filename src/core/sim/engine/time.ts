/**
 * Simulated time. The engine counts integer **nanoseconds** since the start of a run
 * (the moment the design's setup finished). A branded number keeps seconds and
 * nanoseconds from being mixed up by accident; integers up to 2^53 ns cover 104 days.
 */
export type Nanos = number & { readonly __unit: 'ns' };

export const NS_PER_SECOND = 1_000_000_000;

/** Seconds (possibly fractional) → Nanos, rounded to a whole nanosecond. */
export function seconds(s: number): Nanos {
  return Math.round(s * NS_PER_SECOND) as Nanos;
}

/** Milliseconds → Nanos. */
export function millis(ms: number): Nanos {
  return Math.round(ms * 1_000_000) as Nanos;
}

/** Microseconds → Nanos. */
export function micros(us: number): Nanos {
  return Math.round(us * 1000) as Nanos;
}

/** Nanos → seconds, for display. */
export function toSeconds(t: Nanos): number {
  return t / NS_PER_SECOND;
}

export const ZERO_TIME = 0 as Nanos;
