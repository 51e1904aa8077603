import { describe, expect, it } from 'vitest';
import { addAddress, addRoute, addNeighbour } from './fields';
import { moveDevice } from './move-device';
import { Bench, ok } from './test-support';

describe('moveDevice (ip link set DEV netns NS)', () => {
  it('brings the device down and drops its addresses, routes, neighbours and bridge port', () => {
    const b = new Bench();
    const ns = b.namespace();
    const dev = b.device('dummy');
    const br = b.device('bridge');
    b.design = ok(addAddress(b.design, dev, { cidr: '10.0.0.1/24' }));
    b.design = ok(addRoute(b.design, b.rootNs, { dst: '10.1.0.0/16', dev }));
    b.design = ok(addNeighbour(b.design, b.rootNs, { ip: '10.0.0.2', lladdr: '02:00:00:00:00:02', dev, state: 'permanent' }));
    b.link(dev, br, 'master');
    b.design = ok(moveDevice(b.design, dev, ns));
    const moved = b.get(dev);
    expect(moved.ns).toBe(ns);
    expect(moved.up).toBe(false);
    expect(moved.addresses).toEqual([]);
    expect(moved.master).toBeUndefined();
    const root = b.design.hosts[0].namespaces.find((n) => n.root)!;
    expect(root.routes).toEqual([]);
    expect(root.neighbours).toEqual([]);
  });

  it('leaves children of a moved parent where they are, still on it', () => {
    const b = new Bench();
    const ns = b.namespace();
    const eth = b.device('physical');
    const mac = b.device('macvlan');
    b.link(mac, eth, 'parent');
    b.design = ok(moveDevice(b.design, eth, ns));
    expect(b.get(mac).ns).toBe(b.rootNs);
    expect((b.get(mac) as { parent: string }).parent).toBe(eth);
  });

  it('refuses bridges and loopback (netns-local) and name clashes (EEXIST)', () => {
    const b = new Bench();
    const ns = b.namespace();
    const br = b.device('bridge');
    expect(moveDevice(b.design, br, ns)).toMatchObject({ ok: false, reason: expect.stringMatching(/netns-local/) });
    b.device('dummy', ns);
    const clash = b.device('dummy');
    expect(moveDevice(b.design, clash, ns)).toMatchObject({ ok: false, reason: expect.stringMatching(/EEXIST/) });
  });

  it('keeps a veth pair connected across the namespace boundary', () => {
    const b = new Bench();
    const ns = b.namespace();
    const v = b.device('veth');
    b.design = ok(moveDevice(b.design, v, ns));
    const moved = b.get(v);
    expect(moved.kind === 'veth' && b.get(moved.peer).ns).toBe(b.rootNs);
  });
});
