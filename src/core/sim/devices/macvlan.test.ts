import { describe, expect, it } from 'vitest';
import type { MacvlanMode } from '../../model/types';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';

function siblings(mode: MacvlanMode, hairpin: boolean): SimSession {
  const b = new DesignBuilder();
  const eth0 = b.nic('eth0', 'host', 'lan0', '192.168.0.171/24', hairpin);
  b.ns('ns1');
  b.ns('ns2');
  b.macvlan('mac1', eth0, mode, 'ns1', '192.168.0.100/24');
  b.macvlan('mac2', eth0, mode, 'ns2', '192.168.0.200/24');
  return new SimSession(b.design, { seed: 5 });
}

function pingOk(s: SimSession, ns: string, dst: string): boolean | undefined {
  const h = s.ping(ns, dst);
  s.runUntilDone(h, seconds(5));
  return h.result?.ok;
}

describe('macvlan modes between two children of one NIC', () => {
  it('bridge mode switches siblings inside the driver', () => {
    expect(pingOk(siblings('bridge', false), 'ns1', '192.168.0.200')).toBe(true);
  });

  it('vepa needs a reflecting switch port', () => {
    expect(pingOk(siblings('vepa', false), 'ns1', '192.168.0.200')).toBe(false);
    expect(pingOk(siblings('vepa', true), 'ns1', '192.168.0.200')).toBe(true);
  });

  it('private never delivers a sibling\'s broadcast, even reflected', () => {
    const s = siblings('private', true);
    expect(pingOk(s, 'ns1', '192.168.0.200')).toBe(false);
    const arpSeenByMac2 = s.traceSince(0).filter((e) => e.kind === 'frame-rx' && e.at.ns === 'ns2' && e.frame[12] === 0x08 && e.frame[13] === 0x06);
    expect(arpSeenByMac2).toEqual([]);
  });

  it('a child cannot reach its parent\'s address without reflection', () => {
    expect(pingOk(siblings('bridge', false), 'ns1', '192.168.0.171')).toBe(false);
  });
});

describe('macvlan on a bridge device', () => {
  it('reaches hosts behind the bridge ports (the bridge passes frames for the child up)', () => {
    const b = new DesignBuilder();
    const [v0] = b.veth('v0', 'host', 'v1', 'ns1', undefined, '10.0.0.1/24');
    const br = b.bridge('br0', 'host', [v0]);
    b.ns('ns2');
    b.macvlan('mv0', br, 'bridge', 'ns2', '10.0.0.2/24');
    const s = new SimSession(b.design, { seed: 5 });
    expect(pingOk(s, 'ns2', '10.0.0.1')).toBe(true);
    expect(pingOk(s, 'ns1', '10.0.0.2')).toBe(true);
  });
});
