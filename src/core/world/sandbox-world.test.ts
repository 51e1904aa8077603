import { describe, expect, it } from 'vitest';
import { parseWorldHeader } from './header';
import { sandboxWorldCommands, worldSegments } from './sandbox-world';

const header = parseWorldHeader([
  '# phys: eth0 192.168.0.171/24 mac=02:00:00:00:00:01 hairpin',
  '# phys: eth1 lan=eth0 down',
  '# host: peer 192.168.0.200/24 lan=eth0 via 192.168.0.1 mac=02:00:00:00:00:99',
  '# host: far 10.0.0.2/24 lan=wan',
].join('\n')).header;

describe('sandboxWorldCommands', () => {
  it('creates each segment once, in first-use order', () => {
    expect(worldSegments(header)).toEqual(['eth0', 'wan']);
    const cmds = sandboxWorldCommands(header);
    expect(cmds.filter((c) => c.endsWith('type bridge'))).toEqual([
      "ip -n '_lan_eth0' link add name sw type bridge",
      "ip -n '_lan_wan' link add name sw type bridge",
    ]);
  });

  it('wires a phys NIC as a veth whose peer is a hairpin port of its segment switch', () => {
    const cmds = sandboxWorldCommands(header);
    expect(cmds).toContain("ip link add name 'eth0' type veth peer name 'p0' netns '_lan_eth0'");
    expect(cmds).toContain("ip -n '_lan_eth0' link set dev 'p0' type bridge_slave hairpin on");
    expect(cmds).toContain("ip addr add '192.168.0.171/24' dev 'eth0'");
    expect(cmds).toContain("ip link set dev 'eth0' address '02:00:00:00:00:01'");
    expect(cmds).toContain("ip link set dev 'eth0' up");
    // a NIC declared down stays down, and only a declared hairpin port gets hairpin
    expect(cmds).not.toContain("ip link set dev 'eth1' up");
    expect(cmds.filter((c) => c.includes('hairpin'))).toHaveLength(1);
  });

  it('gives an external host its own namespace with eth0, loopback up and default route', () => {
    const cmds = sandboxWorldCommands(header);
    const i = cmds.indexOf("ip netns add 'peer'");
    expect(i).toBeGreaterThan(0);
    expect(cmds.slice(i)).toEqual(expect.arrayContaining([
      "ip -n 'peer' link set dev lo up",
      "ip -n '_lan_eth0' link add name 'h0' type veth peer name eth0 netns 'peer'",
      "ip -n 'peer' link set dev eth0 address '02:00:00:00:00:99'",
      "ip -n 'peer' addr add '192.168.0.200/24' dev eth0",
      "ip -n 'peer' route add default via '192.168.0.1'",
    ]));
    expect(cmds).toContain("ip -n '_lan_wan' link add name 'h1' type veth peer name eth0 netns 'far'");
  });

  it('quotes hostile names so nothing in them is executed', () => {
    const h = { phys: [{ name: "a$(id)'x", addrs: [], lan: 'l;rm', mac: null, hairpin: false, down: false, line: 1 }], hosts: [] };
    const cmds = sandboxWorldCommands(h);
    expect(cmds[0]).toBe("ip netns add '_lan_l;rm'");
    expect(cmds).toContain("ip link add name 'a$(id)'\\''x' type veth peer name 'p0' netns '_lan_l;rm'");
  });
});
