import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';

/** ns1 — router — ns2, each leg its own /24; the ends route everything via the router. */
function routed(forward: boolean, ns2Route = true): SimSession {
  const b = new DesignBuilder();
  b.veth('a0', 'r', 'a1', 'ns1', '10.0.1.1/24', '10.0.1.2/24');
  b.veth('b0', 'r', 'b1', 'ns2', '10.0.2.1/24', '10.0.2.2/24');
  b.ns('ns1').routes.push({ dst: 'default', via: '10.0.1.1' });
  if (ns2Route) b.ns('ns2').routes.push({ dst: 'default', via: '10.0.2.1' });
  if (forward) b.ns('r').sysctls['net.ipv4.ip_forward'] = 1;
  return new SimSession(b.design, { seed: 4 });
}

function ping(s: SimSession, ns: string, dst: string) {
  const h = s.ping(ns, dst);
  s.runUntilDone(h, seconds(6));
  return h.result!;
}

describe('IPv4 forwarding', () => {
  it('drops transit packets silently while ip_forward is 0', () => {
    const s = routed(false);
    expect(ping(s, 'ns1', '10.0.2.2').error).toBe('no_reply');
    expect(s.traceSince(0).some((e) => e.kind === 'drop' && e.reason === 'no-forwarding')).toBe(true);
  });

  it('forwards with ip_forward=1 and decrements the TTL', () => {
    const s = routed(true);
    const r = ping(s, 'ns1', '10.0.2.2');
    expect(r.ok).toBe(true);
    const arriving = s.traceSince(0).find((e) => e.kind === 'frame-rx' && e.at.ns === 'ns2' && e.frame[12] === 8 && e.frame[13] === 0 && e.frame[14 + 9] === 1);
    expect(arriving && arriving.kind === 'frame-rx' ? arriving.frame[14 + 8] : 0).toBe(63);
  });

  it('answers net-unreachable from the router when it has no route', () => {
    const s = routed(true);
    const r = ping(s, 'ns1', '192.0.2.9');
    expect(r.error).toBe('net_unreachable');
    expect(r.error_from).toBe('10.0.1.1');
  });

  it('reports host-unreachable from the router when the next hop does not answer ARP', () => {
    const s = routed(true);
    const r = ping(s, 'ns1', '10.0.2.77');
    expect(r.error).toBe('host_unreachable');
    expect(r.error_from).toBe('10.0.1.1');
  });
});
