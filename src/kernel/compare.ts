/**
 * Kernel vs simulator: the kernel's observation is the expected side; sections the
 * simulator does not produce at all (it may not model links or the FDB) are left out.
 */
import { diffObservations, type DiffItem } from '../core/observation/diff';
import type { Observation } from '../core/observation/types';

const SECTIONS = ['setup', 'probes', 'captures', 'neigh', 'links', 'routes', 'fdb'] as const;

/** The kernel observation restricted to the sections `sim` has. */
export function comparableKernel(kernel: Observation, sim: Partial<Observation>): Partial<Observation> {
  const k: Partial<Observation> = { ...kernel };
  for (const s of SECTIONS) if (sim[s] === undefined) delete k[s];
  return k;
}

/** Items on which the simulator disagrees with the kernel, and the kernel side compared. */
export function compareWithSimulator(
  kernel: Observation,
  sim: Partial<Observation>,
  options: { states?: boolean } = {},
): { diff: DiffItem[]; kernel: Partial<Observation> } {
  const k = comparableKernel(kernel, sim);
  return { diff: diffObservations(k, sim, options), kernel: k };
}
