/**
 * A discrete-event engine: no wall clock, no threads. Callers schedule closures at
 * virtual times; `step` runs the next one, `runUntil` runs everything due up to a time.
 * The same engine serves one-shot runs (the CLI) and incremental driving (a worker that
 * steps one event at a time).
 */
import { EventQueue, type SimEvent } from './event-queue';
import { type Nanos, ZERO_TIME } from './time';
import { CallFifo, type CallN } from './call-fifo';

export type TimerHandle = SimEvent;

export class Engine {
  private queue = new EventQueue();
  private fifo = new CallFifo();
  private seq = 0;
  private clock: Nanos = ZERO_TIME;
  /** Events run so far (cancelled ones excluded). */
  executed = 0;

  get now(): Nanos {
    return this.clock;
  }

  /** Schedules `run` after `delay` ns (0 = later in this same instant, after what is already due). */
  after(delay: number, run: () => void): TimerHandle {
    return this.at((this.clock + delay) as Nanos, run);
  }

  /** Schedules `run` at absolute time `at` (never earlier than now). */
  at(at: Nanos, run: () => void): TimerHandle {
    const t = (at < this.clock ? this.clock : at) as Nanos;
    const seq = this.seq++;
    const ev: SimEvent = { at: t, seq, dueAt: t, dueSeq: seq, run, cancelled: false, done: false };
    this.queue.push(ev);
    return ev;
  }

  /**
   * Cancels `h` and schedules `run` after `delay` ns — the same as `cancel(h)` then
   * `after(delay, run)`, and it runs at the same point — but when `h` is still pending and
   * due no later, its heap entry is reused instead of leaving a cancelled one behind
   * (timers re-armed on every packet, like neighbour timers, would otherwise pile up).
   */
  rearm(h: TimerHandle | undefined, delay: number, run: () => void): TimerHandle {
    const at = this.clock + delay;
    if (h && !h.cancelled && !h.done && at >= h.at) {
      h.dueAt = at as Nanos;
      h.dueSeq = this.seq++;
      h.run = run;
      return h;
    }
    this.cancel(h);
    return this.after(delay, run);
  }

  /**
   * Schedules `fn(a, b, c, d, e, f)` after `delay` ns, ordered exactly like `after` but without a
   * handle (it cannot be cancelled). For per-frame work such as link hops: when it is not
   * earlier than the last such call, it takes the allocation-free fast lane.
   */
  call<A, B, C, D = undefined, E = undefined, F = undefined>(
    delay: number, fn: (a: A, b: B, c: C, d: D, e: E, f: F) => void, a: A, b: B, c: C, d?: D, e?: E, f?: F,
  ): void {
    const at = this.clock + (delay > 0 ? delay : 0);
    if (at >= this.fifo.tailTime) {
      this.fifo.push(at, this.seq++, fn as CallN, a, b, c, d, e, f);
      return;
    }
    const seq = this.seq++;
    this.queue.push({ at: at as Nanos, seq, dueAt: at as Nanos, dueSeq: seq, run: () => fn(a, b, c, d as D, e as E, f as F), cancelled: false, done: false });
  }

  /** Cancels a pending event (no-op if it already ran). */
  cancel(h: TimerHandle | undefined): void {
    if (h) h.cancelled = true;
  }

  /** Time of the next pending event, or undefined when idle. */
  nextTime(): Nanos | undefined {
    const top = this.liveTop();
    const f = this.fifo;
    if (f.size > 0 && (!top || f.headTime < top.at || (f.headTime === top.at && f.headSeq < top.seq))) return f.headTime as Nanos;
    return top?.at;
  }

  /** Runs the next event; false when nothing is pending. */
  step(): boolean {
    return this.runNext(Infinity);
  }

  /** Runs every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Nanos): void {
    while (this.runNext(t)) { /* next */ }
    if (t > this.clock) this.clock = t;
  }

  /** Runs until `stop()` returns true after an event, the agenda empties, or time passes `limit`. */
  runWhile(stop: () => boolean, limit: Nanos): void {
    while (!stop()) {
      if (!this.runNext(limit)) {
        if (limit > this.clock) this.clock = limit;
        return;
      }
    }
  }

  /**
   * Runs the next event if it is due at or before `limit`; false otherwise. One loop for
   * every way of running, comparing times in place (no boxed "next time" per event).
   */
  private runNext(limit: number): boolean {
    const top = this.liveTop();
    const f = this.fifo;
    if (f.size > 0) {
      const ft = f.headTime;
      if (!top || ft < top.at || (ft === top.at && f.headSeq < top.seq)) {
        if (ft > limit) return false;
        this.clock = ft as Nanos;
        this.executed++;
        f.runHead();
        return true;
      }
    }
    if (!top || top.at > limit) return false;
    this.queue.pop();
    top.done = true;
    this.clock = top.at;
    this.executed++;
    top.run();
    return true;
  }

  /** The heap's first event that is not cancelled (cancelled ones are discarded, re-armed ones re-filed). */
  private liveTop(): SimEvent | undefined {
    const q = this.queue;
    for (;;) {
      const top = q.peek();
      if (!top) return undefined;
      if (top.cancelled) {
        q.pop();
        top.done = true;
      } else if (top.seq !== top.dueSeq) {
        q.pop();
        top.at = top.dueAt;
        top.seq = top.dueSeq;
        q.push(top);
      } else return top;
    }
  }
}
