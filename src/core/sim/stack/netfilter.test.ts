import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';
import { ipv4Src } from '../wire/ipv4';

/** client ns1 — router r (MASQUERADE out of b0) — server ns2, which has no route back to ns1. */
function natted(masquerade: boolean): SimSession {
  const b = new DesignBuilder();
  b.veth('a0', 'r', 'a1', 'ns1', '10.0.1.1/24', '10.0.1.2/24');
  b.veth('b0', 'r', 'b1', 'ns2', '10.0.2.1/24', '10.0.2.2/24');
  b.ns('ns1').routes.push({ dst: 'default', via: '10.0.1.1' });
  const r = b.ns('r');
  r.sysctls['net.ipv4.ip_forward'] = 1;
  if (masquerade) r.firewall.push({ table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', out: 'b0' });
  return new SimSession(b.design, { seed: 8 });
}

function ping(s: SimSession, ns: string, dst: string) {
  const h = s.ping(ns, dst);
  s.runUntilDone(h, seconds(6));
  return h.result!;
}

describe('iptables', () => {
  it('MASQUERADE lets a client reach a server that has no route back, with the router as source', () => {
    const s = natted(true);
    expect(ping(s, 'ns1', '10.0.2.2').ok).toBe(true);
    const atServer = s.traceSince(0).find((e) => e.kind === 'frame-rx' && e.at.ns === 'ns2' && e.frame[12] === 8 && e.frame[13] === 0 && e.frame[14 + 9] === 1);
    expect(atServer && atServer.kind === 'frame-rx' ? ipv4Src(atServer.frame, 14) : 0).toBe(0x0a000201);
  });

  it('without MASQUERADE the reply has no route back: no reply', () => {
    expect(ping(natted(false), 'ns1', '10.0.2.2').error).toBe('no_reply');
  });

  it('translates ICMP errors about a masqueraded echo back to the client', () => {
    const s = natted(true);
    const r = ping(s, 'ns1', '10.0.2.99');
    expect(r.error).toBe('host_unreachable');
  });

  it('OUTPUT -j DROP makes the local ping see no reply', () => {
    const b = new DesignBuilder();
    b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
    b.ns('host').firewall.push({ table: 'filter', chain: 'OUTPUT', target: 'DROP', dst: '10.0.0.2' });
    const s = new SimSession(b.design, { seed: 1 });
    expect(ping(s, 'host', '10.0.0.2').error).toBe('no_reply');
  });

  it('REJECT answers with port unreachable', () => {
    const b = new DesignBuilder();
    b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
    b.ns('ns1').firewall.push({ table: 'filter', chain: 'INPUT', target: 'REJECT' });
    const s = new SimSession(b.design, { seed: 1 });
    const r = ping(s, 'host', '10.0.0.2');
    expect(r.error).toBe('port_unreachable');
    expect(r.error_from).toBe('10.0.0.2');
  });
});
