import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { internetChecksum } from './checksum';
import { IPPROTO_ICMP, IP_FLAG_DF, type Ipv4Packet, decrementTtl, emitIpv4, ipv4Dst, ipv4Src, parseIpv4 } from './ipv4';
import { hex, toHex } from './test-hex';

// The IP header of `ping 10.0.0.2` from 10.0.0.1 (id 1234, DF, ttl 64), checksum 0x21d5.
const HEADER = '4500005404d24000400121d50a0000010a000002';
const ICMP = '080090bf12340001' + '00f153650000000040e2010000000000' + '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';

describe('ipv4', () => {
  it('parses a ping packet and verifies its checksum', () => {
    const p = parseIpv4(hex(HEADER + ICMP))!;
    expect(p).toMatchObject({ tos: 0, id: 1234, flags: IP_FLAG_DF, fragOffset: 0, ttl: 64, proto: IPPROTO_ICMP, src: 0x0a000001, dst: 0x0a000002, headerLen: 20, totalLen: 84, checksum: 0x21d5, checksumOk: true });
    expect(p.payload.length).toBe(64);
    expect(ipv4Src(hex(HEADER))).toBe(0x0a000001);
    expect(ipv4Dst(hex(HEADER))).toBe(0x0a000002);
  });

  it('flags a corrupted header checksum', () => {
    const b = hex(HEADER + ICMP);
    b[8] = 63;
    expect(parseIpv4(b)!.checksumOk).toBe(false);
  });

  it('emits the header with the same checksum', () => {
    const p = parseIpv4(hex(HEADER + ICMP))!;
    expect(toHex(emitIpv4(p))).toBe(HEADER + ICMP);
  });

  it('drops Ethernet padding beyond the total length', () => {
    const padded = new Uint8Array(46);
    padded.set(hex('45000014000100004001000000000001000000020000'));
    expect(parseIpv4(padded)!.payload.length).toBe(0);
  });

  it('tolerates options and keeps them', () => {
    // IHL 6: one 4-byte option (NOP NOP NOP EOL).
    const b = emitIpv4({ tos: 0, id: 1, flags: 0, fragOffset: 0, ttl: 1, proto: 1, src: 1, dst: 2, options: hex('01010100'), payload: hex('0800f7ff00000000') });
    const p = parseIpv4(b)!;
    expect(p.headerLen).toBe(24);
    expect(p.checksumOk).toBe(true);
    expect(toHex(p.options)).toBe('01010100');
    expect(toHex(p.payload)).toBe('0800f7ff00000000');
  });

  it('rejects non-IPv4 and short data', () => {
    expect(parseIpv4(hex('6000000000000000000000000000000000000000'))).toBeUndefined();
    expect(parseIpv4(hex(HEADER).subarray(0, 19))).toBeUndefined();
  });

  it('decrements the TTL with a still-valid checksum', () => {
    const b = hex(HEADER);
    expect(decrementTtl(b)).toBe(63);
    expect(internetChecksum(b, 0, 20)).toBe(0);
    fc.assert(fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 1, max: 255 }), (raw, ttl) => {
      const h = raw.slice();
      h[0] = 0x45;
      h[8] = ttl;
      h[10] = h[11] = 0;
      const c = internetChecksum(h, 0, 20);
      h[10] = c >> 8;
      h[11] = c & 255;
      decrementTtl(h);
      expect(h[8]).toBe(ttl - 1);
      expect(internetChecksum(h, 0, 20)).toBe(0);
    }));
  });

  it('parse(emit(x)) == x', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const arb = fc.record({
      tos: fc.integer({ min: 0, max: 255 }), id: fc.integer({ min: 0, max: 0xffff }), flags: fc.integer({ min: 0, max: 7 }),
      fragOffset: fc.integer({ min: 0, max: 0x1fff }), ttl: fc.integer({ min: 0, max: 255 }), proto: fc.integer({ min: 0, max: 255 }),
      src: u32, dst: u32,
      options: fc.integer({ min: 0, max: 10 }).chain((n) => fc.uint8Array({ minLength: n * 4, maxLength: n * 4 })),
      payload: fc.uint8Array({ maxLength: 100 }),
    });
    fc.assert(fc.property(arb, (p: Ipv4Packet) => {
      const back = parseIpv4(emitIpv4(p))!;
      expect(back.checksumOk).toBe(true);
      const fields = ['tos', 'id', 'flags', 'fragOffset', 'ttl', 'proto', 'src', 'dst'] as const;
      for (const k of fields) expect(back[k]).toBe(p[k]);
      expect(toHex(back.options)).toBe(toHex(p.options));
      expect(toHex(back.payload)).toBe(toHex(p.payload));
    }));
  });
});
