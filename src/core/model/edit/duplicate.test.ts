import { validateDesign } from '../validate';
import { describe, expect, it } from 'vitest';
import { connect } from './connect';
import { duplicate } from './duplicate';
import { addAddress, addRoute, setDeviceFields } from './fields';
import { Bench } from './test-support';

describe('duplicate', () => {
  it('copies a device with the next free name, keeping its parent outside the copy', () => {
    const b = new Bench();
    const eth = b.device('physical');
    const mac = b.device('macvlan');
    b.apply((d) => connect(d, mac, eth, 'parent'));
    const [copy] = b.apply((d, ids) => duplicate(d, [mac], ids));
    expect(b.get(copy)).toMatchObject({ name: 'macvlan1', parent: eth, kind: 'macvlan' });
    expect(b.design.layout.positions[copy]).toEqual({ x: 50, y: 50 });
  });

  it('never copies a veth without its peer, and re-pairs the copies', () => {
    const b = new Bench();
    const v = b.device('veth');
    const created = b.apply((d, ids) => duplicate(d, [v], ids));
    expect(created).toHaveLength(2);
    const [a, c] = created.map((id) => b.get(id));
    expect(a.kind === 'veth' && a.peer).toBe(c.id);
    expect(c.kind === 'veth' && c.peer).toBe(a.id);
    expect([a.name, c.name].sort()).toEqual(['veth2', 'veth3']);
  });

  it('copies a namespace with its devices and routes, remapped to the copies', () => {
    const b = new Bench();
    const ns = b.namespace('red');
    const dummy = b.device('dummy', ns);
    b.apply((d) => addAddress(d, dummy, { cidr: '10.0.0.1/24' }));
    b.apply((d) => addRoute(d, ns, { dst: '10.9.0.0/16', dev: dummy }));
    const created = b.apply((d, ids) => duplicate(d, [ns], ids));
    const host = b.design.hosts[0];
    const nsCopy = host.namespaces.find((n) => n.id === created[0])!;
    expect(nsCopy.name).not.toBe('red');
    const devCopies = host.devices.filter((d) => d.ns === nsCopy.id);
    expect(devCopies.map((d) => d.kind).sort()).toEqual(['dummy', 'loopback']);
    const dummyCopy = devCopies.find((d) => d.kind === 'dummy')!;
    expect(dummyCopy.name).toBe('dummy0');
    expect(devCopies.find((d) => d.kind === 'loopback')!.name).toBe('lo');
    expect(validateDesign(b.design).filter((x) => x.level === 'error')).toEqual([]);
    expect(nsCopy.routes).toEqual([{ dst: '10.9.0.0/16', dev: dummyCopy.id }]);
  });

  it('drops an explicit MAC on the copy so two devices never share one', () => {
    const b = new Bench();
    const d0 = b.device('dummy');
    b.apply((d) => setDeviceFields(d, d0, { mac: '02:00:00:00:00:09' }));
    const [copy] = b.apply((d, ids) => duplicate(d, [d0], ids));
    expect(b.get(copy).mac).toBeUndefined();
  });
});
