import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';
import { icmpErrorAllowed, redirectAllowed } from './icmp-ratelimit';

function twoEnds(): SimSession {
  const b = new DesignBuilder();
  b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
  return new SimSession(b.design, { seed: 1 });
}

describe('ICMP rate limits', () => {
  it('lets a burst of 6 errors to one destination through, then about one per second', () => {
    const s = twoEnds();
    const ns = s.sim.nsByLabel.get('host')!;
    s.runUntil(seconds(100));
    const burst = Array.from({ length: 8 }, () => icmpErrorAllowed(s.sim, ns, 0x0a000002, 3, false));
    expect(burst).toEqual([true, true, true, true, true, true, false, false]);
    s.runUntil(seconds(101));
    expect(icmpErrorAllowed(s.sim, ns, 0x0a000002, 3, false)).toBe(true);
    expect(icmpErrorAllowed(s.sim, ns, 0x0a000002, 3, false)).toBe(false);
  });

  it('never limits errors towards the host itself, nor types outside the rate mask', () => {
    const s = twoEnds();
    const ns = s.sim.nsByLabel.get('host')!;
    for (let i = 0; i < 20; i++) expect(icmpErrorAllowed(s.sim, ns, 0x0a000001, 3, true)).toBe(true);
    for (let i = 0; i < 20; i++) expect(icmpErrorAllowed(s.sim, ns, 0x0a000002, 0, false)).toBe(true);
  });

  it('backs redirects off exponentially', () => {
    const s = twoEnds();
    const ns = s.sim.nsByLabel.get('host')!;
    expect(redirectAllowed(s.sim, ns, 1)).toBe(true);
    expect(redirectAllowed(s.sim, ns, 1)).toBe(false);
    s.runUntil(seconds(0.05));
    expect(redirectAllowed(s.sim, ns, 1)).toBe(true);
  });
});
