import { describe, expect, it } from 'vitest';
import { broadcastOf, contains, formatPrefix, parseCidr, parseIp } from './ipv4';

describe('ipv4', () => {
  it('parses strict dotted quads and prefixes', () => {
    expect(parseIp('192.168.0.171')).toBe(0xc0a800ab);
    expect(parseIp('256.1.1.1')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseCidr('10.0.0.1')).toEqual({ addr: 0x0a000001, len: 32 });
    expect(parseCidr('10.0.0.1/33')).toBeUndefined();
    expect(parseCidr('10.0.0.1/a')).toBeUndefined();
  });
  it('computes membership, broadcast and printing like ip route', () => {
    const c = parseCidr('192.168.0.171/24')!;
    expect(contains(c, parseIp('192.168.0.5')!)).toBe(true);
    expect(contains(c, parseIp('192.168.1.5')!)).toBe(false);
    expect(broadcastOf(c)).toBe(parseIp('192.168.0.255'));
    expect(formatPrefix(c)).toBe('192.168.0.0/24');
    expect(formatPrefix(parseCidr('10.1.2.3/32')!)).toBe('10.1.2.3');
    expect(contains(parseCidr('0.0.0.0/0')!, 123)).toBe(true);
  });
});
