import { describe, expect, it } from 'vitest';
import { ipMcastMac } from './mcast';
import { parseIp } from '../../net/ipv4';

describe('ipMcastMac', () => {
  it('maps a group to 01:00:5e and its low 23 bits, as arp_mc_map does', () => {
    expect(ipMcastMac(parseIp('239.1.1.1')!)).toBe('01:00:5e:01:01:01');
    // the 24th bit from the end is dropped: 239.129.1.1 shares the MAC of 239.1.1.1
    expect(ipMcastMac(parseIp('239.129.1.1')!)).toBe('01:00:5e:01:01:01');
    expect(ipMcastMac(parseIp('224.0.0.251')!)).toBe('01:00:5e:00:00:fb');
  });
});
