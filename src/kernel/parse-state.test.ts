import { describe, expect, it } from 'vitest';
import { collectFdb, collectLinks, collectState, parseJsonList, type NamespaceDump } from './parse-state';

const dump = (ns: string, over: Partial<NamespaceDump>): NamespaceDump => ({ ns, link: [], addr: [], neigh: [], route: '', fdb: [], ...over });

const host = dump('host', {
  link: [
    { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], operstate: 'UNKNOWN', link_type: 'loopback', address: '00:00:00:00:00:00' },
    { ifindex: 2, ifname: 'br0', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:01', linkinfo: { info_kind: 'bridge', info_data: {} } },
    { ifindex: 3, ifname: 'v0', link: 'v1', master: 'br0', flags: ['BROADCAST', 'UP'], operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:01',
      linkinfo: { info_kind: 'veth', info_slave_kind: 'bridge', info_slave_data: { state: 'forwarding', hairpin: false } } },
    { ifindex: 4, ifname: 'mv0', link: 'eth0', flags: ['UP'], operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:09', linkinfo: { info_kind: 'macvlan', info_data: { mode: 'bridge' } } },
    { ifindex: 5, ifname: 'tap0', flags: ['NO-CARRIER', 'UP'], operstate: 'DOWN', link_type: 'ether', address: '02:00:00:00:00:0a', linkinfo: { info_kind: 'tun', info_data: { type: 'tap' } } },
    { ifindex: 6, ifname: 'v9', link_netnsid: 0, flags: ['UP'], operstate: 'UP', link_type: 'ether', address: '02:00:00:00:00:0b', linkinfo: { info_kind: 'veth' } },
  ],
  addr: [{ ifname: 'br0', addr_info: [{ family: 'inet', local: '10.0.0.1', prefixlen: 24 }, { family: 'inet6', local: 'fe80::1', prefixlen: 64 }] }],
  neigh: [
    { dst: '10.0.0.2', dev: 'br0', lladdr: '02:00:00:00:00:0b', state: ['REACHABLE'] },
    { dst: '10.0.0.9', dev: 'br0', state: ['FAILED'] },
    { dst: '10.0.0.3', dev: 'br0', lladdr: 'aa:00:00:00:00:01', state: ['STALE'] },
  ],
  route: '10.0.0.0/24 dev br0 proto kernel  scope link src 10.0.0.1 \n\n',
  fdb: [
    { mac: '02:00:00:00:00:0b', ifname: 'v0', master: 'br0', state: '' },
    { mac: '02:00:00:00:00:01', ifname: 'v0', master: 'br0', state: 'permanent' },
    { mac: '33:33:00:00:00:01', ifname: 'v0', master: 'br0', state: '' },
    { mac: '02:00:00:00:00:0c', ifname: 'v0', flags: ['self'], state: '' },
  ],
});

describe('collectLinks', () => {
  const { links, label } = collectLinks([host]);

  it('describes each link like the harness', () => {
    const byName = Object.fromEntries(links.host.map((l) => [l.name, l]));
    expect(byName.lo).toEqual({ name: 'lo', kind: 'loopback', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], operstate: 'UNKNOWN', addrs: [] });
    expect(byName.br0.addrs).toEqual(['10.0.0.1/24']);
    expect(byName.br0.flags).toEqual(['UP', 'LOWER_UP']);
    expect(byName.v0).toMatchObject({ kind: 'veth', master: 'br0', link: 'v1', bridge_port: { state: 'forwarding', hairpin: false } });
    expect(byName.mv0).toMatchObject({ kind: 'macvlan', mode: 'bridge', link: 'eth0' });
    expect(byName.tap0.kind).toBe('tap');
    expect(byName.v9.link).toBe('<other-netns>');
  });

  it('labels a MAC shared by a bridge and its port as the bridge', () => {
    expect(label('02:00:00:00:00:01')).toBe('host:br0');
    expect(label('02:00:00:00:00:0B')).toBe('host:v9');
    expect(label('ff:ff:ff:ff:ff:ff')).toBe('broadcast');
    expect(label('aa:00:00:00:00:01')).toBe('unknown:aa:00:00:00:00:01');
  });

  it('sorts neighbours by device and address and keeps unresolved ones without lladdr', () => {
    const { neigh, routes } = collectState([host], label);
    expect(neigh.host).toEqual([
      { ip: '10.0.0.2', dev: 'br0', lladdr: 'host:v9', state: 'REACHABLE' },
      { ip: '10.0.0.3', dev: 'br0', lladdr: 'unknown:aa:00:00:00:00:01', state: 'STALE' },
      { ip: '10.0.0.9', dev: 'br0', state: 'FAILED' },
    ]);
    expect(routes.host).toEqual(['10.0.0.0/24 dev br0 proto kernel scope link src 10.0.0.1']);
  });

  it('keeps only learned unicast FDB entries of bridge ports', () => {
    expect(collectFdb([host], label)).toEqual({ host: [{ bridge: 'br0', port: 'v0', mac: 'host:v9', state: 'dynamic' }] });
    expect(collectFdb([dump('ns1', {})], label)).toEqual({});
  });
});

describe('parseJsonList', () => {
  it('treats empty output as an empty list and junk as nothing', () => {
    expect(parseJsonList('')).toEqual([]);
    expect(parseJsonList('not json')).toBeNull();
    expect(parseJsonList(null)).toBeNull();
  });
});
