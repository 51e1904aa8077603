/**
 * The script's own probes, run during the setup as the kernel runs them: an imported
 * script's `ping -c N`, `arping`, `ip neigh flush` and `arp -d` lines (saved tests with
 * origin `script`) run one after another, in script order, before the settle time, so the
 * neighbour tables, FDBs and ARP timers they leave are there when the probes start. The
 * design holds the final configuration only, so every step runs after all of it.
 */
import { parseIp } from '../net/ipv4';
import type { SavedTest } from '../model/types';
import { parseProbes } from '../world/probes';
import type { Sim, SimDev } from './model';
import type { HarnessTiming } from './simulate';
import { runProbe } from './simulate';

/** Removes a namespace's neighbour entries that `keep` does not keep. */
function dropEntries(sim: Sim, nsLabel: string, drop: (dev: SimDev, ip: number, state: string) => boolean): void {
  const ns = sim.nsByLabel.get(nsLabel);
  if (!ns) return;
  for (const [k, e] of ns.neigh) {
    if (!drop(e.dev, e.ip, e.state)) continue;
    sim.engine.cancel(e.timer);
    ns.neigh.delete(k);
    e.dev.neighByIp?.delete(e.ip | 0);
  }
}

/** Runs one saved step; unknown or malformed steps do nothing (the importer reported them). Returns a probe's exit status. */
function runStep(sim: Sim, step: string, timing: HarnessTiming | undefined): number | undefined {
  const [verb, ns, a, b] = step.trim().split(/\s+/);
  if (verb === 'ping' || verb === 'arping' || verb === 'tcp' || verb === 'udp' || verb === 'traceroute') {
    const probe = parseProbes(step, 'script').probes.probes[0];
    return probe ? runProbe(sim, probe, timing).rc : undefined;
  }
  if (verb === 'neigh-flush' && ns) {
    // `ip neigh flush` leaves permanent and noarp entries unless asked (iproute2 default filter)
    dropEntries(sim, ns, (dev, _ip, state) => (a === undefined || dev.name === a) && state !== 'permanent' && state !== 'noarp');
  } else if (verb === 'neigh-del' && ns && a) {
    const ip = parseIp(a);
    if (ip !== undefined) dropEntries(sim, ns, (dev, eip) => eip >>> 0 === ip >>> 0 && (b === undefined || dev.name === b));
  }
}

/** Runs the design's script steps in order from the current time; returns each probe's exit status by test id. */
export function runScriptSteps(sim: Sim, tests: readonly SavedTest[] | undefined, timing?: HarnessTiming): Map<string, number> {
  const status = new Map<string, number>();
  for (const t of tests ?? []) {
    if (t.origin !== 'script') continue;
    const rc = runStep(sim, t.probe, timing);
    if (rc !== undefined) status.set(t.id, rc);
  }
  return status;
}
