import { describe, expect, it } from 'vitest';
import { addAddress, addFirewallRule, addRoute, setDesignInfo, setDeviceFields, setDeviceSysctl, setPolicy, setPositions, setSize, setSysctl } from './fields';
import { rename } from './rename';
import { sequence } from './result';
import { Bench, ok } from './test-support';

describe('device fields', () => {
  it('validates MACs, MTUs and VLAN ids like ip does', () => {
    const b = new Bench();
    const d = b.device('vlan');
    expect(setDeviceFields(b.design, d, { mac: '01:00:5e:00:00:01' }).ok).toBe(false);
    expect(setDeviceFields(b.design, d, { mtu: 20 }).ok).toBe(false);
    expect(setDeviceFields(b.design, d, { vid: 4095 }).ok).toBe(false);
    b.design = ok(setDeviceFields(b.design, d, { mac: '02:AA:00:00:00:01', mtu: 1400, vid: 100 }));
    expect(b.get(d)).toMatchObject({ mac: '02:aa:00:00:00:01', mtu: 1400, vid: 100 });
  });

  it('refuses relation fields, which have their own commands', () => {
    const b = new Bench();
    expect(setDeviceFields(b.design, b.device('macvlan'), { parent: 'x' }).ok).toBe(false);
  });

  it('clears a field set to undefined', () => {
    const b = new Bench();
    const d = b.device('dummy');
    b.design = ok(setDeviceFields(b.design, d, { promisc: true }));
    b.design = ok(setDeviceFields(b.design, d, { promisc: undefined }));
    expect('promisc' in b.get(d)).toBe(false);
  });

  it('adds addresses, refusing malformed and duplicate ones', () => {
    const b = new Bench();
    const d = b.device('dummy');
    b.design = ok(addAddress(b.design, d, { cidr: '192.168.0.171/24' }));
    expect(addAddress(b.design, d, { cidr: '192.168.0.171/24' })).toMatchObject({ ok: false, reason: expect.stringMatching(/EEXIST/) });
    expect(addAddress(b.design, d, { cidr: '192.168.0.300/24' }).ok).toBe(false);
  });

  it('sets and clears per-interface sysctls', () => {
    const b = new Bench();
    const d = b.device('dummy');
    b.design = ok(setDeviceSysctl(b.design, d, 'rp_filter', 2));
    expect(b.get(d).sysctls).toEqual({ rp_filter: 2 });
    b.design = ok(setDeviceSysctl(b.design, d, 'rp_filter', undefined));
    expect(b.get(d).sysctls).toBeUndefined();
  });
});

describe('namespace fields', () => {
  it('adds routes through a device of the same namespace only', () => {
    const b = new Bench();
    const ns = b.namespace();
    const here = b.device('dummy');
    const there = b.device('dummy', ns);
    b.design = ok(addRoute(b.design, b.rootNs, { dst: '192.168.0.100/32', dev: here }));
    expect(addRoute(b.design, b.rootNs, { dst: '10.0.0.0/8', dev: there }).ok).toBe(false);
    expect(addRoute(b.design, b.rootNs, { dst: '10.0.0.0/33', dev: here }).ok).toBe(false);
    expect(b.design.hosts[0].namespaces[0].routes).toEqual([{ dst: '192.168.0.100/32', dev: here }]);
  });

  it('accepts MASQUERADE only in nat POSTROUTING', () => {
    const b = new Bench();
    expect(addFirewallRule(b.design, b.rootNs, { table: 'filter', chain: 'FORWARD', target: 'MASQUERADE' }).ok).toBe(false);
    b.design = ok(addFirewallRule(b.design, b.rootNs, { table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', src: '10.0.0.0/24', out: 'eth0' }));
    expect(b.design.hosts[0].namespaces[0].firewall).toHaveLength(1);
  });

  it('keeps a conntrack state match and refuses an empty one', () => {
    const b = new Bench();
    expect(addFirewallRule(b.design, b.rootNs, { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: [] }).ok).toBe(false);
    b.design = ok(addFirewallRule(b.design, b.rootNs, { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true }));
    expect(b.design.hosts[0].namespaces[0].firewall).toEqual([{ table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true }]);
  });

  it('stores sysctls and non-default policies only', () => {
    const b = new Bench();
    b.design = ok(setSysctl(b.design, b.rootNs, 'net.ipv4.ip_forward', 1));
    b.design = ok(setPolicy(b.design, b.rootNs, 'filter/FORWARD', 'DROP'));
    b.design = ok(setPolicy(b.design, b.rootNs, 'filter/INPUT', 'ACCEPT'));
    const root = b.design.hosts[0].namespaces[0];
    expect(root.sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
    expect(root.policies).toEqual({ 'filter/FORWARD': 'DROP' });
  });
});

describe('rename', () => {
  it('applies the kernel name rules and per-namespace uniqueness', () => {
    const b = new Bench();
    const a = b.device('dummy');
    b.device('dummy');
    expect(rename(b.design, a, 'a-name-that-is-too-long').ok).toBe(false);
    expect(rename(b.design, a, 'eth0:1').ok).toBe(false);
    expect(rename(b.design, a, 'dummy1')).toMatchObject({ ok: false, reason: expect.stringMatching(/EEXIST/) });
    b.design = ok(rename(b.design, a, 'mac1'));
    expect(b.get(a).name).toBe('mac1');
  });

  it('renames a machine together with its root namespace', () => {
    const b = new Bench();
    b.design = ok(rename(b.design, b.hostId, 'router'));
    expect(b.design.hosts[0].namespaces[0].name).toBe('router');
  });
});

describe('sequence', () => {
  it('stops at the first refusal and keeps the original design', () => {
    const b = new Bench();
    const d = b.device('dummy');
    const before = b.design;
    const r = sequence(before, (x) => rename(x, d, 'ok0'), (x) => rename(x, d, 'bad name'));
    expect(r.ok).toBe(false);
    expect(b.get(d).name).toBe('dummy0');
  });
});

describe('setDesignInfo', () => {
  it('sets a title and clears it with empty text', () => {
    const b = new Bench();
    b.design = ok(setDesignInfo(b.design, { title: 'lab' }));
    expect(b.design.title).toBe('lab');
    b.design = ok(setDesignInfo(b.design, { title: ' ' }));
    expect('title' in b.design).toBe(false);
  });
});

describe('setPositions', () => {
  it('rounds positions and returns the same document when nothing moved', () => {
    const b = new Bench();
    const d = b.device('dummy');
    b.design = ok(setPositions(b.design, { [d]: { x: 10.4, y: 20.6 } }));
    expect(b.design.layout.positions[d]).toEqual({ x: 10, y: 21 });
    const again = ok(setPositions(b.design, { [d]: { x: 10, y: 21 } }));
    expect(again).toBe(b.design);
  });
});

describe('setSize', () => {
  it('records a container size in the layout', () => {
    const b = new Bench();
    const ns = b.namespace();
    b.design = ok(setSize(b.design, ns, { width: 500.2, height: 300 }));
    expect(b.design.layout.sizes?.[ns]).toEqual({ width: 500, height: 300 });
  });
});
