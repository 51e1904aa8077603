import { describe, expect, it } from 'vitest';
import { devIn, errorLines, errors, imp, nameOf, nsOf } from './testing';
import { importScript } from './index';

describe('bridge and brctl', () => {
  it('sets hairpin with bridge link set and brctl hairpin', () => {
    const r = imp('brctl addbr br0', 'ip link add v0 type veth peer name v1', 'brctl addif br0 v0', 'brctl addif br0 v1',
      'bridge link set dev v0 hairpin on', 'brctl hairpin br0 v1 on', 'brctl hairpin br0 v1 off', 'bridge link set dev lo hairpin on');
    expect(devIn(r, 'host', 'v0')?.port).toEqual({ hairpin: true });
    expect(devIn(r, 'host', 'v1')?.port).toEqual({ hairpin: false });
    expect(nameOf(r, devIn(r, 'host', 'v1')?.master)).toBe('br0');
    expect(errorLines(r)).toEqual([8]);
  });

  it('answers brctl errors like brctl', () => {
    const r = imp('brctl addif br9 lo', 'brctl addbr br0', 'brctl addbr br0', 'brctl addif br0 nope', 'ip link set br0 up', 'brctl delbr br0',
      'brctl stp br0 on', 'brctl setageing br0 30', 'brctl frob');
    expect(errorLines(r)).toEqual([1, 3, 4, 6, 9]);
    expect(errors(r)[0]).toBe('bridge br9 does not exist!');
    expect(devIn(r, 'host', 'br0')).toMatchObject({ stp: true, ageingTime: 30 });
  });

  it('keeps bridge VLAN membership, the default pvid on enslave, and pvid moves', () => {
    const r = imp('ip link add br0 type bridge vlan_filtering 1', 'ip link add v0 type veth peer name v1', 'ip link set v0 master br0',
      'bridge vlan add dev v0 vid 10 pvid untagged', 'bridge vlan add dev v0 vid 20-21', 'bridge vlan del dev v0 vid 1', 'bridge vlan add dev v1 vid 5');
    expect(devIn(r, 'host', 'v0')?.port?.vlans).toEqual([{ vid: 10, pvid: true, untagged: true }, { vid: 20 }, { vid: 21 }]);
    expect(errorLines(r)).toEqual([7]);
  });

  it('gives ports enslaved before vlan_filtering was turned on the default PVID', () => {
    const r = imp('ip link add br0 type bridge', 'ip link add v0 type veth peer name v1', 'ip link set v0 master br0', 'ip link set v1 master br0',
      'bridge vlan add dev v1 vid 7', 'ip link set br0 type bridge vlan_filtering 1');
    expect(devIn(r, 'host', 'v0')?.port?.vlans).toEqual([{ vid: 1, pvid: true, untagged: true }]);
    expect(devIn(r, 'host', 'v1')?.port?.vlans).toEqual([{ vid: 1, pvid: true, untagged: true }, { vid: 7 }]);
    const none = imp('ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 0', 'ip link add v0 type veth peer name v1', 'ip link set v0 master br0');
    expect(devIn(none, 'host', 'v0')?.port?.vlans).toEqual([]);
  });
});

describe('sysctl', () => {
  it('stores namespace-wide and per-device settings from sysctl and /proc writes', () => {
    const r = imp('ip netns add rt', 'ip link add d type dummy', 'sysctl -w net.ipv4.ip_forward=1', 'sysctl net.ipv4.conf.all.rp_filter=2',
      'ip netns exec rt sysctl -w net.ipv4.ip_forward=1', 'echo 1 > /proc/sys/net/ipv4/conf/d/proxy_arp', 'echo 1 | sudo tee /proc/sys/net/ipv4/conf/all/arp_ignore',
      'sysctl -w net.ipv4.conf.nope.rp_filter=1', 'sysctl net.ipv4.ip_forward', 'ip link add link d name d.5 type vlan id 5',
      'sysctl -w net.ipv4.conf.d/5.rp_filter=1', 'echo 2 > /proc/sys/net/ipv4/conf/d.5/arp_ignore');
    expect(nsOf(r, 'host')?.sysctls).toEqual({ 'net.ipv4.ip_forward': 1, 'net.ipv4.conf.all.rp_filter': 2, 'net.ipv4.conf.all.arp_ignore': 1 });
    expect(nsOf(r, 'rt')?.sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
    expect(devIn(r, 'host', 'd')?.sysctls).toEqual({ proxy_arp: 1 });
    expect(devIn(r, 'host', 'd.5')?.sysctls).toEqual({ rp_filter: 1, arp_ignore: 2 });
    expect(errorLines(r)).toEqual([8]);
  });
});

describe('iptables', () => {
  it('appends, inserts at a position and sets policies', () => {
    const r = imp('iptables -A FORWARD -i a -j ACCEPT', 'iptables -I FORWARD 1 -o b -j DROP', 'iptables -I FORWARD 2 -p icmp -s 10.0.0.0/8 -j REJECT --reject-with icmp-host-prohibited',
      'iptables -t nat -A POSTROUTING -s 192.168.78.0/24 ! -o veth0 -j MASQUERADE', 'iptables -P FORWARD DROP', 'iptables -A OUTPUT -d 10.0.0.9 -j DROP');
    expect(errorLines(r)).toEqual([]);
    expect(nsOf(r, 'host')?.firewall).toEqual([
      { table: 'filter', chain: 'FORWARD', target: 'DROP', out: 'b' },
      { table: 'filter', chain: 'FORWARD', target: 'REJECT', proto: 'icmp', src: '10.0.0.0/8', rejectWith: 'icmp-host-prohibited' },
      { table: 'filter', chain: 'FORWARD', target: 'ACCEPT', in: 'a' },
      { table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', src: '192.168.78.0/24', out: '!veth0' },
      { table: 'filter', chain: 'OUTPUT', target: 'DROP', dst: '10.0.0.9' },
    ]);
    expect(nsOf(r, 'host')?.policies).toEqual({ 'filter/FORWARD': 'DROP' });
  });

  it('refuses MASQUERADE outside nat POSTROUTING and warns about unmodelled matches', () => {
    const r = imp('iptables -A FORWARD -j MASQUERADE', 'iptables -A FORWARD -o v0 -m conntrack --ctstate RELATED,ESTABLISHED,SNAT -j ACCEPT', 'iptables -t mangle -A PREROUTING -j ACCEPT', 'iptables -A NOPE -j ACCEPT',
      'iptables -A INPUT -m recent --set -j ACCEPT');
    expect(errorLines(r)).toEqual([1, 4]);
    expect(r.diagnostics.filter((d) => d.level === 'warning').map((d) => d.line)).toEqual([2, 3, 5]);
    expect(nsOf(r, 'host')?.firewall).toEqual([]);
  });

  it('reads conntrack and state matches, with ! and in any letter case', () => {
    const r = imp('iptables -A FORWARD -o v0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', 'iptables -A INPUT -m state ! --state new -j ACCEPT',
      'iptables -A INPUT -m conntrack ! --ctstate ESTABLISHED,RELATED,established -j DROP');
    expect(errorLines(r)).toEqual([]);
    expect(nsOf(r, 'host')?.firewall).toEqual([
      { table: 'filter', chain: 'FORWARD', target: 'ACCEPT', out: 'v0', ctstate: ['RELATED', 'ESTABLISHED'] },
      { table: 'filter', chain: 'INPUT', target: 'ACCEPT', ctstate: ['NEW'], ctstateNeg: true },
      { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true },
    ]);
  });

  it('refuses state lists and options the way iptables does', () => {
    const r = imp('iptables -A INPUT -m conntrack --ctstate NEW,FOO,BAR -j DROP', 'iptables -A INPUT -m state --state FOO -j DROP', 'iptables -A INPUT --ctstate NEW -j DROP',
      'iptables -A INPUT -m conntrack --ctstate "" -j DROP', 'iptables -A INPUT -m conntrack --state NEW -j DROP');
    expect(errorLines(r)).toEqual([1, 2, 3, 4, 5]);
    expect(errors(r)).toEqual(['iptables v1.8.9 (nf_tables): Bad ctstate "FOO,BAR"', 'iptables v1.8.9 (nf_tables): Bad state "FOO"',
      'iptables v1.8.9 (nf_tables): unknown option "--ctstate"', 'iptables v1.8.9 (nf_tables): Bad ctstate ""', 'iptables v1.8.9 (nf_tables): unknown option "--state"']);
    expect(nsOf(r, 'host')?.firewall).toEqual([]);
  });
});

describe('net-tools ifconfig and route', () => {
  it('sets addresses with classful or given masks and brings the device up', () => {
    const r = imp('ip link add a type dummy', 'ip link add b type dummy', 'ip link add c type dummy', 'ifconfig a 10.1.2.3', 'ifconfig b 192.168.1.5 netmask 255.255.255.128',
      'ifconfig c 172.16.0.1/30 up', 'ifconfig c down', 'ifconfig nope 1.2.3.4');
    expect(devIn(r, 'host', 'a')).toMatchObject({ up: true, addresses: [{ cidr: '10.1.2.3/8' }] });
    expect(devIn(r, 'host', 'b')?.addresses).toEqual([{ cidr: '192.168.1.5/25' }]);
    expect(devIn(r, 'host', 'c')).toMatchObject({ up: false, addresses: [{ cidr: '172.16.0.1/30' }] });
    expect(errorLines(r)).toEqual([8]);
  });

  it('adds routes with route add -net/-host/default', () => {
    const r = imp('ip link add d type dummy', 'ifconfig d 10.0.0.1 netmask 255.255.255.0', 'route add -net 10.111.10.0/24 d', 'route add -net 10.2.0.0 netmask 255.255.0.0 gw 10.0.0.2',
      'route add -host 10.3.3.3 dev d', 'route add default gw 10.0.0.254', 'route add default gw 10.50.0.1', 'route -n');
    const d = devIn(r, 'host', 'd')!.id;
    expect(nsOf(r, 'host')?.routes).toEqual([
      { dst: '10.111.10.0/24', dev: d }, { dst: '10.2.0.0/16', via: '10.0.0.2', dev: d }, { dst: '10.3.3.3/32', dev: d }, { dst: 'default', via: '10.0.0.254', dev: d },
    ]);
    expect(errors(r)).toEqual(['SIOCADDRT: Network is unreachable']);
  });
});

describe('lines that are not configuration', () => {
  it('reports non-network commands and pasted output without errors', () => {
    const r = imp('ping -c1 10.0.0.1', 'tcpdump -i eth0', 'docker network create x', '64 bytes from 10.0.0.1: icmp_seq=1', 'cat /etc/hosts', 'ip addr show', 'ip -d link show dev lo');
    expect(errorLines(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.level)).toEqual(['info', 'info', 'warning', 'warning', 'info']);
    expect(r.design.tests).toMatchObject([{ probe: 'ping host 10.0.0.1 count=1', origin: 'script', line: 1, afterStep: 0 }]);
  });

  it('runs sh -c strings in the namespace they are executed in', () => {
    const r = imp('ip netns add ns1', `ip netns exec ns1 sh -c 'ip link set lo up && echo 1 > /proc/sys/net/ipv4/ip_forward'`, 'set -e');
    expect(devIn(r, 'ns1', 'lo')?.up).toBe(true);
    expect(nsOf(r, 'ns1')?.sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
    expect(r.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  it('imports a terminal session pasted with prompts and output (field notes 004)', () => {
    const r = imp(
      'tao@S3:~$ sudo ip link add test_br type bridge',
      'tao@S3:~$ sudo ip link add name veth1 type veth peer name veth1_br',
      'tao@S3:~$ sudo ip link set veth1_br master test_br',
      'tao@S3:~$ ip link show veth1',
      '18: veth1@veth1_br: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
      'link/ether 2a:3c:1e:4b:3e:02 brd ff:ff:ff:ff:ff:ff',
      'tao@S3:~$ sudo brctl hairpin test_br veth1_br on',
      'root@S3:/home/tao# ip link set lo up',
    );
    expect(errorLines(r)).toEqual([]);
    expect(devIn(r, 'host', 'veth1_br')?.port).toEqual({ hairpin: true });
  });

  it('imports a transcript pasted with root prompts', () => {
    const r = imp('# ip link add d type dummy', 'RTNETLINK answers: File exists', '# ip link set d up');
    expect(devIn(r, 'host', 'd')?.up).toBe(true);
  });
});

describe('bridge port state (br_set_port_state)', () => {
  it('is refused where the kernel refuses it: port down, no carrier, STP on, out of range', () => {
    const { diagnostics } = importScript([
      'ip link add br0 type bridge',
      'ip link add v0 type veth peer name v1',
      'ip link set v0 master br0',
      'bridge link set dev v0 state 0',
      'ip link set v0 up',
      'bridge link set dev v0 state 3',
      'ip link set v1 up',
      'bridge link set dev v0 state 3',
      'bridge link set dev v0 state 9',
      'ip link set br0 type bridge stp_state 1',
      'bridge link set dev v0 state 0',
    ].join('\n'), { file: 't.sh' });
    const errors = diagnostics.filter((d) => d.level === 'error').map((d) => [d.line, d.message]);
    expect(errors).toEqual([
      [4, 'RTNETLINK answers: Network is down'],
      [6, 'RTNETLINK answers: Network is down'],
      [9, 'RTNETLINK answers: Invalid argument'],
      [11, 'RTNETLINK answers: Device or resource busy'],
    ]);
  });
});
