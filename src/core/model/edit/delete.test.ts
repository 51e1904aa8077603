import { describe, expect, it } from 'vitest';
import { deleteObjects } from './delete';
import { addAddress, addRoute } from './fields';
import { Bench, ok } from './test-support';

describe('deleteObjects', () => {
  it('deletes both ends of a veth pair', () => {
    const b = new Bench();
    const v = b.device('veth');
    const peer = (b.get(v) as { peer: string }).peer;
    b.design = ok(deleteObjects(b.design, [v]));
    expect(b.has(v) || b.has(peer)).toBe(false);
  });

  it('deletes the children of a parent, wherever they are, and their children', () => {
    const b = new Bench();
    const ns = b.namespace();
    const eth = b.device('physical');
    const vlan = b.device('vlan');
    const mac = b.device('macvlan', ns);
    b.link(vlan, eth, 'parent');
    b.link(mac, vlan, 'parent');
    b.design = ok(deleteObjects(b.design, [eth]));
    expect([b.has(eth), b.has(vlan), b.has(mac)]).toEqual([false, false, false]);
  });

  it('destroys a namespace\'s virtual devices and returns physical NICs to the root, reset', () => {
    const b = new Bench();
    const ns = b.namespace();
    const nic = b.device('physical', ns);
    const dummy = b.device('dummy', ns);
    b.design = ok(addAddress(b.design, nic, { cidr: '10.0.0.1/24' }));
    b.design = ok(deleteObjects(b.design, [ns]));
    expect(b.has(dummy)).toBe(false);
    expect(b.get(nic)).toMatchObject({ ns: b.rootNs, up: false, addresses: [] });
    expect(b.design.hosts[0].namespaces.map((n) => n.name)).toEqual(['host']);
  });

  it('releases ports of a deleted bridge and drops routes through deleted devices', () => {
    const b = new Bench();
    const br = b.device('bridge');
    const port = b.device('dummy');
    b.link(port, br, 'master');
    b.design = ok(addRoute(b.design, b.rootNs, { dst: '10.0.0.0/8', dev: br }));
    b.design = ok(deleteObjects(b.design, [br]));
    expect(b.get(port).master).toBeUndefined();
    expect(b.design.hosts[0].namespaces[0].routes).toEqual([]);
    expect(b.design.layout.positions[br]).toBeUndefined();
  });

  it('never deletes the root namespace or a namespace\'s loopback on their own', () => {
    const b = new Bench();
    const lo = b.design.hosts[0].devices[0].id;
    b.design = ok(deleteObjects(b.design, [b.rootNs, lo]));
    expect(b.design.hosts[0].namespaces).toHaveLength(1);
    expect(b.has(lo)).toBe(true);
  });

  it('unplugs NICs from a deleted LAN segment', () => {
    const b = new Bench();
    const lan = b.lan();
    const eth = b.device('physical');
    b.link(eth, lan, 'lan');
    b.design = ok(deleteObjects(b.design, [lan]));
    expect((b.get(eth) as { lan?: string }).lan).toBeUndefined();
    expect(b.design.lans).toEqual([]);
  });
});
