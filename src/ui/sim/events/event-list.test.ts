import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../core/net/ipv4';
import type { Nanos } from '../../../core/sim/engine/time';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { arpRequest, icmpEcho } from '../../../core/sim/wire/frames';
import type { Mac } from '../../../core/sim/wire/mac';
import { initialSimState } from '../sim-store';
import { filterEvents, filteredRows } from './event-list';

const A = '02:00:00:00:00:0a' as Mac;
const t = 0 as Nanos;
const arp = arpRequest({ src: A, senderIp: parseIp('10.0.0.1')!, targetIp: parseIp('10.0.0.2')! });
const echo = icmpEcho({ src: A, dst: A, srcIp: parseIp('10.0.0.1')!, dstIp: parseIp('10.0.0.2')!, id: 1, seq: 1 });
const events: TraceEvent[] = [
  { t, kind: 'frame-tx', at: { ns: 'ns1', dev: 'v0' }, frame: arp },
  { t, kind: 'frame-rx', at: { ns: 'ns2', dev: 'v1' }, frame: echo },
  { t, kind: 'neigh', at: { ns: 'ns1', dev: 'v0' }, ip: '10.0.0.2', state: 'INCOMPLETE' },
  { t, kind: 'drop', at: { ns: 'ns1', dev: 'v0' }, reason: 'neigh-failed', why: 'no ARP reply' },
];
const all = { ...initialSimState.filter, other: true };

describe('event list filter', () => {
  it('filters by protocol, keeping frameless drops visible', () => {
    expect(filterEvents(events, all)).toEqual([0, 1, 2, 3]);
    expect(filterEvents(events, { ...all, other: false })).toEqual([0, 1, 3]);
    expect(filterEvents(events, { ...all, arp: false, icmp: false, other: false })).toEqual([3]);
    expect(filterEvents(events, { ...all, dropsOnly: true })).toEqual([3]);
  });

  it('filters by namespace or by device', () => {
    expect(filterEvents(events, { ...all, where: 'ns2' })).toEqual([1]);
    expect(filterEvents(events, { ...all, where: 'ns1:v0' })).toEqual([0, 2, 3]);
  });

  it('extends the filtered rows incrementally and starts over on a new epoch', () => {
    const log = events.slice(0, 2);
    expect(filteredRows(log, all, 1)).toEqual([0, 1]);
    log.push(events[2], events[3]);
    expect(filteredRows(log, all, 1)).toEqual([0, 1, 2, 3]);
    expect(filteredRows([events[3]], all, 2)).toEqual([0]);
  });
});
