/**
 * Merging repeated observations of one case into an expected observation, like the
 * conformance harness's `merge` (oracle.py): items whose values differ between runs are
 * listed under `unstable` (one value per run, `<missing>` where a run lacks the item), and
 * capture groups whose runs saw the same frames in another order under
 * `unstable_order_only`. The first run provides every other value.
 */
import { jsonEqual, sameMultiset } from './diff-equal';
import { MISSING, observationItems } from './diff';
import type { Observation } from './types';

/** One expected observation from several runs of the same case (at least one). */
export function mergeObservations(runs: Observation[]): Observation {
  if (!runs.length) throw new Error('mergeObservations needs at least one run');
  const views = runs.map(observationItems);
  const keys = [...new Set(views.flatMap((v) => [...v.keys()]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const unstable: Record<string, unknown[]> = {};
  for (const k of keys) {
    const vals = views.map((v) => (v.has(k) ? v.get(k) : MISSING));
    if (vals.some((x) => !jsonEqual(x, vals[0]))) unstable[k] = vals;
  }
  const orderOnly = Object.entries(unstable)
    .filter(([k, vals]) => k.startsWith('/captures/') && vals.every(Array.isArray) && vals.every((x) => sameMultiset(x as unknown[], vals[0] as unknown[])))
    .map(([k]) => k);
  const base = { ...runs[0] } as Observation & { seconds?: number };
  delete base.seconds;
  return { ...base, runs: runs.length, unstable, unstable_order_only: orderOnly };
}
