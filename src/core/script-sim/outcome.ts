/**
 * The exit status of a script's own ping or arping while the script runs, decided by
 * simulating the design as far as the script has built it (with the script's earlier steps
 * run first). Passed to the importer (`importScript(text, { probe })`), it makes `set -e`,
 * `ping … && echo ok` and `if ping …` follow what the kernel would answer at that line, and
 * the saved ping test expects that answer.
 */
import type { ProbeOutcome } from '../iproute2/import/index';
import type { Design } from '../model/types';
import { buildSim } from '../sim/build';
import { runScriptSteps } from '../sim/script-steps';

/** A probe outcome that simulates; `seed` fixes the MACs and timers of every such run. */
export function simulatedProbeOutcome(seed = 1): ProbeOutcome {
  return (test, st) => {
    const design = JSON.parse(JSON.stringify(st.design)) as Design;
    design.tests = st.tests.map((t) => ({ ...t }));
    const sim = buildSim(design, { seed });
    const rc = runScriptSteps(sim, design.tests).get(test.id);
    // the saved test expects what the line did when the script ran (exported again with it)
    if (rc !== undefined && test.probe.startsWith('ping ')) test.expect = rc === 0 ? 'reply' : 'no-reply';
    return rc;
  };
}
