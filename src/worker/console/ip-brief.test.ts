import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScript } from '../../core/iproute2/import/index';
import { buildSim } from '../../core/sim/build';
import { parseConsoleLine } from './parse';
import { showCommand } from './run-command';

const design = importScript(readFileSync('fixtures/examples/00-two-namespaces-veth.sh', 'utf8'), { file: 'veth.sh' }).design;

describe('ip -br and ifindexes', () => {
  const sim = buildSim(design, { seed: 1 });
  sim.engine.runUntil(1_000_000_000 as never);
  const show = (ns: string, line: string) => showCommand(sim, ns, parseConsoleLine(line));

  it('lo is ifindex 1 in every namespace, as on Linux', () => {
    for (const ns of ['ns1', 'ns2']) expect(show(ns, 'ip link show lo')).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP>/);
  });

  it('a pair made in the root namespace keeps its root numbers when moved (peer 2, device 3), as on Linux', () => {
    // measured: `ip link add veth0 type veth peer name veth1`, then each end moved to its netns
    expect(show('ns1', 'ip link show veth0')).toMatch(/^3: veth0@if2: /);
    expect(show('ns2', 'ip link show veth1')).toMatch(/^2: veth1@if3: /);
  });

  it('ip -br addr / link print the columns iproute2 pads (%-16s %-14s)', () => {
    const veth1 = sim.nsByLabel.get('ns2')!.byName.get('veth1')!;
    expect(show('ns1', 'ip -br a').split('\n')).toEqual([
      'lo               UNKNOWN        127.0.0.1/8 ',
      `veth0@if${veth1.ifindex}        UP             10.0.0.1/24 `,
    ]);
    const veth0 = sim.nsByLabel.get('ns1')!.byName.get('veth0')!;
    expect(show('ns1', 'ip -br link').split('\n')).toEqual([
      'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> ',
      `veth0@if${veth1.ifindex}        UP             ${veth0.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> `,
    ]);
  });
});
