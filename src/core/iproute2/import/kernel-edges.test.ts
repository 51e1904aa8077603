/**
 * iproute2 / net-tools / procps edge cases, each as measured on Linux 6.18 with iproute2 6.1,
 * net-tools 2.10 and procps-ng 4.0.2 in a throw-away sandbox (the expected messages and
 * results below are what those runs printed and left behind).
 */
import { describe, expect, it } from 'vitest';
import { devIn, errorLines, errors, imp, nsOf } from './testing';

const names = (r: ReturnType<typeof imp>, ns: string) =>
  r.design.hosts[0].devices.filter((d) => d.ns === nsOf(r, ns)?.id).map((d) => d.name);

describe('ip link add type veth without names', () => {
  it('numbers the peer first, then the device: veth0 (peer) and veth1, then the next free numbers', () => {
    const r = imp('ip link add type veth', 'ip link add type veth', 'ip link del veth0', 'ip link add type veth');
    expect(errorLines(r)).toEqual([]);
    expect(names(r, 'host').sort()).toEqual(['lo', 'veth0', 'veth1', 'veth2', 'veth3']);
    const v0 = devIn(r, 'host', 'veth0')!;
    expect(v0.kind === 'veth' && r.design.hosts[0].devices.find((d) => d.id === v0.peer)?.name).toBe('veth1');
  });

  it('gives an unnamed end the lowest number free in its own namespace', () => {
    const r = imp('ip netns add t', 'ip link add type veth', 'ip link set veth1 netns t', 'ip link add type veth peer name t-eth1 netns t',
      'ip link add name foo type veth', 'ip link add type veth peer name bar');
    expect(errorLines(r)).toEqual([]);
    // veth1 moved away, so the host's next unnamed end is veth1 again; the peers count on
    expect(names(r, 'host').sort()).toEqual(['bar', 'foo', 'lo', 'veth0', 'veth1', 'veth2', 'veth3']);
    expect(names(r, 't').sort()).toEqual(['lo', 't-eth1', 'veth1']);
  });

  it('refuses a named device whose unnamed peer takes the same name (the peer registers first)', () => {
    const r = imp('ip link add veth0 type veth', 'ip link add veth1 type veth', 'ip link add type veth peer name veth1',
      'ip link add type veth peer name veth2');
    expect(errorLines(r)).toEqual([1, 3]);
    expect(errors(r)).toEqual(['RTNETLINK answers: File exists', 'RTNETLINK answers: File exists']);
    expect(names(r, 'host').sort()).toEqual(['lo', 'veth0', 'veth1', 'veth2', 'veth3']);
  });

  it('puts an unnamed peer in the device\'s netns, a named one where the command runs', () => {
    const r = imp('ip netns add A', 'ip netns add B', 'ip link add foo netns A type veth', 'ip link add foo1 netns A type veth peer name bar',
      'ip link add foo2 netns A type veth peer name bar2 netns B');
    expect(errorLines(r)).toEqual([]);
    expect(names(r, 'A').sort()).toEqual(['foo', 'foo1', 'foo2', 'lo', 'veth0']);
    expect(names(r, 'host')).toEqual(['lo', 'bar']);
    expect(names(r, 'B')).toEqual(['lo', 'bar2']);
  });
});

describe('veth peer attributes', () => {
  it('a peer without its own section takes the device\'s mtu but not its MAC', () => {
    const r = imp('ip link add foo address 02:00:00:00:00:01 mtu 9000 type veth', 'ip link add foo3 mtu 9000 type veth peer name bar3');
    expect(devIn(r, 'host', 'veth0')).toMatchObject({ mtu: 9000 });
    expect(devIn(r, 'host', 'veth0')?.mac).toBeUndefined();
    expect(devIn(r, 'host', 'bar3')?.mtu).toBeUndefined();
  });
});

describe('address 0.0.0.0', () => {
  it('ifconfig DEV 0.0.0.0 deletes the first address with its secondaries and brings DEV up', () => {
    const r = imp('ip link add d0 type veth peer name d1', 'ip addr add 10.1.0.1/24 dev d0', 'ip addr add 10.2.0.1/24 dev d0',
      'ip addr add 10.1.0.2/24 dev d0', 'ifconfig d0 0.0.0.0');
    expect(errorLines(r)).toEqual([]);
    expect(devIn(r, 'host', 'd0')).toMatchObject({ up: true, addresses: [{ cidr: '10.2.0.1/24' }] });
  });

  it('ifconfig DEV 0 and ifconfig on a device without addresses succeed and add nothing', () => {
    const r = imp('ip link add d0 type veth peer name d1', 'ifconfig d0 0.0.0.0', 'ip addr add 10.1.0.1/24 dev d0', 'ifconfig d0 0');
    expect(errorLines(r)).toEqual([]);
    expect(devIn(r, 'host', 'd0')?.addresses).toEqual([]);
  });

  it('ip addr add 0.0.0.0[/LEN] exits 0 and adds nothing', () => {
    const r = imp('ip link add d0 type veth peer name d1', 'ip addr add 0.0.0.0 dev d0', 'ip addr add 0.0.0.0/24 dev d0',
      'ip addr add 0/0 dev d0', 'ip addr add 0.0.0.0/8 dev nope');
    expect(errorLines(r)).toEqual([5]);
    expect(errors(r)).toEqual(['Cannot find device "nope"']);
    expect(devIn(r, 'host', 'd0')?.addresses).toEqual([]);
  });
});

describe('ip addr add of an address already there', () => {
  it('is refused with the kernel\'s extack text', () => {
    const r = imp('ip link add d0 type veth peer name d1', 'ip addr add 10.0.0.1/24 dev d0', 'ip addr add 10.0.0.1/24 dev d0');
    expect(errors(r)).toEqual(['Error: ipv4: Address already assigned.']);
  });
});

describe('ip addr del refusals', () => {
  it('words a missing address and an empty device as the kernel does', () => {
    const r = imp('ip link add d0 type veth peer name d1', 'ip addr add 10.0.0.1/24 dev d0', 'ip addr del 10.0.0.9/24 dev d0',
      'ip addr del 10.0.0.1/25 dev d0', 'ip addr del dev d1');
    expect(errorLines(r)).toEqual([3, 4, 5]);
    expect(errors(r)).toEqual(['Error: ipv4: Address not found.', 'Error: ipv4: Address not found.', 'RTNETLINK answers: Operation not supported']);
    expect(devIn(r, 'host', 'd0')?.addresses).toEqual([{ cidr: '10.0.0.1/24' }]);
  });
});

describe('sysctl names', () => {
  it('refuses a misspelt name as sysctl does and keeps it out of the design', () => {
    const r = imp('sysctl -w net.ipv4.ip_fowrard=1', 'sysctl net.ipv4.conf.all.forwrding=1', 'echo 1 > /proc/sys/net/ipv4/ip_fowrard');
    // (the line of a failing redirection is the interpreter's business; the message is ours)
    expect(errorLines(r)).toEqual(expect.arrayContaining([1, 2]));
    expect(errors(r)).toContain('/proc/sys/net/ipv4/ip_fowrard: No such file or directory');
    expect(errors(r).filter((m) => m.startsWith('sysctl:'))).toEqual([
      'sysctl: cannot stat /proc/sys/net/ipv4/ip_fowrard: No such file or directory',
      'sysctl: cannot stat /proc/sys/net/ipv4/conf/all/forwrding: No such file or directory',
    ]);
    expect(nsOf(r, 'host')?.sysctls).toEqual({});
  });

  it('writes the good names of a line that also has a bad one, and fails the line', () => {
    const r = imp('ip link add va type veth peer name vb', 'sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.va.rp_filtre=1 net.ipv4.conf.va.rp_filter=2');
    expect(errorLines(r)).toEqual([2]);
    expect(nsOf(r, 'host')?.sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
    expect(devIn(r, 'host', 'va')?.sysctls).toEqual({ rp_filter: 2 });
  });

  it('ignores unknown names with -e, and refuses per-device names of missing devices', () => {
    const r = imp('sysctl -e -w net.ipv4.ip_fowrard=1', 'sysctl -q -w net.ipv4.ip_fowrard=1', 'sysctl -w net.ipv4.conf.eth9.rp_filter=0',
      'sysctl -w net.ipv4.neigh.default.gc_stale_time=30', 'sysctl -w net.bridge.bridge-nf-call-iptables=0');
    expect(errorLines(r)).toEqual([2, 3]);
    expect(errors(r)[1]).toBe('sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/rp_filter: No such file or directory');
  });
});

describe('route validation (fib_check_nh)', () => {
  const V = ['ip link add eth0 type veth peer name p0', 'ip addr add 10.0.0.1/24 dev eth0'];

  it('accepts one of the namespace\'s own addresses as gateway, through the device holding it', () => {
    const r = imp(...V, 'ip link set eth0 up', 'ip route add 10.8.0.0/16 via 10.0.0.1', 'ip addr add 10.50.0.1/32 dev eth0',
      'ip route add 10.60.0.0/16 via 10.50.0.1', 'ip route add 10.3.0.0/16 via 10.0.0.0');
    expect(errorLines(r)).toEqual([]);
    const eth0 = devIn(r, 'host', 'eth0')!.id;
    expect(nsOf(r, 'host')?.routes).toEqual([
      { dst: '10.8.0.0/16', via: '10.0.0.1', dev: eth0 }, { dst: '10.60.0.0/16', via: '10.50.0.1', dev: eth0 }, { dst: '10.3.0.0/16', via: '10.0.0.0', dev: eth0 },
    ]);
  });

  it('says "Network is down" for an own address on a down device, "invalid gateway" for an off-link one there', () => {
    const r = imp(...V, 'ip route add 10.9.0.0/16 via 10.0.0.1', 'ip route add 10.9.0.0/16 via 10.0.0.254',
      'ip link add br0 type bridge', 'ip addr add 172.16.0.1/24 dev br0', 'ip route add 10.2.0.0/16 via 172.16.0.1',
      'ip link set eth0 up', 'ip route add 10.2.1.0/24 via 10.0.0.1 dev br0');
    expect(errorLines(r)).toEqual([3, 4, 7, 9]);
    expect(errors(r)).toEqual(['RTNETLINK answers: Network is down', 'Error: Nexthop has invalid gateway.',
      'RTNETLINK answers: Network is down', 'Error: Nexthop has invalid gateway.']);
  });

  it('refuses broadcast, multicast and 0.0.0.0 gateways with the kernel\'s messages', () => {
    const r = imp(...V, 'ip link set eth0 up', 'ip route add 10.3.0.0/16 via 10.0.0.255', 'ip route add 10.3.0.0/16 via 224.0.0.1',
      'ip route add 10.3.0.0/16 via 255.255.255.255', 'ip route add 10.4.0.0/16 via 0.0.0.0', 'ip route add 10.5.0.0/16 via 10.0.0.9 dev nope');
    expect(errorLines(r)).toEqual([4, 5, 6, 7, 8]);
    expect(errors(r)).toEqual(['Error: Nexthop has invalid gateway.', 'Error: Nexthop has invalid gateway.', 'Error: Nexthop has invalid gateway.',
      'RTNETLINK answers: No such device', 'Cannot find device "nope"']);
  });

  it('checks devices before duplicates, and duplicates by destination and metric', () => {
    const r = imp(...V, 'ip route add 10.2.0.0/16 dev p0', 'ip route add 10.6.0.0/16 via 192.168.5.1 dev eth0 onlink', 'ip link set eth0 up',
      'ip route add 10.9.0.0/16 via 10.0.0.254', 'ip route add 10.9.0.0/16 via 10.0.0.253', 'ip route add 10.0.0.0/24 dev eth0',
      'ip route add 10.9.0.0/16 via 10.0.0.9 metric 5', 'ip route add 10.9.0.0/16 via 10.0.0.9 src 10.99.0.1');
    expect(errorLines(r)).toEqual([3, 4, 7, 8, 10]);
    expect(errors(r)).toEqual(['Error: Device for nexthop is not up.', 'Error: Nexthop device is not up.', 'RTNETLINK answers: File exists',
      'RTNETLINK answers: File exists', 'Error: Invalid prefsrc address.']);
  });
});

describe('net-tools route and ifconfig refusals (SIOCADDRT ioctl)', () => {
  const V = ['ip link add eth0 type veth peer name p0', 'ip addr add 10.0.0.1/24 dev eth0', 'ip link set eth0 up'];

  it('words refusals as the ioctl errno: unreachable gateway, down device, missing device and route', () => {
    const r = imp(...V, 'route add -net 10.3.0.0/16 gw 10.99.0.1', 'route add -net 10.3.0.0/16 gw 10.0.0.255',
      'route add -net 10.4.0.0 netmask 255.255.0.0 dev p0', 'route add -net 10.8.0.0/16 dev nope', 'route del -net 10.5.0.0/16',
      'route add -net 10.6.1.0/16 dev eth0', 'route add -net 10.3.0.0/16 gw 10.0.0.1');
    expect(errorLines(r)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(errors(r)).toEqual(['SIOCADDRT: Network is unreachable', 'SIOCADDRT: Network is unreachable', 'SIOCADDRT: Network is down',
      'SIOCADDRT: No such device', 'SIOCDELRT: No such process', "route: netmask doesn't match route address"]);
  });

  it('keeps a second route to the same destination (the ioctl prepends), refusing only the same nexthop', () => {
    const r = imp(...V, 'route add default gw 10.0.0.254', 'route add default gw 10.0.0.253', 'route add default gw 10.0.0.253');
    expect(errorLines(r)).toEqual([6]);
    expect(errors(r)).toEqual(['SIOCADDRT: File exists']);
    expect(nsOf(r, 'host')?.routes.map((x) => x.via)).toEqual(['10.0.0.253', '10.0.0.254']);
  });

  it('ip route append / prepend keep both routes too', () => {
    const r = imp(...V, 'ip route add 10.9.0.0/16 via 10.0.0.2', 'ip route append 10.9.0.0/16 via 10.0.0.3', 'ip route prepend 10.9.0.0/16 via 10.0.0.4',
      'ip route append 10.9.0.0/16 via 10.0.0.3');
    expect(errorLines(r)).toEqual([7]);
    expect(nsOf(r, 'host')?.routes.map((x) => x.via)).toEqual(['10.0.0.4', '10.0.0.2', '10.0.0.3']);
  });

  it('ifconfig on a missing device says what net-tools prints first', () => {
    const r = imp('ifconfig nope up', 'ifconfig nope 10.1.1.1 netmask 255.255.255.0 up');
    expect(errors(r)).toEqual(['nope: ERROR while getting interface flags: No such device', 'SIOCSIFADDR: No such device']);
  });
});

describe('static neighbours: arp -s / arp -d and ip neigh flush', () => {
  const V = ['ip link add eth0 type veth peer name p0', 'ip addr add 10.0.0.1/24 dev eth0', 'ip link set eth0 up', 'ip link set p0 up'];
  const table = (r: ReturnType<typeof imp>) => nsOf(r, 'host')?.neighbours.map((n) => `${n.ip} ${n.state}`);

  it('arp -s makes a permanent entry on the on-link device (or -i DEV), refuses an off-link address', () => {
    const r = imp(...V, 'arp -s 10.0.0.9 02:00:00:00:00:09', 'arp -s 10.9.9.9 02:00:00:00:00:09', 'arp -i p0 -s 10.0.0.11 02:00:00:00:00:11');
    expect(errorLines(r)).toEqual([6]);
    expect(errors(r)).toEqual(['SIOCSARP: Network is unreachable']);
    expect(table(r)).toEqual(['10.0.0.9 permanent', '10.0.0.11 permanent']);
    expect(nsOf(r, 'host')?.neighbours[1].dev).toBe(devIn(r, 'host', 'p0')?.id);
  });

  it('arp -d removes a configured entry', () => {
    const r = imp(...V, 'arp -s 10.0.0.9 02:00:00:00:00:09', 'arp -d 10.0.0.9');
    expect(errorLines(r)).toEqual([]);
    expect(table(r)).toEqual([]);
  });

  it('ip neigh flush keeps permanent entries unless told nud permanent', () => {
    const r = imp(...V, 'ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0', 'ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev eth0 nud reachable',
      'ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud noarp', 'ip neigh flush all');
    expect(table(r)).toEqual(['10.0.0.5 permanent']);
    const r2 = imp(...V, 'ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0', 'ip neigh flush nud permanent');
    expect(table(r2)).toEqual([]);
  });
});
