/**
 * VM-kind designs (src/core/fuzz/vm-kinds.ts) measured in one boot and compared with the
 * simulator the way the conformance goldens compare Debian 6.1 cases (import, simulate with
 * that machine's harness timing, diff every section but setup).
 */
import { generateVmFuzzCase } from '../core/fuzz/vm-kinds';
import { renderProbes, renderScript } from '../core/fuzz/generate';
import type { DiffItem } from '../core/observation/diff';
import type { Observation } from '../core/observation/types';
import { SLOW_HARNESS } from '../core/sim/simulate';
import { runCase } from '../core/testing/conformance-cases';
import { runVmBatch, type VmCase } from './vm-batch';

export interface VmFuzzOutcome {
  seed: number;
  case: VmCase;
  /** Undefined when the guest gave no observation for the case. */
  kernel?: Observation;
  sim?: Observation;
  diffs: DiffItem[];
  /** Why there is no kernel observation. */
  error?: string;
}

export function vmFuzzCase(seed: number, maxProbes?: number): VmCase {
  const c = generateVmFuzzCase(seed, { maxProbes });
  return {
    name: `vmfuzz-${seed}`,
    script: renderScript(c.elements, `vm fuzz seed ${seed}`),
    probes: renderProbes(c.elements, c.probes).join('\n') + '\n',
  };
}

/** Simulates a kernel-measured case and lists the differences. */
export function compareVmCase(c: VmCase, kernel: Observation): { sim: Observation; diffs: DiffItem[] } {
  const o = runCase({ name: c.name, topology: c.script, probes: c.probes, expected: kernel }, 1, SLOW_HARNESS);
  return { sim: o.observation, diffs: o.diffs };
}

/** Seeds `seeds` in one boot. */
export async function fuzzVmSeeds(seeds: number[], jobs: number, maxProbes?: number, runs = 1): Promise<{ outcomes: VmFuzzOutcome[]; seconds: number; log: string }> {
  const cases = seeds.map((s) => vmFuzzCase(s, maxProbes));
  const { observations, errors, seconds, log } = await runVmBatch(cases, jobs, runs);
  const outcomes = seeds.map((seed, i): VmFuzzOutcome => {
    const kernel = observations.get(cases[i].name);
    if (!kernel) return { seed, case: cases[i], diffs: [], error: errors.get(cases[i].name) };
    const { sim, diffs } = compareVmCase(cases[i], kernel);
    return { seed, case: cases[i], kernel, sim, diffs };
  });
  return { outcomes, seconds, log };
}

/** The differences of one outcome, a line per item (empty when they agree). */
export function formatVmDiff(o: VmFuzzOutcome): string[] {
  return o.diffs.map((d) => `${d.path}: kernel ${JSON.stringify(d.expected)}, simulator ${JSON.stringify(d.observed)}`);
}
