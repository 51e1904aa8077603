/**
 * The trace: everything the simulator did, as typed events in time order. It is the
 * simulator's only output; observations (captures, probe verdicts) are derived from it.
 * Readers poll with an index (`since(i)`) so a UI can stream it incrementally.
 */
import type { Nanos } from './time';

/** Where something happened: namespace label and device name. */
export interface Where {
  ns: string;
  dev: string;
}

export type DropReason =
  | 'dev-down'
  | 'no-carrier'
  | 'other-host'
  | 'noarp'
  | 'vlan-unknown'
  | 'bridge-port-state'
  | 'bridge-no-egress'
  | 'bridge-vlan'
  | 'bridge-invalid-src'
  | 'macvlan'
  | 'ipvlan'
  | 'lo-down'
  | 'martian'
  | 'rp-filter'
  | 'no-forwarding'
  | 'no-route'
  | 'ttl'
  | 'firewall'
  | 'neigh-failed'
  | 'arp-ignore'
  | 'no-reader'
  | 'dummy'
  | 'storm'
  | 'not-handled';

export type TraceEvent =
  | { t: Nanos; kind: 'frame-tx'; at: Where; frame: Uint8Array }
  | { t: Nanos; kind: 'frame-rx'; at: Where; frame: Uint8Array }
  | { t: Nanos; kind: 'drop'; at: Where; reason: DropReason; why: string; frame?: Uint8Array }
  | { t: Nanos; kind: 'neigh'; at: Where; ip: string; state: string; lladdr?: string }
  | { t: Nanos; kind: 'fdb'; at: Where; bridge: string; mac: string; port: string; event: 'learned' | 'moved' | 'aged' }
  | { t: Nanos; kind: 'route'; ns: string; dst: string; result: string }
  | { t: Nanos; kind: 'probe-start'; index: number; line: string }
  | { t: Nanos; kind: 'probe-end'; index: number; line: string; ok: boolean; detail: string }
  | { t: Nanos; kind: 'note'; ns: string; text: string };

export type TraceEventKind = TraceEvent['kind'];

/** An append-only event log. */
export class Trace {
  readonly events: TraceEvent[] = [];
  /** When false, only frames of captured devices are recorded, and no route decisions (benchmarks). */
  recordAllFrames = true;

  push(ev: TraceEvent): void {
    this.events.push(ev);
  }

  get length(): number {
    return this.events.length;
  }

  /** Events recorded at or after index `i`. */
  since(i: number): TraceEvent[] {
    return this.events.slice(i);
  }
}
