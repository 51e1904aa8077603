/**
 * The baseline: the least an event loop can do per event. A ring of parallel typed arrays
 * (time, payload) and one function per event, which schedules the next event one hop later;
 * 8 events in flight, as frames are. Nothing of the simulator is used, so the ratio to it is
 * the whole cost of the simulator's engine and frame handling together.
 */
const HOP_NS = 2000;

class Ring {
  private at: Float64Array;
  private arg: Int32Array;
  private mask: number;
  private head = 0;
  private count = 0;
  constructor(capacity: number) {
    this.at = new Float64Array(capacity);
    this.arg = new Int32Array(capacity);
    this.mask = capacity - 1;
  }
  push(at: number, arg: number): void {
    const i = (this.head + this.count++) & this.mask;
    this.at[i] = at;
    this.arg[i] = arg;
  }
  /** Runs the head event (`fn(time, arg)`); false when empty. */
  step(fn: (t: number, arg: number) => void): boolean {
    if (this.count === 0) return false;
    const i = this.head;
    this.head = (i + 1) & this.mask;
    this.count--;
    fn(this.at[i], this.arg[i]);
    return true;
  }
}

/** Events per CPU second of the minimal ring loop, running `events` events. */
export function ringBaseline(events: number): number {
  const ring = new Ring(16);
  let left = events;
  let done = 0;
  const tick = (t: number, arg: number) => {
    done++;
    if (--left >= 8) ring.push(t + HOP_NS, arg);
  };
  for (let i = 0; i < 8; i++) ring.push(i, i);
  const c0 = process.cpuUsage();
  while (ring.step(tick)) { /* drain */ }
  const c = process.cpuUsage(c0);
  return done / ((c.user + c.system) / 1e6);
}
