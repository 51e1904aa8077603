import { describe, expect, it } from 'vitest';
import { firewallSpec, interfaceSysctl } from './setup-phases';
import { keyword, sh, shq } from './shell-quote';

const root = { ns: { id: 'n1', name: 'host', root: true, routes: [], neighbours: [], sysctls: {}, firewall: [] }, ip: 'ip', exec: '', moveTarget: '1' };
const inNs = { ...root, ip: "ip -n 'ns1'", exec: "ip netns exec 'ns1' ", moveTarget: "'ns1'" };

describe('command pieces', () => {
  it('single-quotes every value, writing a quote as quote-backslash-quote-quote', () => {
    expect(shq("x'y")).toBe("'x'\\''y'");
    expect(shq('a$(id)')).toBe("'a$(id)'");
    expect(sh`ip link add ${'b;c'} type bridge`).toBe("ip link add 'b;c' type bridge");
    expect(sh`x ${['a', 'b c']}`).toBe("x 'a' 'b c'");
  });

  it('leaves known keywords bare and quotes anything else', () => {
    expect(keyword('bridge', ['bridge', 'vepa'])).toBe('bridge');
    expect(keyword('bridge; id', ['bridge'])).toBe("'bridge; id'");
  });

  it('writes per-interface sysctls in the form sysctl parses for the name', () => {
    expect(interfaceSysctl(root, 'eth0', 'rp_filter', 2)).toBe("sysctl -q -w 'net.ipv4.conf.eth0.rp_filter=2'");
    // a dot in the name would be read as a separator: use the slash form
    expect(interfaceSysctl(inNs, 'eth0.10', 'arp_ignore', 1)).toBe("ip netns exec 'ns1' sysctl -q -w 'net/ipv4/conf/eth0.10/arp_ignore=1'");
    // "=" cannot pass through sysctl at all: write /proc/sys directly
    expect(interfaceSysctl(root, 'a=b', 'proxy_arp', 1)).toBe("printf '%s\\n' '1' | tee '/proc/sys/net/ipv4/conf/a=b/proxy_arp' >/dev/null");
  });

  it('writes iptables rules with negations and reject types', () => {
    expect(firewallSpec({ table: 'filter', chain: 'FORWARD', target: 'REJECT', proto: 'icmp', src: '!10.0.0.0/8', in: 'v+', rejectWith: 'icmp-net-unreachable' }, '-A'))
      .toBe("-t filter -A FORWARD -p 'icmp' ! -s '10.0.0.0/8' -i 'v+' -j REJECT --reject-with 'icmp-net-unreachable'");
    expect(firewallSpec({ table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true }, '-A'))
      .toBe('-t filter -A INPUT -m conntrack ! --ctstate ESTABLISHED,RELATED -j DROP');
    expect(firewallSpec({ table: 'nat', chain: 'POSTROUTING', target: 'MASQUERADE', out: 'eth0' }, '-D'))
      .toBe("-t nat -D POSTROUTING -o 'eth0' -j MASQUERADE");
  });
});
