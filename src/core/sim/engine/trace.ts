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
  | 'vxlan-no-remote'
  | 'vxlan-circular'
  | 'vxlan-proxy'
  | 'vxlan-header'
  | 'vxlan-vni'
  | 'vxlan-loop'
  | 'vxlan-static'
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

/** Codes of the compact rows: a frame seen by a device's taps, or any other event kept whole. */
const TX = 0;
const RX = 1;
const OBJECT = 2;
/** Rows per chunk: a chunk's columns never move once full (a long trace is never copied whole). */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

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
 * of 4096 rows). References stay in plain arrays, allocated at full size.
 */
interface Chunk {
  times: Float64Array;
  codes: Uint8Array;
  /** Per row: the `Where` of a frame, or the event itself. */
  refs: (Where | TraceEvent)[];
  /** Per row: the frame bytes, undefined for other events. */
  frames: (Uint8Array | undefined)[];
}

function newChunk(): Chunk {
  return { times: new Float64Array(CHUNK), codes: new Uint8Array(CHUNK), refs: new Array<Where | TraceEvent>(CHUNK), frames: new Array<Uint8Array | undefined>(CHUNK) };
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
    const i = this.count++ & (CHUNK - 1);
    if (i === 0) this.chunks.push((this.current = newChunk()));
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
      const c = this.chunks[k >> CHUNK_BITS];
      const i = k & (CHUNK - 1);
      const code = c.codes[i];
      if (code === OBJECT && this.pendingWhy.size > 0) this.renderWhy(k);
      made.push(code === OBJECT
        ? c.refs[i] as TraceEvent
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
      const c = this.chunks[k >> CHUNK_BITS];
      const i = k & (CHUNK - 1);
      const code = c.codes[i];
      if (code === OBJECT) {
        const ev = c.refs[i] as TraceEvent;
        if (ev.kind === 'frame-tx' || ev.kind === 'frame-rx') f(ev.t, ev.kind, ev.at, ev.frame);
      } else f(c.times[i] as Nanos, code === TX ? 'frame-tx' : 'frame-rx', c.refs[i] as Where, c.frames[i] as Uint8Array);
    }
  }
}
