import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';

function twoNamespacesOnABridge(opts: { stp?: boolean; brAddr?: string } = {}): SimSession {
  const b = new DesignBuilder();
  const [v1] = b.veth('v1', 'host', 'v1p', 'ns1', undefined, '10.0.0.1/24');
  const [v2] = b.veth('v2', 'host', 'v2p', 'ns2', undefined, '10.0.0.2/24');
  const br = b.bridge('br0', 'host', [v1, v2], { stp: opts.stp });
  if (opts.brAddr) br.addresses.push({ cidr: opts.brAddr });
  return new SimSession(b.design, { seed: 3 });
}

describe('Linux bridge', () => {
  it('forwards between two ports and learns both MACs', () => {
    const s = twoNamespacesOnABridge();
    const h = s.ping('ns1', '10.0.0.2');
    s.runUntilDone(h, seconds(5));
    expect(h.result?.ok).toBe(true);
    const label = s.labeler();
    expect(s.fdb('host', label)).toEqual([
      { bridge: 'br0', port: 'v1', mac: 'ns1:v1p', state: 'dynamic' },
      { bridge: 'br0', port: 'v2', mac: 'ns2:v2p', state: 'dynamic' },
    ]);
  });

  it('ages learned entries out after ageing_time', () => {
    const s = twoNamespacesOnABridge();
    const h = s.ping('ns1', '10.0.0.2');
    s.runUntilDone(h, seconds(5));
    expect(s.fdb('host').length).toBe(2);
    s.runUntil(seconds(400));
    expect(s.fdb('host')).toEqual([]);
    expect(s.traceSince(0).filter((e) => e.kind === 'fdb' && e.event === 'aged').length).toBe(2);
  });

  it('takes the lowest port MAC when none was set', () => {
    const s = twoNamespacesOnABridge();
    const br = s.sim.nsByLabel.get('host')!.byName.get('br0')!;
    const ports = br.bridge!.ports.map((p) => p.mac).sort();
    expect(br.mac).toBe(ports[0]);
  });

  it('with STP on, keeps ports listening for forward_delay: no carrier, nothing forwarded', () => {
    const s = twoNamespacesOnABridge({ stp: true });
    const h = s.ping('ns1', '10.0.0.2');
    s.runUntilDone(h, seconds(5));
    expect(h.result?.ok).toBe(false);
    const links = s.links('host');
    expect(links.find((l) => l.name === 'br0')?.flags).toContain('NO-CARRIER');
    expect(links.find((l) => l.name === 'v1')?.bridge_port?.state).toBe('listening');
    s.runUntil(seconds(31));
    expect(s.links('host').find((l) => l.name === 'v1')?.bridge_port?.state).toBe('forwarding');
  });

  it('detects a loop without STP as a broadcast storm and stops it within a bounded number of events', () => {
    const b = new DesignBuilder();
    const [a0, a1] = b.veth('a0', 'host', 'a1', 'host');
    const [c0, c1] = b.veth('c0', 'host', 'c1', 'host');
    const [d0, d1] = b.veth('d0', 'host', 'd1', 'host');
    const [, n1] = b.veth('n0', 'ns1', 'n1', 'host', '10.0.0.1/24');
    b.bridge('br0', 'host', [a0, c0, d0]);
    b.bridge('br1', 'host', [a1, c1, d1, n1]);
    const s = new SimSession(b.design, { seed: 1 });
    const h = s.ping('ns1', '10.0.0.9');
    s.runUntilDone(h, seconds(10));
    expect(s.sim.stormDetected).toBe(true);
    expect(s.traceSince(0).some((e) => e.kind === 'note' && e.text.startsWith('broadcast storm'))).toBe(true);
    expect(s.sim.engine.executed).toBeLessThan(20000);
  });
});
