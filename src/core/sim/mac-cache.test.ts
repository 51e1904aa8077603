import { describe, expect, it } from 'vitest';
import { macAt, macEquals, writeEthHeader } from './mac-cache';
import { readMac } from './wire/mac';

describe('MAC text by bytes', () => {
  it('reads the canonical text of a MAC in a frame, the same string object each time', () => {
    const frame = new Uint8Array(14);
    writeEthHeader(frame, 'ff:ff:ff:ff:ff:ff', '02:00:5e:10:00:01', 0x0806);
    expect(macAt(frame, 6)).toBe('02:00:5e:10:00:01');
    expect(macAt(frame, 0)).toBe(readMac(frame, 0));
    expect(macAt(frame, 6)).toBe(macAt(frame.slice(), 6));
    expect(macEquals(frame, 6, '02:00:5e:10:00:01')).toBe(true);
  });

  it('tells MACs apart that share their first or last three bytes', () => {
    const a = new Uint8Array([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 3, 0, 0, 0, 0, 1]);
    expect([macAt(a, 0), macAt(a, 6), macAt(a, 12)]).toEqual(['02:00:00:00:00:01', '02:00:00:00:00:02', '03:00:00:00:00:01']);
  });
});
