/**
 * A discrete-event engine: no wall clock, no threads. Callers schedule closures at
 * virtual times; `step` runs the next one, `runUntil` runs everything due up to a time.
 * The same engine serves one-shot runs (the CLI) and incremental driving (a worker that
 * steps one event at a time).
 */
import { EventQueue, type SimEvent } from './event-queue';
import { type Nanos, ZERO_TIME } from './time';

export type TimerHandle = SimEvent;

export class Engine {
  private queue = new EventQueue();
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
    const ev: SimEvent = { at: (at < this.clock ? this.clock : at) as Nanos, seq: this.seq++, run, cancelled: false };
    this.queue.push(ev);
    return ev;
  }

  /** Cancels a pending event (no-op if it already ran). */
  cancel(h: TimerHandle | undefined): void {
    if (h) h.cancelled = true;
  }

  /** Time of the next pending event, or undefined when idle. */
  nextTime(): Nanos | undefined {
    this.dropCancelled();
    return this.queue.peek()?.at;
  }

  /** Runs the next event; false when nothing is pending. */
  step(): boolean {
    let ev = this.queue.pop();
    while (ev && ev.cancelled) ev = this.queue.pop();
    if (!ev) return false;
    this.clock = ev.at;
    this.executed++;
    ev.run();
    return true;
  }

  /** Runs every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: Nanos): void {
    for (;;) {
      const next = this.nextTime();
      if (next === undefined || next > t) break;
      this.step();
    }
    if (t > this.clock) this.clock = t;
  }

  /** Runs until `stop()` returns true after an event, the agenda empties, or time passes `limit`. */
  runWhile(stop: () => boolean, limit: Nanos): void {
    const q = this.queue;
    while (!stop()) {
      let ev = q.peek();
      while (ev && ev.cancelled) {
        q.pop();
        ev = q.peek();
      }
      if (!ev || ev.at > limit) {
        if (limit > this.clock) this.clock = limit;
        return;
      }
      q.pop();
      this.clock = ev.at;
      this.executed++;
      ev.run();
    }
  }

  private dropCancelled(): void {
    let top = this.queue.peek();
    while (top && top.cancelled) {
      this.queue.pop();
      top = this.queue.peek();
    }
  }
}
