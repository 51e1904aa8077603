import { describe, expect, it } from 'vitest';
import { devIn, errorLines, errors, imp, nameOf, nsOf } from './testing';

const V0 = ['ip link add v0 type veth peer name v1', 'ip addr add 10.0.0.1/24 dev v0', 'ip link set v0 up'];

describe('ip addr', () => {
  it('adds addresses with peer and noprefixroute, refusing duplicates', () => {
    const r = imp('ip link add d type dummy', 'ip a a 10.0.0.1/24 dev d', 'ip addr add 10.0.0.1/24 dev d', 'ip addr add 10.0.0.2 peer 10.0.0.3/32 dev d',
      'ip addr add 10.9.0.1/16 dev d noprefixroute', 'ip addr add 10.0.0.1/25 dev d', 'ip addr add 1.2.3.4/24');
    expect(errorLines(r)).toEqual([3, 7]);
    expect(devIn(r, 'host', 'd')?.addresses).toEqual([
      { cidr: '10.0.0.1/24' }, { cidr: '10.0.0.2/32', peer: '10.0.0.3/32' }, { cidr: '10.9.0.1/16', noprefixroute: true }, { cidr: '10.0.0.1/25' },
    ]);
  });

  it('deletes and flushes addresses', () => {
    const r = imp('ip link add d type dummy', 'ip addr add 10.0.0.1/24 dev d', 'ip addr add 10.0.0.2/24 dev d', 'ip addr del 10.0.0.1/24 dev d',
      'ip addr del 10.0.0.9/24 dev d', 'ip addr del 10.0.0.2 dev d', 'ip addr add 10.0.0.3/24 dev d', 'ip addr flush dev d');
    expect(errorLines(r)).toEqual([5]);
    expect(devIn(r, 'host', 'd')?.addresses).toEqual([]);
  });
});

describe('ip route', () => {
  it('adds routes via on-link gateways and through up devices', () => {
    const r = imp(...V0, 'ip route add 10.1.0.0/16 via 10.0.0.2', 'ip r a default via 10.0.0.254 dev v0 metric 100', 'ip route add 10.2.0.0/16 dev v0 src 10.0.0.1');
    expect(errorLines(r)).toEqual([]);
    const v0 = devIn(r, 'host', 'v0')!.id;
    expect(nsOf(r, 'host')?.routes).toEqual([
      { dst: '10.1.0.0/16', via: '10.0.0.2', dev: v0 },
      { dst: 'default', via: '10.0.0.254', dev: v0, metric: 100 },
      { dst: '10.2.0.0/16', dev: v0, src: '10.0.0.1' },
    ]);
  });

  it('refuses gateways that are not on-link or on another device, unless onlink', () => {
    const r = imp(...V0, 'ip link add d type dummy', 'ip link set d up', 'ip route add 10.1.0.0/16 via 10.5.0.1',
      'ip route add 10.1.0.0/16 via 10.0.0.2 dev d', 'ip route add 10.1.0.0/16 via 10.5.0.1 dev v0 onlink');
    expect(errorLines(r)).toEqual([6, 7]);
    expect(errors(r)[0]).toBe('Error: Nexthop has invalid gateway.');
    expect(nsOf(r, 'host')?.routes).toHaveLength(1);
  });

  it('uses a gateway reached through a device route', () => {
    const r = imp('ip link add d type dummy', 'ip link set d up', 'ip route add 172.16.0.0/24 dev d', 'ip route add 10.0.0.0/8 via 172.16.0.1');
    expect(errorLines(r)).toEqual([]);
  });

  it('refuses routes on a down device, duplicates and host bits in the prefix', () => {
    const r = imp('ip link add d type dummy', 'ip route add 10.0.0.0/24 dev d', 'ip link set d up', 'ip route add 10.0.0.0/24 dev d',
      'ip route add 10.0.0.0/24 dev d', 'ip route add 10.0.0.1/24 dev d', 'ip route replace 10.0.0.0/24 dev d metric 0', 'ip addr add 10.9.0.1/24 dev d',
      'ip route add 10.9.0.0/24 dev d');
    expect(errorLines(r)).toEqual([2, 5, 6, 9]);
    expect(errors(r)[0]).toBe('Error: Device for nexthop is not up.');
  });

  it('removes routes through a device when it goes down', () => {
    const r = imp(...V0, 'ip route add 10.1.0.0/16 via 10.0.0.2', 'ip link set v0 down');
    expect(nsOf(r, 'host')?.routes).toEqual([]);
  });

  it('keeps blackhole/unreachable routes, deletes routes and refuses a missing one', () => {
    const r = imp('ip route add blackhole 10.8.0.0/16', 'ip route add unreachable 10.9.0.0/16', 'ip route del 10.8.0.0/16', 'ip route del 10.7.0.0/16');
    expect(nsOf(r, 'host')?.routes).toEqual([{ dst: '10.9.0.0/16', type: 'unreachable' }]);
    expect(errors(r)).toEqual(['RTNETLINK answers: No such process']);
  });

  it('refuses an invalid source address', () => {
    expect(errorLines(imp(...V0, 'ip route add 10.1.0.0/16 dev v0 src 10.0.0.9'))).toEqual([4]);
  });
});

describe('ip neigh', () => {
  it('adds permanent entries by default, replaces and deletes them', () => {
    const r = imp('ip link add d type dummy', 'ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev d', 'ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:03 dev d',
      'ip n replace 10.0.0.2 lladdr 02:00:00:00:00:04 dev d nud reachable', 'ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:05 dev d nud noarp',
      'ip neigh del 10.0.0.3 dev d', 'ip neigh del 10.0.0.3 dev d', 'ip neigh del 10.0.0.2');
    expect(errorLines(r)).toEqual([3, 7, 8]);
    expect(nsOf(r, 'host')?.neighbours).toEqual([{ ip: '10.0.0.2', lladdr: '02:00:00:00:00:04', dev: devIn(r, 'host', 'd')!.id, state: 'reachable' }]);
    expect(nameOf(r, nsOf(r, 'host')!.neighbours[0].dev)).toBe('d');
  });
});
