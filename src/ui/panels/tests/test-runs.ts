/**
 * Results of the design's saved tests, run in the simulator worker (`run-tests`), kept with
 * the design they were run on: an edit makes them stale, and a lab's goals are run again on
 * their own (debounced) so the student sees at once whether the goals are met.
 */
import { create } from 'zustand';
import type { Design, Id, SavedTest } from '../../../core/model/types';
import type { SimResponse } from '../../../worker/protocol';
import type { TestRun } from '../../../worker/saved-tests';
import { getSimClient } from '../../sim/client';


interface TestRunsState {
  /** Latest result per test id, with the design it was run on. */
  runs: Record<Id, TestRun & { design: Design }>;
  /** Test ids waiting for a result. */
  running: Id[];
  /** The test whose frames the canvas shows (the last one run on its own). */
  shown: Id | null;
}

export const useTestRuns = create<TestRunsState>(() => ({ runs: {}, running: [], shown: null }));

let seq = 0;
let listening = false;
const pending = new Map<number, Design>();

function onMessage(r: SimResponse): void {
  if (r.type !== 'test-results') return;
  const design = pending.get(r.id);
  if (!design) return;
  pending.delete(r.id);
  const done = new Set(r.results.map((x) => x.id));
  useTestRuns.setState((s) => {
    const runs = { ...s.runs };
    for (const x of r.results) runs[x.id] = { ...x, design };
    return { runs, running: s.running.filter((id) => !done.has(id)) };
  });
}

/** Runs `tests` of `design` in the simulator worker; results arrive in `useTestRuns`. */
export function runTests(design: Design, tests: readonly SavedTest[]): void {
  if (!tests.length) return;
  const client = getSimClient();
  if (!listening) { client.onMessage(onMessage); listening = true; }
  const id = ++seq;
  pending.set(id, design);
  useTestRuns.setState((s) => ({ running: [...new Set([...s.running, ...tests.map((t) => t.id)])] }));
  client.send({ type: 'run-tests', id, design, tests: [...tests] });
}

/**
 * The result of a test for this design's network, or undefined when it has not run on it.
 * Edits of the tests, the lab or the layout keep results (the machines and LANs are the same
 * objects after such an edit); any change of the network makes them stale.
 */
export function currentRun(runs: TestRunsState['runs'], design: Design, id: Id): TestRun | undefined {
  const r = runs[id];
  if (!r || r.design.hosts !== design.hosts || r.design.lans !== design.lans) return undefined;
  const probe = (design.tests ?? []).find((t) => t.id === id)?.probe;
  const ranProbe = (r.design.tests ?? []).find((t) => t.id === id)?.probe;
  return probe !== undefined && probe === ranProbe ? r : undefined;
}

/** Forgets every result (tests, a new document). */
export function resetTestRuns(): void {
  useTestRuns.setState({ runs: {}, running: [], shown: null });
}
