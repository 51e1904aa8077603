/**
 * The trace: everything the simulator did, as typed events in time order. It is the
 * simulator's only output; observations (captures, probe verdicts) are derived from it.
 * Readers poll with an index (`since(i)`) so a UI can stream it incrementally.
 */
import type { Nanos } from './time';
import { formatIp } from '../../net/ipv4';

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
  | 'not-joined'
  | 'no-route'
  | 'ttl'
  | 'firewall'
  | 'neigh-failed'
  | 'arp-ignore'
  | 'no-reader'
  | 'dummy'
  | 'bond'
  | 'vrf'
  | 'vxlan-no-remote'
  | 'vxlan-circular'
  | 'vxlan-proxy'
  | 'vxlan-header'
  | 'vxlan-vni'
  | 'vxlan-loop'
  | 'vxlan-static'
  | 'tunnel-no-remote'
  | 'tunnel-recursion'
  | 'tunnel-no-match'
  | 'storm'
  | 'not-handled';

export type TraceEvent =
  | { t: Nanos; kind: 'frame-tx'; at: Where; frame: Uint8Array }
  | { t: Nanos; kind: 'frame-rx'; at: Where; frame: Uint8Array }
  /** `fix`: the remedy for this very drop when it depends on the design (e.g. which device lacks a cable). */
  | { t: Nanos; kind: 'drop'; at: Where; reason: DropReason; why: string; frame?: Uint8Array; fix?: string }
  | { t: Nanos; kind: 'neigh'; at: Where; ip: string; state: string; lladdr?: string }
  | { t: Nanos; kind: 'fdb'; at: Where; bridge: string; mac: string; port: string; event: 'learned' | 'moved' | 'aged' }
  | { t: Nanos; kind: 'route'; ns: string; dst: string; result: string }
  | { t: Nanos; kind: 'probe-start'; index: number; line: string }
  | { t: Nanos; kind: 'probe-end'; index: number; line: string; ok: boolean; detail: string }
  | { t: Nanos; kind: 'note'; ns: string; text: string };

export type TraceEventKind = TraceEvent['kind'];

/**
 * Codes of the compact rows: a frame seen by a device's taps, a neighbour state change
 * (NEIGH + the state's index in NEIGH_STATES), or any other event kept whole.
 */
const TX = 0;
const RX = 1;
const OBJECT = 2;
const NEIGH = 3;

/** The `state` texts of neighbour events, by their row code - NEIGH. */
export const NEIGH_STATES = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'PERMANENT', 'NOARP'] as const;
export type NeighStateText = (typeof NEIGH_STATES)[number];
/**
 * Rows per chunk: a chunk's columns never move once full (a long trace is never copied
 * whole). The first chunk is small, for the many short simulations; the others are large
 * enough (256 KB of references) for V8 to allocate their arrays in its large-object space,
 * which the young-generation collector never copies: a long trace costs no copying.
 */
const FIRST = 1 << 12;
const BIG_BITS = 15;
const BIG = 1 << BIG_BITS;

/** The chunk holding row `k`. */
function chunkOf(k: number): number {
  return k < FIRST ? 0 : 1 + ((k - FIRST) >> BIG_BITS);
}

/** Row `k`'s index in its chunk. */
function slotOf(k: number): number {
  return k < FIRST ? k : (k - FIRST) & (BIG - 1);
}

/**
 * A drop explanation rendered on first read: `render(a, b)`. The arguments are kept instead
 * of a closure so that the hot functions that drop create no closure (and V8 allocates no
 * context for them on every call, drop or not).
 */
interface PendingWhy {
  ev: { why: string };
  render: (a: unknown, b: unknown) => string;
  a: unknown;
  b: unknown;
}

/**
 * A fixed-size block of rows. Times and codes are typed columns: numbers stored unboxed
 * outside the JS heap, which the garbage collector never scans (one allocation per chunk
 * of rows). References stay in plain arrays, allocated at full size.
 */
interface Chunk {
  times: Float64Array;
  codes: Uint8Array;
  /** Per row: the address of a neighbour event. */
  ips: Float64Array;
  /** Per row: the `Where` of a frame or a neighbour event, or the event itself. */
  refs: (Where | TraceEvent)[];
  /** Per row: the frame bytes, the link-layer address of a neighbour event, else undefined. */
  frames: (Uint8Array | string | undefined)[];
}

function newChunk(rows: number): Chunk {
  return {
    times: new Float64Array(rows), codes: new Uint8Array(rows), ips: new Float64Array(rows),
    refs: new Array<Where | TraceEvent>(rows), frames: new Array<Uint8Array | string | undefined>(rows),
  };
}


/**
 * An append-only event log. Frames — nearly every event — are stored as compact rows
 * (time, direction, shared `Where`, frame bytes) in fixed-size chunks and turned into
 * `TraceEvent` objects only when read, in order, once: a simulation nobody reads allocates
 * nothing per frame, and one that is read costs what it did before.
 */
export class Trace {
  /** When false, only frames of captured devices are recorded, and no route decisions (benchmarks). */
  recordAllFrames = true;
  private chunks: Chunk[] = [];
  private current: Chunk | undefined;
  private count = 0;
  /** Rows already turned into objects (a prefix of the log). */
  private made: TraceEvent[] = [];
  /** Drop explanations not written yet, by row: rendered when the row is first read. */
  private pendingWhy = new Map<number, PendingWhy>();

  /** Index of the next row in the current chunk (a new chunk when the last one is full). */
  private row(): number {
    const k = this.count++;
    const i = slotOf(k);
    if (i === 0) this.chunks.push((this.current = newChunk(k === 0 ? FIRST : BIG)));
    return i;
  }

  push(ev: TraceEvent): void {
    const i = this.row();
    const c = this.current as Chunk;
    c.times[i] = ev.t;
    c.codes[i] = OBJECT;
    c.refs[i] = ev;
    c.frames[i] = undefined;
  }

  /**
   * Records a drop whose explanation is rendered only if the trace is read (most drops in a
   * large broadcast domain never are). `render` must depend only on values fixed at the drop.
   */
  pushDrop<A, B>(ev: Extract<TraceEvent, { kind: 'drop' }>, render: (a: A, b: B) => string, a?: A, b?: B): void {
    this.pendingWhy.set(this.count, { ev, render: render as PendingWhy['render'], a, b });
    this.push(ev);
  }

  /** Records a frame seen by the taps of the device at `at` (the object is made on read). */
  pushFrame(t: Nanos, kind: 'frame-tx' | 'frame-rx', at: Where, frame: Uint8Array): void {
    const i = this.row();
    const c = this.current as Chunk;
    c.times[i] = t;
    c.codes[i] = kind === 'frame-tx' ? TX : RX;
    c.refs[i] = at;
    c.frames[i] = frame;
  }

  /**
   * Records a neighbour entry's state change (read as a `neigh` event). Kept as a row, not an
   * object: a large broadcast domain makes as many of these as it has entries, and every one
   * lives as long as the trace.
   */
  pushNeigh(t: Nanos, at: Where, ip: number, state: NeighStateText, lladdr: string | undefined): void {
    const i = this.row();
    const c = this.current as Chunk;
    c.times[i] = t;
    c.codes[i] = NEIGH + NEIGH_STATES.indexOf(state);
    c.ips[i] = ip >>> 0;
    c.refs[i] = at;
    c.frames[i] = lladdr;
  }

  get length(): number {
    return this.count;
  }

  /**
   * Every event recorded so far, in time order. The array is brought up to date on each
   * read (read it again after running; a reference kept across events does not grow).
   */
  get events(): TraceEvent[] {
    const made = this.made;
    for (let k = made.length; k < this.count; k++) {
      const c = this.chunks[chunkOf(k)];
      const i = slotOf(k);
      const code = c.codes[i];
      if (code === OBJECT && this.pendingWhy.size > 0) this.renderWhy(k);
      made.push(code === OBJECT
        ? c.refs[i] as TraceEvent
        : code >= NEIGH
          ? { t: c.times[i] as Nanos, kind: 'neigh', at: c.refs[i] as Where, ip: formatIp(c.ips[i]), state: NEIGH_STATES[code - NEIGH], lladdr: c.frames[i] as string | undefined }
          : { t: c.times[i] as Nanos, kind: code === TX ? 'frame-tx' : 'frame-rx', at: c.refs[i] as Where, frame: c.frames[i] as Uint8Array });
    }
    return made;
  }

  private renderWhy(row: number): void {
    const p = this.pendingWhy.get(row);
    if (!p) return;
    this.pendingWhy.delete(row);
    p.ev.why = p.render(p.a, p.b);
  }

  /** Events recorded at or after index `i`. */
  since(i: number): TraceEvent[] {
    return this.events.slice(i);
  }

  /** Calls `f` for every frame event recorded at or after index `from`, without making event objects. */
  forEachFrame(f: (t: Nanos, kind: 'frame-tx' | 'frame-rx', at: Where, frame: Uint8Array) => void, from = 0): void {
    for (let k = from; k < this.count; k++) {
      const c = this.chunks[chunkOf(k)];
      const i = slotOf(k);
      const code = c.codes[i];
      if (code === OBJECT) {
        const ev = c.refs[i] as TraceEvent;
        if (ev.kind === 'frame-tx' || ev.kind === 'frame-rx') f(ev.t, ev.kind, ev.at, ev.frame);
      } else if (code < NEIGH) f(c.times[i] as Nanos, code === TX ? 'frame-tx' : 'frame-rx', c.refs[i] as Where, c.frames[i] as Uint8Array);
    }
  }
}
