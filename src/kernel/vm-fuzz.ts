/**
 * VM-kind designs (src/core/fuzz/vm-kinds.ts) measured in one boot of the VM runner
 * (vm/batch.ts) and compared with the simulator the way the conformance goldens compare
 * Debian 6.1 cases (import, simulate with that machine's harness timing, diff every section
 * but setup). The jobs can ride in another suite's boot (vmFuzzJobs + vmFuzzOutcomes), or
 * boot on their own (fuzzVmSeeds).
 */
import { generateVmFuzzCase } from '../core/fuzz/vm-kinds';
import { renderProbes, renderScript } from '../core/fuzz/generate';
import type { DiffItem } from '../core/observation/diff';
import { mergeObservations } from '../core/observation/diff-merge';
import type { Observation } from '../core/observation/types';
import { SLOW_HARNESS } from '../core/sim/simulate';
import { runCase } from '../core/testing/conformance-cases';
import { isRoot } from './sandbox';
import { runVmBatch, vmMissing, type VmBatchOptions } from './vm/batch';
import type { VmJob, VmJobResult } from './vm/job';

export interface VmCase {
  /** Folder name: letters, digits, `-` and `_`. */
  name: string;
  script: string;
  probes: string;
}

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

/** Why VM fuzzing cannot run here, or undefined when it can. */
export function vmUnavailable(): string | undefined {
  if (!isRoot()) return 'needs root (the guest runs the sandbox harness as root)';
  const need = vmMissing();
  return need.missing.length ? `the VM needs ${need.missing.join(', ')} (${need.install})` : undefined;
}

/** The VM jobs of these seeds (each `runs` times side by side; runs are merged as fixtures are). */
export function vmFuzzJobs(seeds: number[], maxProbes?: number, runs = 1): { cases: VmCase[]; jobs: VmJob[] } {
  const cases = seeds.map((s) => vmFuzzCase(s, maxProbes));
  const jobs = cases.map((c): VmJob => ({ id: c.name, case: { name: c.name, script: c.script, probes: c.probes }, runs }));
  return { cases, jobs };
}

/** The guest's results of vmFuzzJobs, compared with the simulator. */
export function vmFuzzOutcomes(seeds: number[], cases: VmCase[], results: VmJobResult[]): VmFuzzOutcome[] {
  return seeds.map((seed, i): VmFuzzOutcome => {
    const r = results[i];
    if (!r || r.status !== 'ok' || !r.runs.length) {
      const error = !r ? 'no result' : r.status === 'unsupported' ? `unsupported: ${(r.reasons ?? []).join('; ')}` : (r.error ?? 'no observation');
      return { seed, case: cases[i], diffs: [], error };
    }
    const kernel = r.runs.length > 1 ? mergeObservations(r.runs) : (r.runs[0] as Observation);
    const { sim, diffs } = compareVmCase(cases[i], kernel);
    return { seed, case: cases[i], kernel, sim, diffs };
  });
}

/** Seeds `seeds` in one boot of their own. */
export async function fuzzVmSeeds(seeds: number[], parallel?: number, maxProbes?: number, runs = 1, options: VmBatchOptions = {}): Promise<{ outcomes: VmFuzzOutcome[]; seconds: number; log: string }> {
  const { cases, jobs } = vmFuzzJobs(seeds, maxProbes, runs);
  const lines: string[] = [];
  const b = await runVmBatch(jobs, { parallel, log: (l) => { lines.push(l); options.log?.(l); }, ...options });
  return { outcomes: vmFuzzOutcomes(seeds, cases, b.results), seconds: b.timings.wall, log: [...lines, b.consoleTail ?? ''].join('\n') };
}

/** The differences of one outcome, a line per item (empty when they agree). */
export function formatVmDiff(o: VmFuzzOutcome): string[] {
  return o.diffs.map((d) => `${d.path}: kernel ${JSON.stringify(d.expected)}, simulator ${JSON.stringify(d.observed)}`);
}
