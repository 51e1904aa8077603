import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import type { Design } from './types';
import { validateDesign } from './validate';

const warnings = (d: Design) => validateDesign(d).filter((x) => x.level === 'warning').map((x) => x.code);
const codes = (script: string) => warnings(importScript(script).design);

describe('link warnings', () => {
  it('warns about an up NIC on no LAN segment, not about one plugged in', () => {
    const plugged = importScript('# phys: eth0 192.168.0.171/24\nip link add link eth0 name mac1 type macvlan mode bridge\nip link set mac1 up\n').design;
    expect(warnings(plugged)).not.toContain('nic-no-lan');
    // the same NIC on no drawn segment (as a NIC dropped from the palette starts)
    const unplugged = JSON.parse(JSON.stringify(plugged)) as Design;
    for (const d of unplugged.hosts[0].devices) if (d.kind === 'physical') delete d.lan;
    expect(warnings(unplugged)).toContain('nic-no-lan');
  });

  it('warns once about two bridges joined twice without STP', () => {
    const loop = `ip link add br0 type bridge
ip link add br1 type bridge
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link set a0 master br0
ip link set a1 master br1
ip link set b0 master br0
ip link set b1 master br1
`;
    expect(codes(loop).filter((c) => c === 'bridge-loop-no-stp')).toHaveLength(1);
    expect(codes(`${loop}ip link set br0 type bridge stp_state 1\n`)).not.toContain('bridge-loop-no-stp');
    // one link between them is no loop
    expect(codes(loop.split('\n').filter((l) => !l.includes('b0') && !l.includes('b1')).join('\n'))).not.toContain('bridge-loop-no-stp');
  });

  it('warns about a bridge with two NICs on one LAN segment', () => {
    const s = `# phys: eth0 192.168.0.2/24
# phys: eth1 192.168.0.3/24 lan=eth0
ip link add br0 type bridge
ip link set eth0 master br0
ip link set eth1 master br0
`;
    expect(codes(s)).toContain('bridge-loop-no-stp');
  });
});
