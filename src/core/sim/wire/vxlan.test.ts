import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emitVxlan, parseVxlan } from './vxlan';
import { hex, toHex } from './test-hex';

describe('vxlan', () => {
  it('writes the I flag and the VNI as RFC 7348 lays them out', () => {
    const b = emitVxlan(42, new Uint8Array(14));
    expect(toHex(b.subarray(0, 8))).toBe('080000000000' + '2a00');
  });

  it('refuses a header without the I flag and a too short frame', () => {
    const b = emitVxlan(0x123456, new Uint8Array(14));
    b[0] = 0;
    expect(parseVxlan(b)).toBeUndefined();
    expect(parseVxlan(hex('0800000000002a00'))).toBeUndefined();
  });

  it('round-trips every VNI and inner frame', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffff }), fc.uint8Array({ minLength: 14, maxLength: 64 }), (vni, inner) => {
      const p = parseVxlan(emitVxlan(vni, inner))!;
      expect(p.vni).toBe(vni);
      expect(toHex(p.inner)).toBe(toHex(inner));
    }));
  });
});
