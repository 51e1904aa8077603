import { describe, expect, it } from 'vitest';
import { hostileNamesDesign, macvlanBridgeDesign } from '../iproute2/export/test-designs';
import { cloneDesign } from './design';
import type { Design, Device } from './types';
import { validateDesign } from './validate';

const dev = (d: Design, name: string): Device => d.hosts[0].devices.find((x) => x.name === name)!;
const codes = (d: Design) => validateDesign(d).map((x) => x.code);
const errors = (d: Design) => validateDesign(d).filter((x) => x.level === 'error');

describe('validateDesign', () => {
  it('accepts the field notes macvlan bridge design without errors', () => {
    expect(errors(macvlanBridgeDesign())).toEqual([]);
  });

  it('accepts hostile but kernel-valid names', () => {
    expect(errors(hostileNamesDesign())).toEqual([]);
  });

  it('refuses interface names the kernel refuses, located by id and path', () => {
    const d = macvlanBridgeDesign();
    const m = dev(d, 'mac3');
    m.name = 'a-very-long-name-x';
    const diag = validateDesign(d).find((x) => x.code === 'bad-interface-name')!;
    expect(diag).toMatchObject({ level: 'error', object: m.id, path: 'hosts[0].devices[6].name' });
    expect(diag.message).toMatch(/at most 15/);
  });

  it('refuses two devices with one name in one namespace, but not across namespaces', () => {
    const d = macvlanBridgeDesign();
    dev(d, 'mac2').name = 'mac1';
    expect(codes(d)).not.toContain('duplicate-interface-name');
    dev(d, 'mac3').name = 'eth0';
    expect(codes(d)).toContain('duplicate-interface-name');
  });

  it('refuses duplicate ids and dangling references', () => {
    const d = macvlanBridgeDesign();
    dev(d, 'mac2').id = dev(d, 'mac1').id;
    (dev(d, 'mac3') as { parent: string }).parent = 'nope';
    const c = codes(d);
    expect(c).toContain('duplicate-id');
    expect(c).toContain('unknown-parent');
  });

  it('refuses an asymmetric veth pair', () => {
    const d = hostileNamesDesign();
    const v = d.hosts[0].devices.find((x) => x.kind === 'veth')!;
    const other = d.hosts[0].devices.find((x) => x.kind === 'veth' && x.id !== v.id)!;
    (other as { peer: string }).peer = other.id;
    expect(codes(d)).toEqual(expect.arrayContaining(['asymmetric-peer', 'self-peer']));
  });

  it('refuses a passthru macvlan that is not alone on its parent', () => {
    const d = macvlanBridgeDesign();
    (dev(d, 'mac1') as { mode: string }).mode = 'passthru';
    expect(validateDesign(d).filter((x) => x.code === 'passthru-not-alone')).toHaveLength(1);
  });

  it('refuses children on loopback/tun and macvlans on bridge ports (EBUSY)', () => {
    const d = hostileNamesDesign();
    const lo = d.hosts[0].devices.find((x) => x.kind === 'loopback')!;
    const m = d.hosts[0].devices.find((x) => x.kind === 'macvlan') as { parent: string };
    m.parent = lo.id;
    expect(codes(d)).toContain('parent-not-ethernet');
    const veth = d.hosts[0].devices.find((x) => x.kind === 'veth' && x.master)!;
    m.parent = veth.id;
    expect(codes(d)).toContain('parent-is-port');
    expect(codes(d)).toContain('parent-enslaved');
  });

  it('refuses a bridge inside a bridge (ELOOP) and ipvlan ports', () => {
    const d = hostileNamesDesign();
    const h = d.hosts[0];
    const br = h.devices.find((x) => x.kind === 'bridge')!;
    h.devices.push({ id: 'b2', kind: 'bridge', name: 'br2', ns: br.ns, up: false, addresses: [], master: br.id });
    h.devices.push({ id: 'i1', kind: 'ipvlan', name: 'ipv', ns: br.ns, up: false, addresses: [], parent: 'b2', mode: 'l2', flag: 'bridge', master: br.id });
    expect(codes(d)).toEqual(expect.arrayContaining(['bridge-in-bridge', 'ipvlan-port']));
  });

  it('checks MAC, MTU and VLAN id ranges', () => {
    const d = macvlanBridgeDesign();
    dev(d, 'mac1').mac = '01:00:5e:00:00:01';
    dev(d, 'mac2').mtu = 9000;
    d.hosts[0].devices.push({ id: 'v1', kind: 'vlan', name: 'eth0.5000', ns: dev(d, 'eth0').ns, up: true, addresses: [], parent: dev(d, 'eth0').id, vid: 5000 });
    expect(codes(d)).toEqual(expect.arrayContaining(['bad-mac', 'mtu-above-parent', 'bad-vlan-id']));
  });

  it('refuses a gateway that is not on-link, like "Nexthop has invalid gateway"', () => {
    const d = macvlanBridgeDesign();
    const ns1 = d.hosts[0].namespaces.find((n) => n.name === 'ns1')!;
    ns1.routes.push({ dst: '10.0.0.0/8', via: '10.1.1.1' });
    const diag = validateDesign(d).find((x) => x.code === 'gateway-not-onlink')!;
    expect(diag.message).toMatch(/Nexthop has invalid gateway/);
    expect(diag.path).toBe('hosts[0].namespaces[1].routes[1].via');
    // the same gateway becomes valid once a device route makes it on-link
    ns1.routes.push({ dst: '10.1.1.1/32', dev: dev(d, 'mac1').id });
    expect(codes(d)).not.toContain('gateway-not-onlink');
  });

  it('refuses route prefixes with host bits and duplicate addresses', () => {
    const d = macvlanBridgeDesign();
    d.hosts[0].namespaces[0].routes.push({ dst: '10.0.0.1/8', dev: dev(d, 'eth0').id });
    dev(d, 'mac1').addresses.push({ cidr: '192.168.0.100/24' });
    expect(codes(d)).toEqual(expect.arrayContaining(['route-host-bits', 'duplicate-address']));
  });

  it('warns that a macvlan child cannot reach its parent address, unless the host has its own macvlan on that parent', () => {
    const d = macvlanBridgeDesign();
    expect(codes(d)).not.toContain('child-to-parent');
    const h = d.hosts[0];
    h.devices = h.devices.filter((x) => x.name !== 'mac3');
    h.namespaces[0].routes = [];
    const w = validateDesign(d).filter((x) => x.code === 'child-to-parent');
    expect(w.map((x) => x.object)).toEqual([dev(d, 'mac1').id, dev(d, 'mac2').id]);
    expect(w[0].level).toBe('warning');
    expect(w[0].message).toMatch(/host-side interface/);
  });

  it('warns about classic pitfalls', () => {
    const d = macvlanBridgeDesign();
    const h = d.hosts[0];
    const ns1 = h.namespaces.find((n) => n.name === 'ns1')!;
    h.devices.find((x) => x.ns === ns1.id && x.kind === 'loopback')!.up = false;
    (dev(d, 'mac1') as { mode: string }).mode = 'vepa';
    (dev(d, 'mac2') as { mode: string }).mode = 'private';
    dev(d, 'mac3').addresses = [{ cidr: '192.168.0.150/32' }];
    h.devices.push({ id: 't1', kind: 'tap', name: 'tap0', ns: ns1.id, up: true, addresses: [] });
    h.devices.push({ id: 'br', kind: 'bridge', name: 'br0', ns: ns1.id, up: true, addresses: [] });
    ns1.firewall.push({ table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE' });
    const c = codes(d);
    expect(c).toEqual(expect.arrayContaining(['lo-down', 'vepa-no-hairpin', 'private-isolated', 'tap-no-process', 'bridge-no-up-port', 'nat-no-forward']));
    // mac3 has /32 routes by device, so its /32 address is not a pitfall
    expect(c).not.toContain('slash32-no-route');
    dev(d, 'mac1').addresses = [{ cidr: '192.168.0.100/32' }];
    expect(codes(d)).toContain('slash32-no-route');
  });

  it('does not warn about vepa siblings when the switch port has hairpin', () => {
    const d = macvlanBridgeDesign();
    (dev(d, 'mac1') as { mode: string }).mode = 'vepa';
    (dev(d, 'eth0') as { lanHairpin?: boolean }).lanHairpin = true;
    expect(codes(d)).not.toContain('vepa-no-hairpin');
  });

  it('refuses iptables rules iptables refuses', () => {
    const d = macvlanBridgeDesign();
    const ns = d.hosts[0].namespaces[0];
    ns.firewall.push(
      { table: 'filter', chain: 'POSTROUTING', target: 'ACCEPT' },
      { table: 'filter', chain: 'INPUT', target: 'ACCEPT', out: 'eth0' },
      { table: 'filter', chain: 'FORWARD', target: 'MASQUERADE' },
      { table: 'nat', chain: 'POSTROUTING', target: 'REJECT' },
      { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: [] },
      { table: 'filter', chain: 'INPUT', target: 'DROP', ctstateNeg: true },
      { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true },
    );
    ns.sysctls['net.ipv4.conf.all.rp_filter'] = 1;
    ns.sysctls['net.ipv4.tcp_bogus'] = 1;
    const found = validateDesign(d).filter((x) => x.path?.startsWith('hosts[0].namespaces[0].'));
    expect(found.map((x) => x.code)).toEqual(['bad-chain', 'bad-match', 'bad-target', 'bad-target', 'bad-match', 'bad-match', 'nat-no-forward', 'unknown-sysctl']);
  });

  it('warns about an address on a bridge port', () => {
    const d = hostileNamesDesign();
    d.hosts[0].devices.find((x) => x.master)!.addresses.push({ cidr: '10.9.2.1/24' });
    expect(codes(d)).toContain('address-on-port');
  });

  it('returns diagnostics in a stable order: errors first, then document order', () => {
    const d = macvlanBridgeDesign();
    dev(d, 'mac3').name = 'x/y';
    dev(d, 'eth0').mac = 'zz';
    const a = validateDesign(d);
    const b = validateDesign(cloneDesign(d));
    expect(a).toEqual(b);
    const firstWarning = a.findIndex((x) => x.level === 'warning');
    expect(a.slice(0, firstWarning).every((x) => x.level === 'error')).toBe(true);
    expect(a.slice(0, 2).map((x) => x.path)).toEqual(['hosts[0].devices[1].mac', 'hosts[0].devices[6].name']);
  });
});
