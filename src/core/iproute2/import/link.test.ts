import { describe, expect, it } from 'vitest';
import { devIn, errorLines, errors, imp, nameOf, namesIn, nsOf } from './testing';

const ETH0 = '# phys: eth0 192.168.0.171/24';

describe('ip link add', () => {
  it('creates veth pairs, the peer in its own netns when asked', () => {
    const r = imp('ip netns add ns1', 'ip link add v0 type veth peer name v1 netns ns1', 'ip link add name a type veth peer b');
    expect(errorLines(r)).toEqual([]);
    expect(nameOf(r, (devIn(r, 'host', 'v0') as { peer: string }).peer)).toBe('v1');
    expect(devIn(r, 'ns1', 'v1')?.kind).toBe('veth');
    expect(namesIn(r, 'host')).toEqual(['a', 'b', 'lo', 'v0']);
  });

  it('refuses names that are too long, invalid or already taken', () => {
    const r = imp('ip link add abcdefghijklmnop type dummy', 'ip link add a/b type dummy', 'ip link add d0 type dummy', 'ip link add d0 type dummy', 'ip link add x type veth peer name x');
    expect(errorLines(r)).toEqual([1, 2, 4, 5]);
    expect(errors(r)[2]).toBe('RTNETLINK answers: File exists');
  });

  it('gives macvlan the kernel default mode vepa, and a macvlan on a macvlan becomes its sibling', () => {
    const r = imp(ETH0, 'ip link add link eth0 name m1 type macvlan', 'ip link add link m1 name m2 type macvlan mode bridge', 'ip link add link eth0 name t1 type macvtap mode private');
    expect(devIn(r, 'host', 'm1')).toMatchObject({ kind: 'macvlan', mode: 'vepa' });
    expect(nameOf(r, (devIn(r, 'host', 'm2') as { parent: string }).parent)).toBe('eth0');
    expect(devIn(r, 'host', 't1')).toMatchObject({ kind: 'macvtap', mode: 'private' });
  });

  it('allows passthru only as the sole child', () => {
    const after = imp(ETH0, 'ip link add link eth0 name m1 type macvlan mode bridge', 'ip link add link eth0 name p type macvlan mode passthru');
    expect(errors(after)).toEqual(['RTNETLINK answers: Invalid argument']);
    const before = imp(ETH0, 'ip link add link eth0 name p type macvlan mode passthru', 'ip link add link eth0 name m1 type macvtap mode vepa');
    expect(errorLines(before)).toEqual([3]);
  });

  it('refuses a macvlan on a bridge port and enslaving a macvlan parent (one rx_handler)', () => {
    const r = imp('ip link add br0 type bridge', 'ip link add v0 type veth peer name v1', 'ip link set v0 master br0',
      'ip link add link v0 name m0 type macvlan', 'ip link add link v1 name m1 type macvlan', 'ip link set v1 master br0',
      'ip link add link v1 name i1 type ipvlan');
    expect(errorLines(r)).toEqual([4, 6, 7]);
    expect(errors(r)).toEqual(Array(3).fill('RTNETLINK answers: Device or resource busy'));
  });

  it('gives ipvlan l3 + bridge by default, with mode and flag shared by all children of a parent', () => {
    const r = imp(ETH0, 'ip link add link eth0 name i1 type ipvlan mode l2 private', 'ip link add link eth0 name i2 type ipvlan',
      'ip link add link eth0 name i3 type ipvlan mode l2 private vepa');
    expect(devIn(r, 'host', 'i1')).toMatchObject({ mode: 'l3', flag: 'bridge' });
    expect(devIn(r, 'host', 'i2')).toMatchObject({ mode: 'l3', flag: 'bridge' });
    expect(errorLines(r)).toEqual([4]);
  });

  it('refuses the same address on two children of one ipvlan master', () => {
    const r = imp(ETH0, 'ip link add link eth0 name i1 type ipvlan', 'ip link add link eth0 name i2 type ipvlan',
      'ip addr add 10.0.0.1/24 dev i1', 'ip addr add 10.0.0.1/24 dev i2', 'ip addr add 10.0.0.1/24 dev eth0');
    expect(errorLines(r)).toEqual([5]);
  });

  it('models vlan devices: id and protocol, no duplicate id, no up while the parent is down', () => {
    const r = imp('# phys: eth0 down', 'ip link add link eth0 name eth0.10 type vlan id 10', 'ip link add link eth0 name q type vlan id 10',
      'ip link add link eth0 name ad type vlan protocol 802.1ad id 10', 'ip link set eth0.10 up', 'ip link add link eth0 name bad type vlan id 4095');
    expect(devIn(r, 'host', 'eth0.10')).toMatchObject({ kind: 'vlan', vid: 10, up: false });
    expect(devIn(r, 'host', 'ad')).toMatchObject({ protocol: '802.1ad' });
    expect(errorLines(r)).toEqual([3, 5, 6]);
    expect(errors(r)[1]).toBe('RTNETLINK answers: Network is down');
  });

  it('keeps a loose_binding vlan device up when its parent goes down; reads reorder_hdr', () => {
    const r = imp(ETH0, 'ip link add link eth0 name eth0.10 type vlan id 10 loose_binding on reorder_hdr off gvrp off', 'ip link set eth0.10 up', 'ip link set eth0 down');
    expect(devIn(r, 'host', 'eth0.10')).toMatchObject({ up: true, looseBinding: true, reorderHdr: false });
    expect(errorLines(r)).toEqual([]);
  });

  it('takes vlan devices down with their parent and back up with it', () => {
    const r = imp(ETH0, 'ip link add link eth0 name eth0.10 type vlan id 10', 'ip link set eth0.10 up', 'ip link set eth0 down');
    expect(devIn(r, 'host', 'eth0.10')?.up).toBe(false);
    const back = imp(ETH0, 'ip link add link eth0 name eth0.10 type vlan id 10', 'ip link set eth0.10 up', 'ip link set eth0 down', 'ip link set eth0 up');
    expect(devIn(back, 'host', 'eth0.10')?.up).toBe(true);
  });

  it('creates dummy and bridge devices with their options (times in centiseconds)', () => {
    const r = imp('ip link add br0 type bridge stp_state 1 ageing_time 6000 forward_delay 400 vlan_filtering 1 vlan_default_pvid 5', 'ip l a d0 type dummy');
    expect(devIn(r, 'host', 'br0')).toMatchObject({ stp: true, ageingTime: 60, forwardDelay: 4, vlanFiltering: true, vlanDefaultPvid: 5 });
    expect(devIn(r, 'host', 'd0')?.kind).toBe('dummy');
  });

  it('creates tap and tun devices with ip tuntap', () => {
    const r = imp('ip tuntap add dev tap0 mode tap', 'ip tuntap add tun0 mode tun', 'ip tuntap add dev x', 'ip tuntap del dev tap0 mode tap');
    expect(namesIn(r, 'host')).toEqual(['lo', 'tun0']);
    expect(errorLines(r)).toEqual([3]);
  });
});

describe('ip link set and delete', () => {
  it('keeps a VXLAN device within its lower device\'s MTU less 50 bytes, as Linux 6.18 does', () => {
    const r = imp('ip link add v0 type veth peer name v1', 'ip link add vx0 mtu 1451 type vxlan id 1 dstport 4789 remote 10.0.0.2 dev v0',
      'ip link set vx0 mtu 1451', 'ip link set vx0 mtu 1400', 'ip link add vx1 type vxlan id 2 dstport 4789 remote 10.0.0.2', 'ip link set vx1 mtu 65536', 'ip link set vx1 mtu 9000');
    expect(errorLines(r)).toEqual([3, 6]);
    expect(errors(r)).toEqual(['RTNETLINK answers: Invalid argument', 'Error: mtu greater than device maximum.']);
    expect(devIn(r, 'host', 'vx0')?.mtu).toBe(1400);
    expect(devIn(r, 'host', 'vx1')?.mtu).toBe(9000);
  });

  it('moving a device to a netns sets it down and wipes addresses, routes and bridge membership', () => {
    const r = imp('ip netns add ns1', 'ip link add br0 type bridge', 'ip link add v0 type veth peer name v1', 'ip addr add 10.0.0.1/24 dev v0',
      'ip link set v0 up', 'ip route add 10.1.0.0/16 via 10.0.0.2', 'ip link set v0 master br0', 'ip link set v0 netns ns1');
    expect(errorLines(r)).toEqual([]);
    expect(devIn(r, 'ns1', 'v0')).toMatchObject({ up: false, addresses: [] });
    expect(devIn(r, 'ns1', 'v0')?.master).toBeUndefined();
    expect(nsOf(r, 'host')?.routes).toEqual([]);
  });

  it('refuses moving a bridge or onto a taken name, and unknown devices or namespaces', () => {
    const r = imp('ip netns add ns1', 'ip link add br0 type bridge', 'ip link set br0 netns ns1', 'ip -n ns1 link add d type dummy',
      'ip link add d type dummy', 'ip link set d netns ns1', 'ip link set nope up', 'ip link set d netns nowhere', 'ip -n nowhere link');
    expect(errorLines(r)).toEqual([3, 6, 7, 8, 9]);
    expect(errors(r)[2]).toBe('Cannot find device "nope"');
  });

  it('deleting a veth end deletes both; deleting a parent deletes its children everywhere', () => {
    const r = imp(ETH0, 'ip netns add ns1', 'ip link add v0 type veth peer name v1 netns ns1', 'ip link del v0',
      'ip link add link eth0 name m1 type macvlan', 'ip link set m1 netns ns1', 'ip link add link eth0 name e10 type vlan id 10',
      'ip link add t0 type veth peer name t1', 'ip link add link t0 name mt type macvlan', 'ip link delete dev t1');
    expect(namesIn(r, 'ns1')).toEqual(['lo', 'm1']);
    expect(namesIn(r, 'host')).toEqual(['e10', 'eth0', 'lo']);
    expect(imp(ETH0, 'ip link del eth0').failedLines).toEqual([2]);
  });

  it('refuses loopback and bridges as bridge ports, and renaming an up device', () => {
    const r = imp('ip link add br0 type bridge', 'ip link add br1 type bridge', 'ip link set lo master br0', 'ip link set br1 master br0',
      'ip link add d type dummy', 'ip link set d up', 'ip link set d name e', 'ip link set d down', 'ip link set d name e');
    expect(errorLines(r)).toEqual([3, 4, 7]);
    expect(devIn(r, 'host', 'e')?.kind).toBe('dummy');
  });

  it('sets address, mtu, promisc, alias, nomaster and bridge port flags', () => {
    const r = imp('ip link add br0 type bridge', 'ip link add v0 type veth peer name v1', 'ip link set dev v0 address 02:00:00:00:00:AA mtu 1400 promisc on alias up-link',
      'ip link set v0 master br0', 'ip link set v0 type bridge_slave hairpin on', 'ip link set v1 master br0', 'ip link set v1 nomaster');
    expect(devIn(r, 'host', 'v0')).toMatchObject({ mac: '02:00:00:00:00:aa', mtu: 1400, promisc: true, alias: 'up-link', port: { hairpin: true } });
    expect(devIn(r, 'host', 'v1')?.master).toBeUndefined();
  });

  it('moves a device to the root namespace with "netns 1" from inside a netns', () => {
    const r = imp('ip netns add ns1', 'ip -n ns1 link add w0 type veth peer name w1', 'ip -n ns1 link set w1 netns 1');
    expect(errorLines(r)).toEqual([]);
    expect(devIn(r, 'host', 'w1')?.kind).toBe('veth');
  });

  it('refuses bringing up a macvlan whose MAC is already its parent\'s or an up sibling\'s', () => {
    const r = imp('# phys: eth0 mac=02:00:00:00:00:01', 'ip link add link eth0 name m1 address 02:00:00:00:00:01 type macvlan',
      'ip link set m1 up', 'ip link add link eth0 name m2 address 02:00:00:00:00:02 type macvlan', 'ip link set m2 up',
      'ip link add link eth0 name m3 address 02:00:00:00:00:02 type macvlan', 'ip link set m3 up');
    expect(errorLines(r)).toEqual([3, 7]);
    expect(errors(r)[0]).toBe('RTNETLINK answers: Address already in use');
  });

  it('keeps a source-mode macvlan\'s macaddr list', () => {
    const r = imp(ETH0, 'ip link add link eth0 name s type macvlan mode source macaddr add 02:00:00:00:00:01',
      'ip link set s type macvlan macaddr add 02:00:00:00:00:02', 'ip link set s type macvlan macaddr del 02:00:00:00:00:01',
      'ip link set s type macvlan mode passthru');
    expect(devIn(r, 'host', 's')).toMatchObject({ mode: 'source', sourceMacs: ['02:00:00:00:00:02'] });
    expect(errorLines(r)).toEqual([5]);
  });

  it('answers unknown subcommands like iproute2', () => {
    const r = imp('ip addr set 10.0.0.1/24 dev lo', 'ip link frob', 'ip bogus');
    expect(errors(r)).toEqual(['Command "set" is unknown, try "ip address help".', 'Command "frob" is unknown, try "ip link help".', 'Object "bogus" is unknown, try "ip help".']);
  });
});

describe('namespaces', () => {
  it('ip netns del destroys virtual devices (and their peers) and returns NICs to the root', () => {
    const r = imp(ETH0, 'ip netns add ns1', 'ip link add v0 type veth peer name v1 netns ns1', 'ip link set eth0 netns ns1', 'ip netns del ns1');
    expect(errorLines(r)).toEqual([]);
    expect(namesIn(r, 'host')).toEqual(['eth0', 'lo']);
    expect(devIn(r, 'host', 'eth0')).toMatchObject({ up: false, addresses: [] });
  });

  it('refuses duplicate and unknown namespaces, including the outside world\'s machines', () => {
    const r = imp('# host: peer 10.0.0.9/24 lan=x', 'ip netns add a', 'ip netns add a', 'ip netns add peer', 'ip netns del b', 'ip netns exec c ip link');
    expect(errorLines(r)).toEqual([3, 4, 5, 6]);
  });

  it('runs commands inside a script netns or an external machine with exec and -n', () => {
    const r = imp('# phys: eth0', '# host: peer lan=eth0', 'ip netns exec peer ip link add link eth0 name eth0.10 type vlan id 10',
      'ip -n peer addr add 10.10.0.2/24 dev eth0.10', 'ip netns add ns1', 'ip -net ns1 link set lo up');
    expect(devIn(r, 'peer', 'eth0.10')).toMatchObject({ kind: 'vlan', vid: 10, addresses: [{ cidr: '10.10.0.2/24' }] });
    expect(devIn(r, 'ns1', 'lo')?.up).toBe(true);
  });

  it('builds the world from the header', () => {
    const r = imp('# phys: eth0 192.168.0.1/24 mac=02:00:00:00:00:01 hairpin', '# phys: eth1 lan=eth0 down', '# host: gw 192.168.0.254/24 lan=eth0 via 192.168.0.1');
    expect(devIn(r, 'host', 'eth0')).toMatchObject({ kind: 'physical', up: true, mac: '02:00:00:00:00:01', lanHairpin: true });
    expect(devIn(r, 'host', 'eth1')?.up).toBe(false);
    expect(r.design.lans).toHaveLength(1);
    expect(r.design.hosts[1]).toMatchObject({ name: 'gw', role: 'external' });
    expect(nsOf(r, 'gw')?.routes).toEqual([{ dst: 'default', via: '192.168.0.1', dev: devIn(r, 'gw', 'eth0')?.id }]);
  });

  it('records the lines behind each object', () => {
    const r = imp('ip link add d type dummy', 'echo hi', 'ip link set d up');
    expect(r.sources[devIn(r, 'host', 'd')!.id]).toEqual([1, 3]);
  });
});
