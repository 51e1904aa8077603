import { describe, expect, it } from 'vitest';
import { arpReply, arpRequest, icmpEcho, icmpError } from '../sim/wire/frames';
import { emitEthernet } from '../sim/wire/ethernet';
import { formatTcpdump, hexAndAscii } from './tcpdump';

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const T = 1_700_000_000_123_456_789n;
const req = icmpEcho({ src: A, dst: B, srcIp: 0x0a000001, dstIp: 0x0a000002, id: 0x1234, seq: 1 });

// Expected lines are tcpdump 4.99's own output for these frames (see external-tools.test.ts).
describe('formatTcpdump', () => {
  it('prints an ARP request and reply', () => {
    expect(formatTcpdump(arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002 }), T))
      .toBe('1700000000.123456 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
    expect(formatTcpdump(arpReply({ src: B, senderIp: 0x0a000002, dst: A, targetIp: 0x0a000001 }), T, { time: 'none' }))
      .toBe('02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28');
  });

  it('prints ping request and reply with the ICMP length', () => {
    expect(formatTcpdump(req, T, { time: 'clock' }))
      .toBe('22:13:20.123456 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 1, length 64');
  });

  it('prints unreachable and time-exceeded errors naming the quoted destination', () => {
    const e = (kind: 'dest-unreach' | 'time-exceeded', code: number) =>
      formatTcpdump(icmpError({ src: B, dst: A, srcIp: 0x0a0000fe, dstIp: 0x0a000001, kind, code, offending: req.subarray(14) }), T, { time: 'none' }).split(': ').pop();
    expect(e('dest-unreach', 1)).toBe('ICMP host 10.0.0.2 unreachable, length 92');
    expect(e('dest-unreach', 0)).toBe('ICMP net 10.0.0.2 unreachable, length 92');
    expect(e('dest-unreach', 13)).toBe('ICMP host 10.0.0.2 unreachable - admin prohibited filter, length 92');
    expect(e('time-exceeded', 0)).toBe('ICMP time exceeded in-transit, length 92');
  });

  it('prints 802.1Q tags before the inner ethertype', () => {
    expect(formatTcpdump(arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002, vlans: [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 10 }] }), T, { time: 'none' }))
      .toBe('02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q (0x8100), length 46: vlan 10, p 0, ethertype ARP (0x0806), Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
  });

  it('hex-dumps unknown ethertypes as tcpdump does', () => {
    expect(hexAndAscii(Uint8Array.from([0x41, 0x42, 0x00, 0x7f, 0x20]))).toBe('\n\t0x0000:  4142 007f 20                             AB...');
    const f = emitEthernet({ dst: B, src: A, vlans: [], ethertype: 0x88b5, payload: new Uint8Array(17) });
    expect(formatTcpdump(f, 0, { time: 'none' }).split('\n')).toHaveLength(3);
  });

  it('marks frames shorter than a header', () => {
    expect(formatTcpdump(new Uint8Array(5), 1_000_000_000)).toBe('1.000000  [|ether]');
  });
});
