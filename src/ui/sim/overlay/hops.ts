/**
 * Turns trace events into what the canvas animates: hops (a frame leaving one device and
 * arriving at, or being handed down to, another) and drops. A hop is found by the frame's
 * bytes: a receive pairs with the last transmit of the same bytes; a transmit pairs with
 * the last sighting on another device (a macvlan child handing to its parent, a bridge
 * forwarding what a port received).
 */
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { eventProtocol, type Proto } from '../events/classify';

export interface Hop {
  kind: 'hop';
  from: string;
  to: string;
  t: number;
  /** Virtual time the hop took, ns. */
  dt: number;
  proto: Proto;
  broadcast: boolean;
  index: number;
}

export interface DropMark {
  kind: 'drop';
  at: string;
  t: number;
  reason: string;
  why: string;
  /** The remedy worked out for this drop, when the simulator knows it. */
  fix?: string;
  index: number;
  /** Protocol of the dropped frame, when the drop carries one. */
  proto?: Proto;
}

/** A cheap exact-enough key for a frame's bytes (length + FNV-1a). */
function frameKey(b: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return `${b.length}:${h >>> 0}`;
}

/** Keeps the pairing state across batches. */
export class HopTracker {
  private lastTx = new Map<string, { where: string; t: number }>();
  private lastAny = new Map<string, { where: string; t: number }>();

  /** Hops and drops for a batch of events starting at trace index `from`. */
  feed(events: readonly TraceEvent[], from: number): (Hop | DropMark)[] {
    const out: (Hop | DropMark)[] = [];
    events.forEach((e, k) => {
      const index = from + k;
      if (e.kind === 'drop') {
        out.push({ kind: 'drop', at: `${e.at.ns}:${e.at.dev}`, t: e.t, reason: e.reason, why: e.why, fix: e.fix, index, proto: e.frame ? eventProtocol(e) : undefined });
        return;
      }
      if (e.kind !== 'frame-tx' && e.kind !== 'frame-rx') return;
      const key = frameKey(e.frame);
      const where = `${e.at.ns}:${e.at.dev}`;
      const src = e.kind === 'frame-rx' ? this.lastTx.get(key) : this.lastAny.get(key);
      if (src && src.where !== where && e.t - src.t < 1e7) {
        out.push({ kind: 'hop', from: src.where, to: where, t: e.t, dt: e.t - src.t, proto: eventProtocol(e), broadcast: (e.frame[0] & 1) === 1, index });
      }
      if (e.kind === 'frame-tx') this.lastTx.set(key, { where, t: e.t });
      this.lastAny.set(key, { where, t: e.t });
      if (this.lastAny.size > 5000) { this.lastAny.clear(); this.lastTx.clear(); }
    });
    return out;
  }

  reset(): void {
    this.lastTx.clear();
    this.lastAny.clear();
  }
}
