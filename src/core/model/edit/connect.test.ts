import { describe, expect, it } from 'vitest';
import { disconnect } from './connect';
import { setDeviceFields } from './fields';
import { Bench, ok } from './test-support';

describe('connect', () => {
  it('puts a macvlan on its lower device', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const mac = b.device('macvlan');
    b.link(mac, eth, 'parent');
    expect(b.get(mac).kind === 'macvlan' && (b.get(mac) as { parent: string }).parent).toBe(eth);
  });

  it('refuses a bridge port as macvlan parent with EBUSY', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const br = b.device('bridge');
    const mac = b.device('macvlan');
    b.link(eth, br, 'master');
    expect(b.problem(mac, eth, 'parent')).toMatch(/EBUSY.*one rx_handler/);
  });

  it('refuses a macvlan parent as bridge port, and an ipvlan master too', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const eth1 = b.device('physical');
    const br = b.device('bridge');
    b.link(b.device('macvlan'), eth, 'parent');
    b.link(b.device('ipvlan'), eth1, 'parent');
    expect(b.problem(eth, br, 'master')).toMatch(/macvlan parent.*EBUSY/);
    expect(b.problem(eth1, br, 'master')).toMatch(/ipvlan master.*EBUSY/);
  });

  it('lets VLAN sub-interfaces coexist with a bridge port (no rx_handler)', () => {
    const b = new Bench();
    const eth = b.device('physical');
    b.link(eth, b.device('bridge'), 'master');
    expect(b.problem(b.device('vlan'), eth, 'parent')).toBeUndefined();
  });

  it('refuses a second VLAN with the same id on one lower device', () => {
    const b = new Bench();
    const eth = b.device('physical');
    b.link(b.device('vlan'), eth, 'parent');
    expect(b.problem(b.device('vlan'), eth, 'parent')).toMatch(/EEXIST/);
  });

  it('allows macvlan on a bridge device itself', () => {
    const b = new Bench();
    expect(b.problem(b.device('macvlan'), b.device('bridge'), 'parent')).toBeUndefined();
  });

  it('refuses macvlan on loopback and on tun', () => {
    const b = new Bench();
    const lo = b.design.hosts[0].devices.find((d) => d.kind === 'loopback')!.id;
    const mac = b.device('macvlan');
    expect(b.problem(mac, lo, 'parent')).toMatch(/EINVAL/);
    expect(b.problem(mac, b.device('tun'), 'parent')).toMatch(/EINVAL/);
  });

  it('refuses a bridge inside a bridge with ELOOP, and tun or loopback ports with EINVAL', () => {
    const b = new Bench();
    const br = b.device('bridge');
    expect(b.problem(b.device('bridge'), br, 'master')).toMatch(/ELOOP/);
    expect(b.problem(b.device('tun'), br, 'master')).toMatch(/EINVAL/);
  });

  it('refuses an ipvlan child as bridge port (marked no rx_handler)', () => {
    const b = new Bench();
    const ipv = b.device('ipvlan');
    b.link(ipv, b.device('physical'), 'parent');
    expect(b.problem(ipv, b.device('bridge'), 'master')).toMatch(/no rx_handler/);
  });

  it('refuses a port in another namespace than its bridge', () => {
    const b = new Bench();
    const ns = b.namespace();
    expect(b.problem(b.device('dummy', ns), b.device('bridge'), 'master')).toMatch(/different namespaces/);
  });

  it('refuses a second child on a passthru parent', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const m1 = b.device('macvlan');
    b.link(m1, eth, 'parent');
    b.design = ok(setDeviceFields(b.design, m1, { mode: 'passthru' }));
    expect(b.problem(b.device('macvlan'), eth, 'parent')).toMatch(/passthru/);
  });

  it('refuses a cycle of lower devices', () => {
    const b = new Bench();
    const v1 = b.device('vlan');
    const v2 = b.device('vlan');
    b.link(v2, v1, 'parent');
    expect(b.problem(v1, v2, 'parent')).toMatch(/own lower device/);
  });

  it('plugs physical NICs, and only them, into a LAN', () => {
    const b = new Bench();
    const lan = b.lan();
    const eth = b.device('physical');
    b.link(eth, lan, 'lan');
    expect((b.get(eth) as { lan?: string }).lan).toBe(lan);
    expect(b.problem(b.device('dummy'), lan, 'lan')).toMatch(/only a physical NIC/);
  });

  it('refuses attaching a veth peer after creation', () => {
    const b = new Bench();
    const a = b.device('veth');
    const c = b.device('veth');
    expect(b.problem(a, c, 'peer')).toMatch(/created together/);
  });

  it('disconnect undoes master and lan', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const lan = b.lan();
    b.link(eth, b.device('bridge'), 'master');
    b.link(eth, lan, 'lan');
    b.design = ok(disconnect(b.design, eth, 'master'));
    b.design = ok(disconnect(b.design, eth, 'lan'));
    const d = b.get(eth);
    expect(d.master).toBeUndefined();
    expect((d as { lan?: string }).lan).toBeUndefined();
  });
});
