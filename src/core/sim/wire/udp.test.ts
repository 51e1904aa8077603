import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emitUdp, ipv4PseudoSum, parseUdp, udpChecksumOk, udpDstPort, udpSrcPort } from './udp';
import { hex, toHex } from './test-hex';

describe('udp', () => {
  // A DNS-sized datagram 10.0.0.1:5353 > 10.0.0.2:53 with payload "abc": the checksum as
  // computed by hand over the pseudo-header (0x0a00+0x0001+0x0a00+0x0002+17+11) and data.
  it('emits a header with the pseudo-header checksum and verifies it', () => {
    const b = emitUdp({ srcPort: 5353, dstPort: 53, payload: hex('616263') }, ipv4PseudoSum(0x0a000001, 0x0a000002, 11));
    expect(toHex(b.subarray(0, 6))).toBe('14e90035000b');
    expect(udpChecksumOk(b, ipv4PseudoSum(0x0a000001, 0x0a000002, 11))).toBe(true);
    b[8] ^= 1;
    expect(udpChecksumOk(b, ipv4PseudoSum(0x0a000001, 0x0a000002, 11))).toBe(false);
  });

  it('leaves the checksum 0 without a pseudo-header (IPv4 tunnels)', () => {
    const b = emitUdp({ srcPort: 40000, dstPort: 4789, payload: new Uint8Array(3) });
    expect(toHex(b)).toBe('9c4012b5000b0000000000');
    expect(udpSrcPort(b)).toBe(40000);
    expect(udpDstPort(b)).toBe(4789);
  });

  it('rejects short data and bad lengths', () => {
    expect(parseUdp(hex('00010002000a'))).toBeUndefined();
    expect(parseUdp(hex('0001000200070000'))).toBeUndefined();
    expect(parseUdp(hex('0001000200100000'))).toBeUndefined();
  });

  it('round-trips any datagram, bounded by its length field', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), fc.uint8Array({ maxLength: 80 }), fc.boolean(), (sp, dp, payload, sum) => {
      const ps = sum ? ipv4PseudoSum(0xc0a80001, 0xc0a80002, 8 + payload.length) : undefined;
      const b = emitUdp({ srcPort: sp, dstPort: dp, payload }, ps);
      const padded = new Uint8Array(b.length + 4);
      padded.set(b);
      const d = parseUdp(padded)!;
      expect(d.srcPort).toBe(sp);
      expect(d.dstPort).toBe(dp);
      expect(toHex(d.payload)).toBe(toHex(payload));
      if (ps !== undefined) expect(udpChecksumOk(b, ps)).toBe(true);
      else expect(d.checksum).toBe(0);
    }));
  });
});
