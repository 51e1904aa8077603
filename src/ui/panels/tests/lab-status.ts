/** Whether a lab's goals are met on the current design, from the latest test runs. */
import type { Design } from '../../../core/model/types';
import type { TestRun } from '../../../worker/saved-tests';
import { currentRun, useTestRuns } from './test-runs';

export interface LabStatus {
  total: number;
  met: number;
  /** Goals without a result for this design yet. */
  unknown: number;
  /** The first goal that is not met, with its run. */
  firstFailing?: { probe: string; run: TestRun };
}

export function labStatus(design: Design, runs: ReturnType<typeof useTestRuns.getState>['runs']): LabStatus | undefined {
  const lab = design.lab;
  if (!lab) return undefined;
  const tests = new Map((design.tests ?? []).map((t) => [t.id, t]));
  const status: LabStatus = { total: 0, met: 0, unknown: 0 };
  for (const id of lab.goals) {
    const t = tests.get(id);
    if (!t) continue;
    status.total++;
    const run = currentRun(runs, design, id);
    if (!run) status.unknown++;
    else if (run.pass) status.met++;
    else status.firstFailing ??= { probe: t.probe, run };
  }
  return status;
}

/** The lab status of the current design, re-rendering when results arrive. */
export function useLabStatus(design: Design): LabStatus | undefined {
  const runs = useTestRuns((s) => s.runs);
  return labStatus(design, runs);
}
