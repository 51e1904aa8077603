import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../core/net/ipv4';
import { arpRequest, icmpEcho } from '../../../core/sim/wire/frames';
import type { Mac } from '../../../core/sim/wire/mac';
import { decodeFrame, hexRows } from './decode-frame';

const A = '02:00:00:00:00:0a' as Mac;
const B = '02:00:00:00:00:0b' as Mac;

function field(layers: ReturnType<typeof decodeFrame>, title: string, name: string) {
  return layers.find((l) => l.title === title)?.fields.find((f) => f.name === name);
}

describe('frame inspector decoding', () => {
  it('shows every field of a VLAN-tagged ARP request with the bytes it occupies', () => {
    const f = arpRequest({ src: A, senderIp: parseIp('10.0.0.1')!, targetIp: parseIp('10.0.0.2')!, vlans: [{ tpid: 0x8100, pcp: 3, dei: 0, vid: 42 }] });
    const layers = decodeFrame(f);
    expect(layers.map((l) => l.title)).toEqual(['Ethernet II', '802.1Q VLAN tag', 'ARP']);
    expect(field(layers, 'Ethernet II', 'Destination')?.value).toBe('ff:ff:ff:ff:ff:ff');
    expect(field(layers, 'Ethernet II', 'Type')).toMatchObject({ value: '0x0806 (ARP)', offset: 16 });
    expect(field(layers, '802.1Q VLAN tag', 'VLAN id')?.value).toBe('42');
    expect(field(layers, '802.1Q VLAN tag', 'Priority (PCP)')?.value).toBe('3');
    expect(field(layers, 'ARP', 'Opcode')?.value).toBe('1 (request)');
    expect(field(layers, 'ARP', 'Target IP')).toMatchObject({ value: '10.0.0.2', offset: 18 + 24, length: 4 });
  });

  it('decodes an echo request down to identifier and sequence', () => {
    const f = icmpEcho({ src: A, dst: B, srcIp: parseIp('192.168.0.100')!, dstIp: parseIp('192.168.0.200')!, id: 0x1234, seq: 7 });
    const layers = decodeFrame(f);
    expect(layers.map((l) => l.title)).toEqual(['Ethernet II', 'IPv4', 'ICMP']);
    expect(field(layers, 'IPv4', 'TTL')?.value).toBe('64');
    expect(field(layers, 'IPv4', 'Flags')?.value).toBe('DF');
    expect(field(layers, 'IPv4', 'Protocol')?.value).toBe('1 (ICMP)');
    expect(field(layers, 'ICMP', 'Type')?.value).toBe('8 (echo request)');
    expect(field(layers, 'ICMP', 'Identifier')?.value).toBe(String(0x1234));
    expect(field(layers, 'ICMP', 'Sequence')?.value).toBe('7');
    expect(field(layers, 'ICMP', 'Data')?.value).toBe('56 bytes');
    expect(hexRows(f)).toHaveLength(Math.ceil(f.length / 16));
  });

  it('calls a frame under 14 bytes a runt', () => {
    expect(decodeFrame(new Uint8Array(10))[0].title).toBe('Runt frame');
  });
});
