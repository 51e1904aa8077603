import { describe, expect, it } from 'vitest';
import { parseProbes } from '../core/world/probes';
import { driverScript, pingArgv, pingTimeout, sourceCommand } from './driver-script';
import { requiredFeatures } from './kernel-support';

const probes = parseProbes('ping ns1 10.0.0.2\nping host 10.0.0.9 count=2 wait=2 iface=v0 src=10.0.0.1\narping host v0 10.0.0.2\ncapture ns1 v1\n').probes;
const script = driverScript({
  worldCommands: ["ip netns add '_lan_eth0'"],
  scriptPath: '/tmp/x/topology.sh',
  scriptCwd: '/tmp/case',
  probes: probes.probes,
  captures: probes.captures,
  outDir: '/tmp/x',
});

describe('driverScript', () => {
  it('refuses to run outside a private network and mount namespace before doing anything', () => {
    const firstMount = script.indexOf('mount -t sysfs');
    expect(script.indexOf('still in the root network namespace')).toBeGreaterThan(0);
    expect(script.indexOf('still in the root network namespace')).toBeLessThan(firstMount);
    expect(script.indexOf('still in the root mount namespace')).toBeLessThan(firstMount);
    expect(script).toContain('mount -t tmpfs -o size=1m vnetlab-netns /run/netns');
  });

  it('bounds every world command and probe with timeout', () => {
    expect(script).toContain("timeout --kill-after=2 20 ip netns add '_lan_eth0'");
    expect(script).toContain("timeout --kill-after=2 9 ip netns exec 'ns1' ping -n -c 1 -W 3.5 '10.0.0.2'");
    expect(script).toContain("timeout --kill-after=2 10 arping -c 1 -w 1 -i 'v0' '10.0.0.2'");
  });

  it('sources the design script under an ERR trap, without set -e', () => {
    expect(script).toContain('trap ');
    expect(script).toContain(sourceCommand('/tmp/x/topology.sh').replace(/'/g, "'\\''"));
    expect(script).not.toMatch(/set -e/);
  });

  it('captures without promiscuous mode', () => {
    expect(script).toContain("ip netns exec 'ns1' tcpdump -p -n -U --immediate-mode -s 256 -Z root -i 'v1'");
  });
});

describe('ping options', () => {
  it('follows the harness: -I for iface and src, an interval only for several pings', () => {
    const p = probes.probes[1];
    if (p.kind !== 'ping') throw new Error('expected ping');
    expect(pingArgv(p).join(' ')).toBe("ping -n -c 2 -W 2 -I 'v0' -I '10.0.0.1' -i 0.5 '10.0.0.9'");
    expect(pingTimeout(p)).toBe(9);
  });
});

describe('requiredFeatures', () => {
  it('finds the link types a script creates', () => {
    const s = [
      'ip link add link eth0 name mac1 type macvlan mode bridge',
      'ip -n ns1 link add v0 type veth peer name v1 # comment type dummy',
      'ip link add link eth0 name eth0.10 type vlan id 10; ip tuntap add dev tap0 mode tap',
      '# ip link add d0 type dummy',
      'ip link add br0 type bridge vlan_filtering 1',
    ].join('\n');
    expect(requiredFeatures(s).sort()).toEqual(['bridge', 'bridge vlan_filtering', 'macvlan', 'tap', 'veth', 'vlan']);
  });
});
