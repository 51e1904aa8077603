import { describe, expect, it } from 'vitest';
import { readPcap } from '../../../core/capture/pcap';
import { parseIp } from '../../../core/net/ipv4';
import type { Nanos } from '../../../core/sim/engine/time';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { arpRequest } from '../../../core/sim/wire/frames';
import type { Mac } from '../../../core/sim/wire/mac';
import { framesOn, pcapOf, tcpdumpText } from './capture-frames';

const frame = arpRequest({ src: '02:00:00:00:00:01' as Mac, senderIp: parseIp('10.0.0.1')!, targetIp: parseIp('10.0.0.2')! });
const events: TraceEvent[] = [
  { t: 1_500_000_000 as Nanos, kind: 'frame-tx', at: { ns: 'a', dev: 'v0' }, frame },
  { t: 1_500_002_000 as Nanos, kind: 'frame-rx', at: { ns: 'b', dev: 'v1' }, frame },
  { t: 1_500_002_000 as Nanos, kind: 'note', ns: 'b', text: 'x' },
];

describe('interface captures', () => {
  it('sees the frames of one interface in both directions', () => {
    expect(framesOn(events, 'a:v0').map((f) => f.index)).toEqual([0]);
    expect(framesOn(events, 'b:v1').map((f) => f.index)).toEqual([1]);
  });

  it('prints tcpdump -e -n lines with the virtual time', () => {
    expect(tcpdumpText(framesOn(events, 'a:v0'))).toBe('1.500000 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
  });

  it('writes a pcap that reads back with the same bytes and nanosecond times', () => {
    const back = readPcap(pcapOf(framesOn(events, 'b:v1')));
    expect(back).toHaveLength(1);
    expect(Array.from(back[0].bytes)).toEqual(Array.from(frame));
    expect(Number(back[0].timeNs)).toBe(1_500_002_000);
  });
});
