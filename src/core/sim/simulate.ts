/**
 * One-shot simulation of a design with a probe file, timed like the conformance harness
 * (oracle.py inner): setup ends at t=0, the script's own probes run (script-steps.ts), 1.5 s settle, captures start, 0.1 s later the
 * probes run one after another with state carried over, captures stop 0.3 s after the
 * last probe, then the tables are read. Returns the observation and the trace.
 */
import type { Design } from '../model/types';
import type { Observation, ProbeResult } from '../observation/types';
import type { ProbeFile } from '../world/probes';
import { buildMacLabeler } from '../capture/labels';
import type { Trace } from './engine/trace';
import { type Nanos, millis, seconds } from './engine/time';
import { buildSim } from './build';
import type { KernelVersion } from './kernel-version';
import type { Sim } from './model';
import { startPing } from './probes/ping';
import { startArping, type RawArpingResult } from './probes/arping';
import { startConnect } from './probes/connect';
import { startTraceroute } from './probes/traceroute';
import { labelInterfaces, nsLinks } from './observe/links';
import { nsFdb, nsNeigh, nsRoutes } from './observe/tables';
import { buildCaptures, type CaptureTarget } from './observe/captures';
import { runScriptSteps } from './script-steps';

/**
 * How the measuring harness spaced its probes in time. Starting `ping` costs the harness a
 * fork of `timeout`, `ip netns exec` and the tool itself; that start-up time decides in
 * which probe's window timer-driven frames (ARP re-probes 5 s later) fall. It depends on
 * the machine that measured, not on the network.
 */
export interface HarnessTiming {
  /** From a probe's window start to its first packet, ns. */
  probeStartup: number;
  /** From a probe's end to the next probe's window start, ns. */
  probeGap: number;
}

/** The harness on a Firecracker guest (the Linux 6.18 fixtures): fast process start-up. */
export const FAST_HARNESS: HarnessTiming = { probeStartup: millis(5), probeGap: millis(10) };

/**
 * The harness in a qemu guest with its root file system over 9p (the Debian 6.1 fixtures):
 * starting each probe's processes took about a second.
 */
export const SLOW_HARNESS: HarnessTiming = { probeStartup: millis(1000), probeGap: millis(10) };

export interface SimulateOptions {
  seed: number;
  timing?: HarnessTiming;
  /** The kernel to follow where releases differ; default the newest measured. */
  kernel?: KernelVersion;
}

export interface SimulateResult {
  observation: Observation;
  trace: Trace;
}

/** Settle time between setup and the first probe (oracle.py SETTLE). */
export const SETTLE = seconds(1.5);
/** Captures start, then the harness sleeps this long before the first probe. */
export const CAPTURE_LEAD = millis(100);
/** Captures stop this long after the last probe. */
export const CAPTURE_TAIL = millis(300);

/** Runs one probe to completion; returns its (unlabelled) result. */
export function runProbe(sim: Sim, probe: ProbeFile['probes'][number], timing: HarnessTiming = FAST_HARNESS, index = -1): ProbeResult | RawArpingResult {
  let result: ProbeResult | RawArpingResult | undefined;
  sim.engine.runUntil((sim.engine.now + timing.probeStartup) as Nanos);
  if (probe.kind === 'ping') startPing(sim, probe, (r) => { result = r; }, index);
  else if (probe.kind === 'arping') startArping(sim, probe, (r) => { result = r; }, index);
  else if (probe.kind === 'traceroute') startTraceroute(sim, probe, (r) => { result = r; }, index);
  else startConnect(sim, probe, (r) => { result = r; }, index);
  const span = probe.kind === 'ping' ? probe.count : probe.kind === 'traceroute' ? probe.wait * Math.ceil(probe.max / 16) : 1;
  const limit = (sim.engine.now + seconds(probe.wait + span + 5)) as Nanos;
  sim.engine.runWhile(() => result !== undefined, limit);
  return result ?? { probe: probe.line, rc: 124, ok: false, error: 'local_error', local_errors: ['timeout'] };
}

function captureTarget(sim: Sim, ns: string, dev: string): CaptureTarget {
  const d = sim.nsByLabel.get(ns)?.byName.get(dev);
  return !d ? 'missing' : !d.up ? 'down' : d.kind === 'tun' ? 'raw' : 'ethernet';
}

/** simulate(design, probes, {seed}) → { observation, trace }. */
export function simulate(design: Design, probes: ProbeFile, opts: SimulateOptions): SimulateResult {
  const sim = buildSim(design, { seed: opts.seed, kernel: opts.kernel });
  const timing = opts.timing ?? FAST_HARNESS;
  for (const c of probes.captures) {
    const d = sim.nsByLabel.get(c.ns)?.byName.get(c.dev);
    if (d) d.captured = true;
  }
  // the script's own pings run while it sets up; the harness settles after the whole script
  runScriptSteps(sim, design.tests, timing);
  sim.engine.runUntil((sim.engine.now + SETTLE) as Nanos);
  const captureStart = sim.engine.now;
  sim.engine.runUntil((captureStart + CAPTURE_LEAD) as Nanos);
  const probeStarts: number[] = [];
  const results: (ProbeResult | RawArpingResult)[] = [];
  probes.probes.forEach((p, index) => {
    probeStarts.push(sim.engine.now);
    sim.trace.push({ t: sim.engine.now, kind: 'probe-start', index, line: p.line });
    results.push(runProbe(sim, p, timing, index));
    sim.engine.runUntil((sim.engine.now + timing.probeGap) as Nanos);
  });
  sim.engine.runUntil((sim.engine.now + CAPTURE_TAIL) as Nanos);
  const captureStop = sim.engine.now;
  const label = buildMacLabeler(labelInterfaces(sim));
  for (const r of results) {
    if ('replies' in r && Array.isArray(r.replies)) r.replies = [...new Set(r.replies.map(label))].sort();
  }
  const observation: Observation = {
    format: 1,
    setup: { exit: 0, failed: [], stderr: [] },
    probes: results as ProbeResult[],
    captures: buildCaptures(sim.trace, probes.captures, (ns, dev) => captureTarget(sim, ns, dev), { start: captureStart, stop: captureStop, probeStarts }, label),
    neigh: {},
    links: {},
    routes: {},
    fdb: {},
  };
  for (const ns of sim.namespaces) {
    observation.neigh[ns.label] = nsNeigh(ns, label);
    observation.links[ns.label] = nsLinks(ns, sim);
    observation.routes[ns.label] = nsRoutes(ns);
    const fdb = nsFdb(sim, ns, label);
    if (fdb.length > 0) observation.fdb[ns.label] = fdb;
  }
  return { observation, trace: sim.trace };
}
