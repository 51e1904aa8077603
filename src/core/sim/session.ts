/**
 * An incrementally driven simulation, for a UI worker: load a design, start pings and
 * arpings from namespaces, step one event or run until a time, read the tables of a
 * namespace, and read new trace events since an index. `simulate()` is the one-shot
 * equivalent timed like the conformance harness.
 */
import type { Design } from '../model/types';
import type { LinkEntry, NeighEntry, ProbeResult } from '../observation/types';
import type { ArpingProbe, PingProbe } from '../world/probes';
import { ARPING_WAIT_SECONDS, PING_WAIT_SECONDS } from '../world/probes';
import { buildMacLabeler } from '../capture/labels';
import type { MacLabeler } from '../capture/describe';
import type { TraceEvent } from './engine/trace';
import type { Nanos } from './engine/time';
import { buildSim } from './build';
import type { KernelVersion } from './kernel-version';
import type { Sim } from './model';
import { startPing } from './probes/ping';
import { startArping, type RawArpingResult } from './probes/arping';
import { labelInterfaces, nsLinks } from './observe/links';
import { nsFdb, nsNeigh, nsRoutes } from './observe/tables';

/** A probe started in a session; `result` is set when it finishes. */
export interface ProbeHandle {
  line: string;
  result?: ProbeResult | RawArpingResult;
}

export class SimSession {
  readonly sim: Sim;
  private probes = 0;

  constructor(design: Design, opts: { seed: number; kernel?: KernelVersion }) {
    this.sim = buildSim(design, { seed: opts.seed, kernel: opts.kernel });
  }

  /** Current simulated time, ns. */
  get now(): Nanos {
    return this.sim.engine.now;
  }

  /** Runs the next event; false when nothing is pending. */
  step(): boolean {
    return this.sim.engine.step();
  }

  /** Runs every event due up to `t` (ns). */
  runUntil(t: Nanos): void {
    this.sim.engine.runUntil(t);
  }

  /** Runs until the probe finished (or `limit` ns from now passed). */
  runUntilDone(h: ProbeHandle, limit: number): void {
    this.sim.engine.runWhile(() => h.result !== undefined, (this.sim.engine.now + limit) as Nanos);
  }

  /** Starts `ping` from namespace `ns` (label) to `dst`. */
  ping(ns: string, dst: string, opts: Partial<Omit<PingProbe, 'kind' | 'ns' | 'dst' | 'line'>> = {}): ProbeHandle {
    const probe: PingProbe = { kind: 'ping', ns, dst, count: opts.count ?? 1, wait: opts.wait ?? PING_WAIT_SECONDS, iface: opts.iface, src: opts.src, line: `ping ${ns} ${dst}` };
    const h: ProbeHandle = { line: probe.line };
    const index = this.begin(probe.line);
    startPing(this.sim, probe, (r) => { h.result = r; }, index);
    return h;
  }

  /** Starts `arping` on device `dev` of namespace `ns`. */
  arping(ns: string, dev: string, dst: string, wait = ARPING_WAIT_SECONDS): ProbeHandle {
    const probe: ArpingProbe = { kind: 'arping', ns, dev, dst, wait, line: `arping ${ns} ${dev} ${dst}` };
    const h: ProbeHandle = { line: probe.line };
    const index = this.begin(probe.line);
    startArping(this.sim, probe, (r) => { h.result = r; }, index);
    return h;
  }

  private begin(line: string): number {
    const index = this.probes++;
    this.sim.trace.push({ t: this.sim.engine.now, kind: 'probe-start', index, line });
    return index;
  }

  /** Namespace labels. */
  namespaces(): string[] {
    return this.sim.namespaces.map((n) => n.label);
  }

  /** Names MACs by their owners, as observations do. */
  labeler(): MacLabeler {
    return buildMacLabeler(labelInterfaces(this.sim));
  }

  /** `ip neigh` of a namespace (MACs raw unless a labeler is given). */
  neighbours(ns: string, label: MacLabeler = (m) => m): NeighEntry[] {
    const n = this.sim.nsByLabel.get(ns);
    return n ? nsNeigh(n, label) : [];
  }

  /** `ip -4 route show` of a namespace. */
  routes(ns: string): string[] {
    const n = this.sim.nsByLabel.get(ns);
    return n ? nsRoutes(n) : [];
  }

  /** Learned FDB entries of the bridges of a namespace. */
  fdb(ns: string, label: MacLabeler = (m) => m): unknown[] {
    const n = this.sim.nsByLabel.get(ns);
    return n ? nsFdb(this.sim, n, label) : [];
  }

  /** `ip link` of a namespace. */
  links(ns: string): LinkEntry[] {
    const n = this.sim.nsByLabel.get(ns);
    return n ? nsLinks(n, this.sim) : [];
  }

  /** Trace events recorded at or after index `i`. */
  traceSince(i: number): TraceEvent[] {
    return this.sim.trace.since(i);
  }
}
