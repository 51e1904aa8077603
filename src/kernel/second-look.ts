/**
 * A second look at the kernel before calling a case a disagreement. Some items are kernel
 * races, and on a loaded machine the kernel's ARP timing shifts (a neighbour entry not yet
 * there when the state is dumped). So when the first run differs from what is expected, the
 * kernel is asked again; an item is a real difference only when every run disagrees on it.
 * A real difference is the same in every run, so it still fails.
 */
import { diffObservations, type DiffItem } from '../core/observation/diff';
import type { Observation } from '../core/observation/types';

export interface SecondLook {
  /** The items every run disagreed on (the first run's values), empty when the case agrees. */
  diff: DiffItem[];
  /** Every run's observation, the first one first. */
  runs: Observation[];
}

/**
 * Diffs `first` with `expected`; while items remain, runs the case again (`again`, up to
 * `extraRuns` more times, one after another) and keeps only the items this run also
 * disagrees on.
 */
export async function diffWithSecondLook(
  expected: Partial<Observation>,
  first: Observation,
  again: () => Promise<Observation>,
  extraRuns = 2,
): Promise<SecondLook> {
  let diff = diffObservations(expected, first);
  const runs = [first];
  for (let i = 0; i < extraRuns && diff.length; i++) {
    const obs = await again();
    runs.push(obs);
    const still = new Set(diffObservations(expected, obs).map((d) => d.path));
    diff = diff.filter((d) => still.has(d.path));
  }
  return { diff, runs };
}
