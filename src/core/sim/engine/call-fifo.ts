/**
 * The engine's fast lane: calls scheduled in non-decreasing time order (a link hop is always
 * "now + hop delay", and the clock never goes back) need no heap — appending keeps them
 * sorted by (time, sequence number). Entries live in a ring of parallel arrays (function and
 * up to six arguments), so scheduling a hop allocates neither a closure nor an event object.
 * The ring doubles when full and halves when a quarter full (not below SHRINK_FLOOR): a
 * flood that had a million frames in flight does not keep their storage once it has passed,
 * and the hysteresis means no size is ever resized back and forth on every call.
 */

/**
 * The ring keeps this many slots however empty it gets (about 4.5 MB): bursts below it (a
 * ping matrix's waves) reuse the storage instead of growing and shrinking on every wave.
 */
const SHRINK_FLOOR = 1 << 16;

/** A function called with the arguments it was scheduled with. */
export type CallN = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown) => void;

export class CallFifo {
  private at: Float64Array;
  private seq: Float64Array;
  private fn: (CallN | undefined)[];
  private a: unknown[];
  private b: unknown[];
  private c: unknown[];
  private d: unknown[];
  private e: unknown[];
  private f: unknown[];
  private mask: number;
  private head = 0;
  private count = 0;
  /** The ring never shrinks below this. */
  private readonly minMask: number;

  constructor(capacity = 64) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.mask = cap - 1;
    this.minMask = Math.max(cap, SHRINK_FLOOR) - 1;
    this.at = new Float64Array(cap);
    this.seq = new Float64Array(cap);
    this.fn = new Array<CallN | undefined>(cap).fill(undefined);
    this.a = new Array<unknown>(cap).fill(undefined);
    this.b = new Array<unknown>(cap).fill(undefined);
    this.c = new Array<unknown>(cap).fill(undefined);
    this.d = new Array<unknown>(cap).fill(undefined);
    this.e = new Array<unknown>(cap).fill(undefined);
    this.f = new Array<unknown>(cap).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the last entry, or -Infinity when empty: an append must not be earlier. */
  get tailTime(): number {
    return this.count > 0 ? this.at[(this.head + this.count - 1) & this.mask] : -Infinity;
  }

  /** Time of the first entry (only when non-empty). */
  get headTime(): number {
    return this.at[this.head];
  }

  /** Sequence number of the first entry (only when non-empty). */
  get headSeq(): number {
    return this.seq[this.head];
  }

  push(at: number, seq: number, fn: CallN, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown): void {
    if (this.count > this.mask) this.resize((this.mask + 1) * 2);
    const i = (this.head + this.count) & this.mask;
    this.at[i] = at;
    this.seq[i] = seq;
    this.fn[i] = fn;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.d[i] = d;
    this.e[i] = e;
    this.f[i] = f;
    this.count++;
  }

  /** Removes the first entry and runs it. */
  runHead(): void {
    const i = this.head;
    const fn = this.fn[i] as CallN;
    const a = this.a[i];
    const b = this.b[i];
    const c = this.c[i];
    const d = this.d[i];
    const e = this.e[i];
    const f = this.f[i];
    // release references at once: a drained slot must not keep frames alive
    this.fn[i] = undefined;
    this.a[i] = undefined;
    this.b[i] = undefined;
    this.c[i] = undefined;
    this.d[i] = undefined;
    this.e[i] = undefined;
    this.f[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.count--;
    if (this.mask > this.minMask && this.count < this.mask >> 2) this.resize((this.mask + 1) >> 1);
    fn(a, b, c, d, e, f);
  }

  /** Current number of slots (tests). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Moves the entries into a ring of `cap` slots (at least `count`), the first at index 0. */
  private resize(cap: number): void {
    const at = new Float64Array(cap);
    const seq = new Float64Array(cap);
    const fn = new Array<CallN | undefined>(cap).fill(undefined);
    const a = new Array<unknown>(cap).fill(undefined);
    const b = new Array<unknown>(cap).fill(undefined);
    const c = new Array<unknown>(cap).fill(undefined);
    const d = new Array<unknown>(cap).fill(undefined);
    const e = new Array<unknown>(cap).fill(undefined);
    const f = new Array<unknown>(cap).fill(undefined);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & this.mask;
      at[k] = this.at[i];
      seq[k] = this.seq[i];
      fn[k] = this.fn[i];
      a[k] = this.a[i];
      b[k] = this.b[i];
      c[k] = this.c[i];
      d[k] = this.d[i];
      e[k] = this.e[i];
      f[k] = this.f[i];
    }
    this.at = at;
    this.seq = seq;
    this.fn = fn;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.e = e;
    this.f = f;
    this.mask = cap - 1;
    this.head = 0;
  }
}
