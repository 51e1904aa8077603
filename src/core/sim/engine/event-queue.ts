/**
 * The engine's agenda: a binary min-heap of events ordered by (time, sequence number).
 * The sequence number makes ties deterministic: events due at the same nanosecond run
 * in the order they were scheduled.
 */
import type { Nanos } from './time';

export interface SimEvent {
  /** Heap key: time. */
  at: Nanos;
  /** Heap key: sequence number (tie-break). */
  seq: number;
  /**
   * When the event is really due, if moved later while in the heap (`Engine.rearm`): it
   * is re-filed under (dueAt, dueSeq) when its old key comes up, so it runs exactly where a
   * freshly scheduled event would.
   */
  dueAt: Nanos;
  dueSeq: number;
  run: () => void;
  /** Set by `cancel`; cancelled events are skipped when they come up. */
  cancelled: boolean;
  /** Taken off the heap (run, or discarded when cancelled). */
  done: boolean;
}

export class EventQueue {
  private heap: SimEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(ev: SimEvent): void {
    const h = this.heap;
    let i = h.length;
    h.push(ev);
    // sift up, moving parents down into the hole instead of swapping
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (!before(ev, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = ev;
  }

  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  pop(): SimEvent | undefined {
    const h = this.heap;
    const n = h.length;
    if (n === 0) return undefined;
    const top = h[0];
    const last = h.pop() as SimEvent;
    if (n > 1) {
      const size = n - 1;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
