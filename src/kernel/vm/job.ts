/**
 * What the host hands the guest (job.json in the job folder) and what the guest hands back
 * (results/N.json), shared by batch.ts (host) and guest.ts (guest).
 */
import type { DiffItem } from '../../core/observation/diff';
import type { Observation } from '../../core/observation/types';
import type { KernelObservation } from '../observation';
import type { KernelCase } from '../run-case';

/** One design to run in the VM: a case (script + probes) and how often to run it. */
export interface VmJob {
  /** The caller's name for it (free text); results come back in job order. */
  id: string;
  case: KernelCase;
  /** Independent runs, side by side (default 1), as `verify --runs`. */
  runs?: number;
  /**
   * Compare each run with this observation inside the guest and, while items differ, run
   * again (up to `extraRuns`, default 2) keeping only the items every run disagrees on —
   * the second look of second-look.ts, without a second boot. `as: 'expected'` compares
   * like the conformance suite (diffObservations(expected, kernel)); `as: 'simulator'` like
   * verify (compareWithSimulator: sections the simulator lacks and `setup` are left out).
   */
  against?: {
    observation: Partial<Observation>;
    as: 'expected' | 'simulator';
    extraRuns?: number;
    /** Also compare neighbour states. */
    states?: boolean;
  };
}

export interface VmJobResult {
  id: string;
  /** ok: runs are there; unsupported: the VM kernel lacks a kind (reasons); error: the run failed (error). */
  status: 'ok' | 'unsupported' | 'error';
  /** Every run's observation, the first first (the `runs` asked for, then any second looks). */
  runs: KernelObservation[];
  /** With `against`: the items every run disagreed on (empty = agrees). */
  diff?: DiffItem[];
  reasons?: string[];
  error?: string;
  /** Seconds from the job's first sandbox start to its end in the guest. */
  seconds: number;
}

/** job.json */
export interface VmJobFile {
  /** Sandboxes at once inside the guest. */
  parallel: number;
  jobs: VmJob[];
}

/** Per-link-type verdicts of the guest's kernel (kernel-support.ts), written as support.json. */
export interface VmSupportFile {
  release: string;
  version: string;
  kinds: Record<string, { supported: boolean; error?: string }>;
}
