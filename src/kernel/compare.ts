/**
 * Kernel vs simulator: the kernel's observation is the expected side. Sections the
 * simulator does not produce at all (it may not model links or the FDB) are left out, and
 * so is `setup`: the simulator does not run the script, the importer reads it. Instead, the
 * script lines the kernel refused are compared with the lines the importer says the kernel
 * would refuse, as one item `/setup/failed-lines` (optionally only the lines `failedLineFilter`
 * keeps, e.g. network commands).
 */
import { diffObservations, type DiffItem } from '../core/observation/diff';
import type { Observation } from '../core/observation/types';

const SECTIONS = ['probes', 'captures', 'neigh', 'links', 'routes', 'fdb'] as const;

/** The kernel observation restricted to the sections `sim` has (setup never). */
export function comparableKernel(kernel: Observation, sim: Partial<Observation>): Partial<Observation> {
  const k: Partial<Observation> = { ...kernel };
  delete k.setup;
  for (const s of SECTIONS) if (sim[s] === undefined) delete k[s];
  return k;
}

/** Items on which the simulator (and importer) disagree with the kernel; the kernel side compared. */
export function compareWithSimulator(
  kernel: Observation,
  sim: Partial<Observation>,
  options: { states?: boolean; importerFailedLines?: number[] | null; failedLineFilter?: (line: number) => boolean } = {},
): { diff: DiffItem[]; kernel: Partial<Observation> } {
  const k = comparableKernel(kernel, sim);
  const s: Partial<Observation> = { ...sim };
  delete s.setup;
  const diff = diffObservations(k, s, options);
  if (options.importerFailedLines) {
    const keep = options.failedLineFilter ?? (() => true);
    const kl = [...new Set(kernel.setup.failed.map((f) => f.line))].filter(keep).sort((a, b) => a - b);
    const il = [...new Set(options.importerFailedLines)].filter(keep).sort((a, b) => a - b);
    if (kl.join(',') !== il.join(',')) diff.unshift({ path: '/setup/failed-lines', expected: kl, observed: il });
  }
  return { diff, kernel: k };
}
