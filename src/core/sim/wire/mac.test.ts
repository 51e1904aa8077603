import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BROADCAST_MAC, ZERO_MAC, isBroadcastMac, isLocallyAdministered, isMulticastMac, isUnicastMac, isValidUnicastMac,
  macFromSeed, macToBytes, parseMac, readMac, writeMac,
} from './mac';

describe('mac', () => {
  it('parses any case and separator into the canonical lowercase form', () => {
    expect(parseMac('AA:bb:0C:dd:EE:0f')).toBe('aa:bb:0c:dd:ee:0f');
    expect(parseMac('02-00-5e-10-00-01')).toBe('02:00:5e:10:00:01');
    expect(parseMac('2:0:5e:10:0:1')).toBe('02:00:5e:10:00:01');
  });

  it('rejects malformed text', () => {
    for (const bad of ['', 'aa:bb:cc:dd:ee', 'aa:bb:cc:dd:ee:ff:00', 'gg:bb:cc:dd:ee:ff', 'aabbccddeeff', 'aaa:bb:cc:dd:ee:ff']) {
      expect(parseMac(bad)).toBeUndefined();
    }
  });

  it('reads and writes six bytes at an offset', () => {
    const buf = new Uint8Array(10);
    writeMac(buf, 2, '02:a0:ff:00:10:7e');
    expect(Array.from(buf)).toEqual([0, 0, 0x02, 0xa0, 0xff, 0x00, 0x10, 0x7e, 0, 0]);
    expect(readMac(buf, 2)).toBe('02:a0:ff:00:10:7e');
  });

  it('round-trips every 6-byte value through text', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (b) => {
      const m = readMac(b);
      expect(parseMac(m.toUpperCase())).toBe(m);
      expect(Array.from(macToBytes(m))).toEqual(Array.from(b));
    }));
  });

  it('classifies broadcast, multicast and locally administered addresses', () => {
    expect(isBroadcastMac(BROADCAST_MAC)).toBe(true);
    expect(isMulticastMac(BROADCAST_MAC)).toBe(true);
    expect(isMulticastMac('01:00:5e:00:00:01')).toBe(true);
    expect(isMulticastMac('33:33:00:00:00:01')).toBe(true);
    expect(isUnicastMac('00:16:3e:00:00:01')).toBe(true);
    expect(isLocallyAdministered('02:00:00:00:00:01')).toBe(true);
    expect(isLocallyAdministered('00:16:3e:00:00:01')).toBe(false);
    expect(isValidUnicastMac(ZERO_MAC)).toBe(false);
    expect(isValidUnicastMac('00:16:3e:00:00:01')).toBe(true);
  });

  it('generates deterministic locally administered unicast MACs from a seed', () => {
    expect(macFromSeed(42, 0)).toBe(macFromSeed(42, 0));
    expect(macFromSeed(42, 0)).not.toBe(macFromSeed(42, 1));
    expect(macFromSeed(42, 0)).not.toBe(macFromSeed(43, 0));
    const seen = new Set<string>();
    for (let n = 0; n < 5000; n++) {
      const m = macFromSeed(7, n);
      expect(parseMac(m)).toBe(m);
      expect(isLocallyAdministered(m)).toBe(true);
      expect(isValidUnicastMac(m)).toBe(true);
      seen.add(m);
    }
    expect(seen.size).toBe(5000);
  });
});
