/**
 * Runs a design's saved tests (a script's own pings, arpings and neighbour steps) in order on
 * one simulation after setup, carrying neighbour and FDB state from one test to the next, as
 * the script's lines did on the kernel. `neigh-flush NS [DEV]` and `neigh-del NS ADDR [DEV]`
 * change the tables without reporting.
 */
import type { Design, SavedTest } from '../model/types';
import { parseIp } from '../net/ipv4';
import type { ProbeResult } from '../observation/types';
import { parseProbes } from '../world/probes';
import { seconds, type Nanos } from './engine/time';
import { buildSim } from './build';
import type { Sim } from './model';
import type { RawArpingResult } from './probes/arping';
import { FAST_HARNESS, runProbe, SETTLE, type HarnessTiming } from './simulate';
import { neighFlushDev } from './stack/neigh';

export interface SavedTestOutcome {
  test: SavedTest;
  /** A ping's or arping's result; absent for a neighbour step. */
  result?: ProbeResult | RawArpingResult;
  /** Why the test could not run (unknown namespace or device, unreadable line). */
  problem?: string;
}

/** Runs `tests` (default: the design's) in order; returns each outcome and the simulation. */
export function runSavedTests(design: Design, opts: { seed: number; timing?: HarnessTiming; tests?: SavedTest[] }): { outcomes: SavedTestOutcome[]; sim: Sim } {
  const sim = buildSim(design, { seed: opts.seed });
  const timing = opts.timing ?? FAST_HARNESS;
  sim.engine.runUntil(SETTLE);
  const outcomes: SavedTestOutcome[] = [];
  (opts.tests ?? design.tests ?? []).forEach((test, index) => {
    const [verb, ns, ...rest] = test.probe.trim().split(/\s+/);
    if (verb === 'neigh-flush' || verb === 'neigh-del') {
      outcomes.push({ test, ...neighStep(sim, verb, ns, rest) });
      return;
    }
    const { probes, diagnostics } = parseProbes(test.probe);
    const probe = probes.probes[0];
    if (!probe) { outcomes.push({ test, problem: diagnostics[0]?.message ?? 'not a probe' }); return; }
    outcomes.push({ test, result: runProbe(sim, probe, timing, index) });
    sim.engine.runUntil((sim.engine.now + timing.probeGap) as Nanos);
  });
  sim.engine.runUntil((sim.engine.now + seconds(0.3)) as Nanos);
  return { outcomes, sim };
}

function neighStep(sim: Sim, verb: string, nsLabel: string | undefined, rest: string[]): { problem?: string } {
  const ns = nsLabel === undefined ? undefined : sim.nsByLabel.get(nsLabel);
  if (!ns) return { problem: `no namespace "${nsLabel ?? ''}"` };
  if (verb === 'neigh-flush') {
    const dev = rest[0] === undefined ? undefined : ns.byName.get(rest[0]);
    if (rest[0] !== undefined && !dev) return { problem: `no device "${rest[0]}" in ${nsLabel}` };
    for (const d of dev ? [dev] : ns.devs) neighFlushDev(sim, d);
    return {};
  }
  const ip = parseIp(rest[0] ?? '');
  if (ip === undefined) return { problem: `not an address: ${rest[0] ?? ''}` };
  for (const [k, e] of ns.neigh) {
    if ((e.ip | 0) === (ip | 0) && (rest[1] === undefined || e.dev.name === rest[1]) && e.state !== 'permanent') {
      sim.engine.cancel(e.timer);
      ns.neigh.delete(k);
      e.dev.neighByIp?.delete(e.ip | 0);
    }
  }
  return {};
}
