import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ARP_REPLY, ARP_REQUEST, type ArpPacket, emitArp, parseArp } from './arp';
import { readMac } from './mac';
import { hex, toHex } from './test-hex';

// RFC 826 layout: htype 1, ptype 0x0800, hlen 6, plen 4, op, sha, spa, tha, tpa.
const REQUEST = hex('0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002');
const REPLY = hex('0001 0800 06 04 0002 020000000002 0a000002 020000000001 0a000001');

describe('arp', () => {
  it('parses a Linux request (target MAC zero)', () => {
    expect(parseArp(REQUEST)).toEqual({ op: ARP_REQUEST, sha: '02:00:00:00:00:01', spa: 0x0a000001, tha: '00:00:00:00:00:00', tpa: 0x0a000002 });
  });

  it('emits a reply byte for byte', () => {
    const p: ArpPacket = { op: ARP_REPLY, sha: '02:00:00:00:00:02', spa: 0x0a000002, tha: '02:00:00:00:00:01', tpa: 0x0a000001 };
    expect(toHex(emitArp(p))).toBe(toHex(REPLY));
  });

  it('ignores Ethernet padding after the 28 bytes', () => {
    const padded = new Uint8Array(46);
    padded.set(REQUEST);
    expect(parseArp(padded)?.tpa).toBe(0x0a000002);
  });

  it('rejects short or non-Ethernet/IPv4 packets', () => {
    expect(parseArp(REQUEST.subarray(0, 27))).toBeUndefined();
    const ieee802 = REQUEST.slice();
    ieee802[1] = 6;
    expect(parseArp(ieee802)).toBeUndefined();
  });

  it('parse(emit(x)) == x', () => {
    const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => readMac(b));
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(fc.property(fc.record({ op: fc.integer({ min: 0, max: 0xffff }), sha: mac, spa: u32, tha: mac, tpa: u32 }), (p) => {
      expect(parseArp(emitArp(p))).toEqual(p);
    }));
  });
});
