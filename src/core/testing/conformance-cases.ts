/**
 * Runs one conformance case through the simulator: import topology.sh, parse probes.txt,
 * simulate, and diff with expected.json. Setup items (`/setup/...`) are left out of the
 * comparison: they describe the script run (stderr text, failed lines), which is the
 * importer's business, not the simulator's.
 */
import { importScript } from '../iproute2/import/index';
import { diffObservations, type DiffItem } from '../observation/diff';
import type { Observation } from '../observation/types';
import { parseProbes } from '../world/probes';
import { simulate, type HarnessTiming } from '../sim/simulate';
import { simulatedProbeOutcome } from '../script-sim/outcome';
import { parseKernelRelease } from '../sim/kernel-version';

export interface CaseInput {
  name: string;
  topology: string;
  probes: string;
  expected: Observation;
  /** The script's file name in diagnostics; default `topology.sh`. */
  file?: string;
  /** Companion files the script may `source`, by the name it uses. */
  files?: Record<string, string>;
  /** Positional arguments the script is run with (`$1` …). */
  args?: string[];
}

export interface CaseOutcome {
  name: string;
  diffs: DiffItem[];
  observation: Observation;
}

/** Simulates a case and lists where it disagrees with the kernel. */
export function runCase(c: CaseInput, seed = 1, timing?: HarnessTiming): CaseOutcome {
  // the script's own pings answer as the simulation of the design so far answers (set -e, &&)
  const { design } = importScript(c.topology, { file: c.file ?? 'topology.sh', files: c.files, args: c.args, probe: simulatedProbeOutcome(seed) });
  const { probes } = parseProbes(c.probes, 'probes.txt');
    // the kernel that measured the case decides where releases differ
  const kernel = parseKernelRelease(c.expected.kernel);
  const { observation } = simulate(design, probes, { seed, timing, kernel });
  const diffs = diffObservations(c.expected, observation).filter((d) => !d.path.startsWith('/setup/'));
  return { name: c.name, diffs, observation };
}
