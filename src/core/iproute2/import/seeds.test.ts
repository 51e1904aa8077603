/**
 * The field notes' command blocks (fixtures/seeds) import cleanly — errors only where the
 * kernel would refuse a line — and give the devices the notes describe.
 */
import { describe, expect, it } from 'vitest';
import type { Device } from '../../model/types';
import { findNamespace } from './compare';
import { importScript, type ImportResult } from './index';

const seeds = import.meta.glob('/fixtures/seeds/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function load(name: string): ImportResult {
  const text = seeds[`/fixtures/seeds/${name}`];
  expect(text, name).toBeDefined();
  return importScript(text, { file: name });
}

function errorLines(r: ImportResult): number[] {
  return [...new Set(r.diagnostics.filter((d) => d.level === 'error').map((d) => d.line ?? 0))].sort((a, b) => a - b);
}

/** A device by namespace name and device name, with its parent's name when it has one. */
function dev(r: ImportResult, ns: string, name: string): Device & { parentName?: string; masterName?: string } {
  const scope = findNamespace(r.design, ns);
  expect(scope, `namespace ${ns}`).toBeDefined();
  const d = scope!.host.devices.find((x) => x.ns === scope!.ns.id && x.name === name);
  expect(d, `${ns}:${name}`).toBeDefined();
  const byId = (id?: string) => scope!.host.devices.find((x) => x.id === id)?.name;
  return { ...d!, parentName: byId('parent' in d! ? d!.parent : undefined), masterName: byId(d!.master) };
}

function routes(r: ImportResult, ns: string): string[] {
  const scope = findNamespace(r.design, ns)!;
  const name = (id?: string) => scope.host.devices.find((d) => d.id === id)?.name;
  return scope.ns.routes.map((x) => `${x.dst}${x.via ? ` via ${x.via}` : ''}${x.dev ? ` dev ${name(x.dev)}` : ''}`);
}

describe('field-note seeds', () => {
  it('has a seed file for every field-note document', () => {
    const names = Object.keys(seeds).map((p) => p.split('/').pop()!);
    for (const prefix of ['000', '001', '002', '003', '004']) expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true);
    for (const p of Object.keys(seeds)) expect(seeds[p].split('\n')[0]).toMatch(/^# seeds\/\d{3}_[0-9a-f]+\.txt, /);
  });

  it('000: bridge-mode macvlans with "@" in their names and the mac3 helper', () => {
    const r = load('000-macvlan-bridge-mac3.sh');
    expect(errorLines(r)).toEqual([]);
    for (const [ns, name, ip] of [['ns1', 'mac1@eth0', '192.168.0.100/24'], ['ns2', 'mac2@eth0', '192.168.0.200/24'], ['host', 'mac3@eth0', '192.168.0.150/24']]) {
      const d = dev(r, ns, name);
      expect(d).toMatchObject({ kind: 'macvlan', mode: 'bridge', up: true, parentName: 'eth0' });
      expect(d.addresses).toEqual([{ cidr: ip }]);
    }
    expect(routes(r, 'host')).toEqual(['192.168.0.100/32 dev mac3@eth0', '192.168.0.200/32 dev mac3@eth0']);
  });

  it('000: ipvlan L3 children and helper', () => {
    const r = load('000-ipvlan-l3-helper.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'ns1', 'ipvlan1@eth0')).toMatchObject({ kind: 'ipvlan', mode: 'l3', flag: 'bridge', up: true });
    expect(dev(r, 'ns2', 'ipvlan2@eth0')).toMatchObject({ kind: 'ipvlan', mode: 'l3', up: true });
    expect(dev(r, 'host', 'ipvlan3@eth0')).toMatchObject({ kind: 'ipvlan', mode: 'l3', parentName: 'eth0' });
    expect(routes(r, 'host')).toHaveLength(2);
  });

  it('000: dummy devices', () => {
    const r = load('000-dummy.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'host', 'ethx')).toMatchObject({ kind: 'dummy', up: false });
    expect(dev(r, 'host', 'mydummy').addresses).toEqual([{ cidr: '192.168.200.200/24' }]);
  });

  it('001: the typo (mac2 configured inside ns1) fails like on the kernel, the rest imports', () => {
    const r = load('001-macvlan-bridge-enp0s8.sh');
    expect(errorLines(r)).toEqual([11]);
    expect(r.diagnostics.find((d) => d.level === 'error')?.message).toBe('Cannot find device "mac2"');
    expect(dev(r, 'ns1', 'mac1')).toMatchObject({ kind: 'macvlan', mode: 'bridge', up: true, addresses: [{ cidr: '192.168.56.122/24' }] });
    expect(dev(r, 'ns2', 'mac2')).toMatchObject({ kind: 'macvlan', mode: 'bridge', up: true, addresses: [] });
  });

  it('002: a bridge with an IP and enslaved ports, ifconfig with classful masks', () => {
    const r = load('002-bridge-ip-enslaved.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'host', 'br0')).toMatchObject({ kind: 'bridge', up: true, addresses: [{ cidr: '10.0.0.2/32' }] });
    for (const p of ['enp0s3', 'enp0s8', 'v0']) expect(dev(r, 'host', p).masterName).toBe('br0');
    expect(dev(r, 'host', 'v0')).toMatchObject({ up: true, addresses: [{ cidr: '192.168.32.5/24' }] });
    expect(dev(r, 'ns1', 'v1')).toMatchObject({ kind: 'veth', up: true, addresses: [{ cidr: '192.168.32.6/24' }] });
    expect(dev(r, 'ns1', 'lo').up).toBe(true);
  });

  it('002: veth + NAT; "ip addr set" and the /32 gateway are refused as iproute2 and the kernel do', () => {
    const r = load('002-veth-internet-nat.sh');
    expect(errorLines(r)).toEqual([7, 11]);
    expect(dev(r, 'host', 'veth0')).toMatchObject({ up: true, addresses: [] });
    expect(dev(r, 'ns1', 'veth1')).toMatchObject({ up: true, addresses: [{ cidr: '192.168.78.3/32' }] });
    const root = findNamespace(r.design, 'host')!.ns;
    expect(root.sysctls['net.ipv4.ip_forward']).toBe(1);
    expect(root.firewall).toEqual([{ table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', src: '192.168.78.0/24', out: '!veth0' }]);
  });

  it('003: tap and tun devices, two taps on a bridge', () => {
    const r = load('003-tap-tun.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'host', 'tun0').kind).toBe('tun');
    expect(dev(r, 'host', 'tap0')).toMatchObject({ kind: 'tap', masterName: 'testlu-br' });
    expect(dev(r, 'host', 'tap1')).toMatchObject({ kind: 'tap', masterName: 'testlu-br' });
  });

  it('004: VEPA macvlans on vlan sub-interfaces of hairpin bridge ports', () => {
    const r = load('004-macvlan-vepa-vlan-hairpin.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'host', 'veth1_br')).toMatchObject({ masterName: 'test_br', port: { hairpin: true } });
    expect(dev(r, 'host', 'veth1.11')).toMatchObject({ kind: 'vlan', vid: 11, parentName: 'veth1', up: true, promisc: true });
    expect(dev(r, 'host', 'veth2.11')).toMatchObject({ kind: 'vlan', vid: 11, parentName: 'veth2' });
    const parents: Record<string, string> = { macvl1: 'veth1.11', macvl2: 'veth1.11', macvl3: 'veth2.12', macvl4: 'veth2.12', macvl5: 'veth2.11' };
    Object.entries(parents).forEach(([name, parent], k) => {
      const d = dev(r, `ns${k + 1}`, name);
      expect(d).toMatchObject({ kind: 'macvlan', mode: 'vepa', up: true });
      const host = r.design.hosts[0];
      expect(host.devices.find((x) => x.id === ('parent' in d ? d.parent : ''))?.name).toBe(parent);
      expect(routes(r, `ns${k + 1}`)).toEqual([`default dev ${name}`]);
    });
    expect(findNamespace(r.design, 'host')!.ns.firewall.map((f) => f.in ?? `out ${f.out}`)).toEqual(['out test_br', 'test_br']);
  });

  it('004: private macvlans with static neighbours; "ip neigh del" without dev is refused', () => {
    const r = load('004-macvlan-private-static-neigh.sh');
    expect(errorLines(r)).toEqual([35]);
    for (const [ns, name] of [['ns1', 'macvl1'], ['ns2', 'macvl2'], ['ns3', 'macvl3']]) expect(dev(r, ns, name)).toMatchObject({ kind: 'macvlan', mode: 'private', up: true });
    const ns1 = findNamespace(r.design, 'ns1')!.ns;
    expect(ns1.neighbours).toEqual([{ ip: '192.168.9.3', lladdr: '82:a3:b5:0f:fc:0c', dev: dev(r, 'ns1', 'macvl1').id, state: 'permanent' }]);
    expect(findNamespace(r.design, 'ns2')!.ns.neighbours).toHaveLength(1);
    expect(routes(r, 'ns1')).toEqual(['default via 192.168.9.1 dev macvl1']);
    expect(dev(r, 'host', 'test_br').addresses).toEqual([{ cidr: '192.168.9.1/24' }]);
  });

  it('004: bridge-mode macvlans on a real NIC with the LAN gateway as default route', () => {
    const r = load('004-macvlan-bridge-eno2.sh');
    expect(errorLines(r)).toEqual([]);
    expect(dev(r, 'ns4', 'macvl4')).toMatchObject({ kind: 'macvlan', mode: 'bridge', addresses: [{ cidr: '10.138.36.2/23' }] });
    expect(routes(r, 'ns5')).toEqual(['default via 10.138.36.1 dev macvl5']);
    expect(routes(r, 's20')).toEqual(['default via 10.138.36.1 dev eth0']);
  });
});
