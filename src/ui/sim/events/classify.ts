/**
 * What the event list shows for a trace event: its protocol (for the ARP / ICMP / other
 * filter and the overlay colour), where it happened and a one-line summary.
 */
import { describeFrame, type MacLabeler } from '../../../core/capture/describe';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import type { DevRef } from '../../../worker/protocol';

export type Proto = 'arp' | 'icmp' | 'other';

/** The protocol of an Ethernet frame, looking through 802.1Q/802.1ad tags. */
export function frameProtocol(frame: Uint8Array): Proto {
  let off = 12;
  let type = (frame[off] << 8) | frame[off + 1];
  while ((type === 0x8100 || type === 0x88a8) && frame.length >= off + 6) {
    off += 4;
    type = (frame[off] << 8) | frame[off + 1];
  }
  if (type === 0x0806) return 'arp';
  if (type === 0x0800 && frame.length > off + 2 + 9 && frame[off + 2 + 9] === 1) return 'icmp';
  return 'other';
}

/** The frame an event carries, if any. */
export function eventFrame(ev: TraceEvent): Uint8Array | undefined {
  if (ev.kind === 'frame-tx' || ev.kind === 'frame-rx') return ev.frame;
  if (ev.kind === 'drop') return ev.frame;
  return undefined;
}

/** The protocol class of an event (events without a frame are "other"). */
export function eventProtocol(ev: TraceEvent): Proto {
  const f = eventFrame(ev);
  return f ? frameProtocol(f) : 'other';
}

/** `ns:dev` (or `ns`) where an event happened. */
export function eventWhere(ev: TraceEvent): string {
  if ('at' in ev) return `${ev.at.ns}:${ev.at.dev}`;
  if ('ns' in ev) return ev.ns;
  return '';
}

/** A MAC labeler naming the simulator's devices `ns:dev`. */
export function deviceLabeler(devices: readonly DevRef[]): MacLabeler {
  const owners = new Map<string, string>();
  for (const d of devices) if (d.mac && d.mac !== '00:00:00:00:00:00' && !owners.has(d.mac)) owners.set(d.mac, `${d.ns}:${d.dev}`);
  return (mac) => (mac === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : owners.get(mac) ?? mac);
}

const KIND_TEXT: Record<TraceEvent['kind'], string> = {
  'frame-tx': 'sent', 'frame-rx': 'received', drop: 'DROPPED', neigh: 'neighbour', fdb: 'bridge FDB',
  route: 'route lookup', 'probe-start': 'probe', 'probe-end': 'probe done', note: 'note',
};

/** Short words for the event kind column. */
export function kindText(ev: TraceEvent): string {
  return KIND_TEXT[ev.kind];
}

/** One-line summary of an event. */
export function eventSummary(ev: TraceEvent, label: MacLabeler): string {
  switch (ev.kind) {
    case 'frame-tx':
    case 'frame-rx': return describeFrame(ev.frame, label).summary ?? '';
    case 'drop': return ev.why;
    case 'neigh': return `${ev.ip} → ${ev.state}${ev.lladdr ? ` (${label(ev.lladdr)})` : ''}`;
    case 'fdb': return `${ev.bridge}: ${label(ev.mac)} ${ev.event} on ${ev.port}`;
    case 'route': return `to ${ev.dst}: ${ev.result}`;
    case 'probe-start': return ev.line;
    case 'probe-end': return `${ev.line}: ${ev.ok ? 'ok' : ev.detail}`;
    case 'note': return ev.text;
  }
}
