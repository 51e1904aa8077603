import { describe, expect, it } from 'vitest';
import { arpReply, arpRequest, icmpEcho, icmpError, pingData } from './frames';
import { parseIcmp } from './icmp';
import { parseIpv4 } from './ipv4';
import { hex, toHex } from './test-hex';

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const PING = '0200000000020200000000010800' + '4500005404d24000400121d50a0000010a000002' + '080090bf12340001'
  + '00f153650000000040e2010000000000' + '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';

describe('frame builders', () => {
  it('builds a 42-byte Linux ARP request: broadcast, target MAC zero', () => {
    const f = arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002 });
    expect(toHex(f)).toBe('ffffffffffff0200000000010806' + '00010800060400010200000000010a000001000000000000' + '0a000002');
    expect(f.length).toBe(42);
  });

  it('builds a unicast re-probe and a tagged request', () => {
    expect(toHex(arpRequest({ src: A, senderIp: 1, targetIp: 2, dst: B }).subarray(0, 6))).toBe('020000000002');
    const t = arpRequest({ src: A, senderIp: 1, targetIp: 2, vlans: [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 10 }] });
    expect(t.length).toBe(46);
    expect(toHex(t.subarray(12, 18))).toBe('8100000a0806');
  });

  it('builds a 42-byte ARP reply addressed to the requester', () => {
    expect(toHex(arpReply({ src: B, senderIp: 0x0a000002, dst: A, targetIp: 0x0a000001 })))
      .toBe('0200000000010200000000020806' + '00010800060400020200000000020a000002020000000001' + '0a000001');
  });

  it('builds the 98-byte iputils ping byte for byte', () => {
    const f = icmpEcho({ src: A, dst: B, srcIp: 0x0a000001, dstIp: 0x0a000002, id: 0x1234, seq: 1, ipId: 1234, timeNs: 1_700_000_000_123_456_000 });
    expect(f.length).toBe(98);
    expect(toHex(f)).toBe(PING);
  });

  it('fills ping data with a timeval then bytes 0x10..0x37', () => {
    const d = pingData(0);
    expect(d.length).toBe(56);
    expect(toHex(d.subarray(0, 16))).toBe('00'.repeat(16));
    expect(d[16]).toBe(0x10);
    expect(d[55]).toBe(0x37);
  });

  it('builds an echo reply without DF that echoes the request data', () => {
    const req = hex(PING);
    const data = (parseIcmp(parseIpv4(req.subarray(14))!.payload)!.msg as { data: Uint8Array }).data;
    const rep = icmpEcho({ src: B, dst: A, srcIp: 0x0a000002, dstIp: 0x0a000001, id: 0x1234, seq: 1, reply: true, data });
    const ip = parseIpv4(rep.subarray(14))!;
    expect(ip.flags).toBe(0);
    expect(ip.checksumOk).toBe(true);
    const icmp = parseIcmp(ip.payload)!;
    expect(icmp.checksumOk).toBe(true);
    expect(icmp.msg.kind).toBe('echo-reply');
    expect(toHex((icmp.msg as { data: Uint8Array }).data)).toBe(toHex(data));
  });

  it('builds an ICMP error as icmp_send does: TOS 0xc0, whole packet quoted', () => {
    const req = hex(PING);
    const f = icmpError({ src: B, dst: A, srcIp: 0x0a0000fe, dstIp: 0x0a000001, kind: 'time-exceeded', code: 0, offending: req.subarray(14) });
    expect(f.length).toBe(126);
    expect(toHex(f.subarray(14, 34))).toBe('45c0007000000000400164cf0a0000fe0a000001');
    expect(toHex(f.subarray(34, 42))).toBe('0b00f4ff00000000');
    expect(toHex(f.subarray(42))).toBe(PING.slice(28));
  });
});
