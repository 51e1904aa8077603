import { describe, expect, it } from 'vitest';
import { IdAllocator } from '../design';
import { addDevice, addMachine, addNamespaceTo } from './add';
import { Bench } from './test-support';

describe('addDevice', () => {
  it('names devices with the next free name in their namespace', () => {
    const b = new Bench();
    const a = b.device('physical');
    const c = b.device('physical');
    expect([b.get(a).name, b.get(c).name]).toEqual(['eth0', 'eth1']);
  });

  it('creates a veth as a pair pointing at each other', () => {
    const b = new Bench();
    const v = b.device('veth');
    const peer = b.get(v);
    expect(peer.kind).toBe('veth');
    if (peer.kind !== 'veth') return;
    const other = b.get(peer.peer);
    expect(other.kind === 'veth' && other.peer).toBe(v);
    expect([peer.name, other.name]).toEqual(['veth0', 'veth1']);
  });

  it('gives a macvlan the kernel default mode vepa and an ipvlan l3/bridge', () => {
    const b = new Bench();
    const m = b.get(b.device('macvlan'));
    const i = b.get(b.device('ipvlan'));
    expect(m.kind === 'macvlan' && m.mode).toBe('vepa');
    expect(i.kind === 'ipvlan' && [i.mode, i.flag]).toEqual(['l3', 'bridge']);
  });

  it('records the drop position in the layout, not on the device', () => {
    const b = new Bench();
    const id = b.device('dummy');
    expect(b.design.layout.positions[id]).toEqual({ x: 10, y: 10 });
    expect(Object.keys(b.get(id))).not.toContain('position');
  });

  it('refuses an unknown namespace', () => {
    const b = new Bench();
    const r = addDevice(b.design, 'dummy', 'nope', { x: 0, y: 0 }, new IdAllocator(b.design));
    expect(r.ok).toBe(false);
  });
});

describe('addNamespaceTo / addMachine', () => {
  it('adds ns1, ns2 … each with an admin-down loopback', () => {
    const b = new Bench();
    const n1 = b.namespace();
    b.namespace();
    const host = b.design.hosts[0];
    expect(host.namespaces.map((n) => n.name)).toEqual(['host', 'ns1', 'ns2']);
    expect(host.devices.find((d) => d.ns === n1 && d.kind === 'loopback')?.up).toBe(false);
  });

  it('refuses a duplicate namespace name like ip netns add', () => {
    const b = new Bench();
    b.namespace('red');
    const r = addNamespaceTo(b.design, b.hostId, { x: 0, y: 0 }, new IdAllocator(b.design), 'red');
    expect(r.ok).toBe(false);
  });

  it('gives an external host a NIC to join a LAN with', () => {
    const b = new Bench();
    const [id] = b.apply((d, ids) => addMachine(d, 'external', { x: 0, y: 0 }, ids));
    const ext = b.design.hosts.find((h) => h.id === id)!;
    expect(ext.role).toBe('external');
    expect(ext.devices.map((d) => [d.kind, d.name])).toEqual([['loopback', 'lo'], ['physical', 'eth0']]);
  });
});
