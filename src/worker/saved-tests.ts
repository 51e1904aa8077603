/**
 * Runs a design's saved tests (`design.tests`), each on a fresh simulation of the design
 * timed like the conformance harness, so a test's verdict depends on the design alone and
 * never on what was typed in a console before. A failed test names the drop that stopped it.
 */
import type { Design, SavedTest } from '../core/model/types';
import { simulate } from '../core/sim/simulate';
import type { TraceEvent } from '../core/sim/engine/trace';
import { parseProbes } from '../core/world/probes';
import { pingOutcome } from './console/probe-output';
import type { PingOutcome } from './protocol';

export interface TestDrop { reason: string; why: string; ns: string; dev: string }

export interface TestRun {
  id: string;
  /** What happened: a ping's outcome, or for arping `reply` when someone answered. */
  outcome?: PingOutcome;
  /** Against the test's `expect`; absent when the test states no expectation or could not run. */
  pass?: boolean;
  /** One line for people, e.g. "1 reply from 10.0.0.2" or "no reply". */
  summary: string;
  /** The drop most likely to have stopped the probe (first one that is not normal filtering). */
  drop?: TestDrop;
  /** Why the test could not run (a line that does not parse, a missing namespace). */
  error?: string;
}

/** Drops that happen on any healthy network (frames for someone else, protocols nobody handles). */
const ROUTINE = new Set(['other-host', 'not-handled']);

function stoppingDrop(events: readonly TraceEvent[], from: number): TestDrop | undefined {
  for (let i = from; i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'drop' && !ROUTINE.has(e.reason)) return { reason: e.reason, why: e.why, ns: e.at.ns, dev: e.at.dev };
  }
  return undefined;
}

/** Runs one saved test on a fresh simulation of `design`. */
export function runSavedTest(design: Design, test: SavedTest, seed: number): TestRun {
  const { probes, diagnostics } = parseProbes(test.probe, 'test');
  const probe = probes.probes[0];
  if (diagnostics.length || !probe) return { id: test.id, summary: 'cannot run', error: diagnostics[0]?.message ?? 'not a ping or arping line' };
  if (!design.hosts.some((h) => h.namespaces.some((n) => n.name === probe.ns))) {
    return { id: test.id, summary: 'cannot run', error: `Cannot open network namespace "${probe.ns}": No such file or directory` };
  }
  const { observation, trace } = simulate(design, { probes: [probe], captures: [] }, { seed });
  const r = observation.probes[0];
  const events = trace.events;
  const start = events.findIndex((e) => e.kind === 'probe-start');
  let outcome: PingOutcome;
  let summary: string;
  if (probe.kind === 'ping') {
    outcome = pingOutcome(r);
    const n = r.received ?? 0;
    summary = outcome === 'reply' ? `${n} ${n === 1 ? 'reply' : 'replies'} from ${(r.reply_from ?? [probe.dst]).join(', ')}`
      : outcome === 'host-unreachable' ? `Destination Host Unreachable${r.error_from ? ` (from ${r.error_from})` : ''}`
        : outcome === 'network-unreachable' ? 'Network is unreachable'
          : r.local_errors?.length ? r.local_errors.join('; ') : 'no reply';
  } else if (probe.kind === 'tcp' || probe.kind === 'udp') {
    outcome = r.ok ? 'reply' : 'no-reply';
    summary = r.ok ? `connected to ${probe.dst} port ${probe.port}` : r.error === 'connection_refused' ? 'connection refused' : r.error === 'timed_out' ? 'timed out' : (r.local_errors?.join('; ') || 'failed');
  } else if (probe.kind === 'traceroute') {
    outcome = r.ok ? 'reply' : 'no-reply';
    summary = r.hops?.length ? `hops: ${r.hops.join(', ')}` : (r.local_errors?.join('; ') || 'no hops');
  } else {
    const replies = r.replies ?? [];
    outcome = replies.length ? 'reply' : 'no-reply';
    summary = replies.length ? `answered by ${replies.join(', ')}` : (r.local_errors?.join('; ') || 'no answer');
  }
  const run: TestRun = { id: test.id, outcome, summary };
  if (test.expect) run.pass = (outcome === 'reply') === (test.expect === 'reply');
  if (outcome !== 'reply' || run.pass === false) {
    const drop = stoppingDrop(events, Math.max(0, start));
    if (drop) run.drop = drop;
  }
  return run;
}

/** Runs tests one after another, each on its own fresh simulation. */
export function runSavedTests(design: Design, tests: readonly SavedTest[], seed: number): TestRun[] {
  return tests.map((t) => runSavedTest(design, t, seed));
}
