/**
 * Designs made by editing sessions (core/fuzz/edit-session), run on the kernel and on the
 * simulator. First the exported script must run without a failed line; then the kernel's
 * links, addresses, routes, neighbours and ping verdicts are compared with the simulator's,
 * the kernel's races handled as in the random-script fuzzing (races.ts). A disagreement is
 * looked at again over three kernel runs before it counts.
 */
import type { EditCase } from '../core/fuzz/edit-case';
import type { DiffItem } from '../core/observation/diff';
import { formatDiff } from '../core/observation/diff-format';
import type { Observation } from '../core/observation/types';
import { simulate } from '../core/sim/simulate';
import { parseProbes } from '../core/world/probes';
import { compareWithSimulator } from './compare';
import { arpRaces, dropHarnessFdb, foldOperstate, isRacyNeighbour } from './races';
import { runKernelCase, runKernelCaseRepeated } from './run-case';
import { setupFailures } from './setup-failures';

export interface EditOutcome {
  /** Lines of the exported script that failed on the kernel, with the kernel's message. */
  failedLines: string[];
  diff: DiffItem[];
  /** Human text of the disagreement (empty when kernel and simulator agree). */
  text: string[];
  probes: number;
}

async function once(c: EditCase, name: string, seed: number, runs: number): Promise<EditOutcome> {
  const probes = c.probes.join('\n') + '\n';
  const kc = { name, script: c.script!, probes };
  const kernel = runs > 1 ? await runKernelCaseRepeated(kc, runs) : await runKernelCase(kc);
  const failedLines = setupFailures(kernel, c.script!).map((f) => f.text);
  if (failedLines.length) return { failedLines, diff: [], text: failedLines.map((l) => `setup failed: ${l}`), probes: kernel.probes.length };
  const { observation: sim, trace } = simulate(c.built, parseProbes(probes).probes, { seed });
  const racy = arpRaces(trace);
  const { diff: all, kernel: compared } = compareWithSimulator(dropHarnessFdb(foldOperstate(kernel)) as Observation, foldOperstate(sim));
  const diff = all.filter((d) => !isRacyNeighbour(d.path, racy));
  return { failedLines, diff, text: formatDiff(diff, compared, sim, { expected: 'kernel', observed: 'simulator' }), probes: kernel.probes.length };
}

/** Runs an exported case; on a disagreement, three kernel runs decide what was a race. */
export async function runEditCase(c: EditCase, name: string, seed: number): Promise<EditOutcome> {
  const first = await once(c, name, seed, 1);
  if (!first.text.length || first.failedLines.length) return first;
  return once(c, name, seed, 3);
}
