/** The speed choices: virtual nanoseconds per wall millisecond. */
export const SPEEDS: { label: string; value: number }[] = [
  { label: 'Slow motion', value: 2 },
  { label: 'Slow', value: 20 },
  { label: '1/1000×', value: 1_000 },
  { label: 'Real time', value: 1_000_000 },
  { label: 'Fastest', value: Infinity },
];

/** Virtual time as `s.mmm µµµ` for the clock. */
export function formatClock(ns: number): string {
  return `${(ns / 1e9).toFixed(6)} s`;
}
