import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScript } from '../../../core/iproute2/import/index';
import type { Design } from '../../../core/model/types';
import { parseConsoleLine } from '../../../worker/console/parse';
import { consoleEditCommand } from './console-edit';

const veth = importScript(readFileSync('fixtures/examples/00-two-namespaces-veth.sh', 'utf8'), { file: 'veth.sh' }).design;

/** Types `line` in namespace `ns`; returns the new design or what ip printed. */
function type(design: Design, ns: string, line: string): Design | string {
  const cmd = parseConsoleLine(line);
  if (cmd.kind === 'error') return cmd.message;
  if (cmd.kind !== 'edit') throw new Error(`not an edit: ${line}`);
  const c = consoleEditCommand(design, ns, cmd.edit);
  if (typeof c === 'string') return c;
  const r = c(design);
  if (!r.ok) return r.reason;
  return r.design;
}

const nsNamed = (d: Design, name: string) => d.hosts[0].namespaces.find((n) => n.name === name)!;
const dev = (d: Design, name: string) => d.hosts[0].devices.find((x) => x.name === name)!;

describe('console configuration commands', () => {
  it('ip addr add/del, ip link set, ip route add/del change the design as ip would', () => {
    let d = type(veth, 'ns1', 'ip addr add 10.0.5.1/24 dev veth0') as Design;
    expect(dev(d, 'veth0').addresses.map((a) => a.cidr)).toEqual(['10.0.0.1/24', '10.0.5.1/24']);
    d = type(d, 'ns1', 'ip a del 10.0.0.1/24 dev veth0') as Design;
    expect(dev(d, 'veth0').addresses.map((a) => a.cidr)).toEqual(['10.0.5.1/24']);
    d = type(d, 'ns2', 'ip link set veth1 down') as Design;
    expect(dev(d, 'veth1').up).toBe(false);
    d = type(d, 'ns2', 'ip link set dev veth1 up') as Design;
    expect(dev(d, 'veth1').up).toBe(true);
    d = type(d, 'ns1', 'ip route add default via 10.0.5.254') as Design;
    expect(nsNamed(d, 'ns1').routes).toEqual([{ dst: 'default', via: '10.0.5.254' }]);
    d = type(d, 'ns1', 'ip r add 10.9.0.0/16 dev veth0 metric 5') as Design;
    expect(nsNamed(d, 'ns1').routes[1]).toEqual({ dst: '10.9.0.0/16', dev: dev(d, 'veth0').id, metric: 5 });
    d = type(d, 'ns1', 'ip route del default') as Design;
    expect(nsNamed(d, 'ns1').routes.map((r) => r.dst)).toEqual(['10.9.0.0/16']);
  });

  it('refusals print what ip prints (measured on Linux 6.18)', () => {
    expect(type(veth, 'ns1', 'ip addr add 10.0.0.1/24 dev veth0')).toBe('Error: ipv4: Address already assigned.');
    expect(type(veth, 'ns1', 'ip addr del 10.9.9.9/24 dev veth0')).toBe('Error: ipv4: Address not found.');
    expect(type(veth, 'ns1', 'ip addr add 10.0.0.300/24 dev veth0')).toBe('Error: any valid prefix is expected rather than "10.0.0.300/24".');
    expect(type(veth, 'ns1', 'ip link set nosuch up')).toBe('Cannot find device "nosuch"');
    expect(type(veth, 'ns1', 'ip link set veth1 up')).toBe('Cannot find device "veth1"'); // veth1 is in ns2
    expect(type(veth, 'ns1', 'ip route del 10.9.0.0/16')).toBe('RTNETLINK answers: No such process');
    const once = type(veth, 'ns1', 'ip route add 10.5.0.0/16 via 10.0.0.254') as Design;
    expect(type(once, 'ns1', 'ip route add 10.5.0.0/16 via 10.0.0.254')).toBe('RTNETLINK answers: File exists');
    expect(type(veth, 'ns1', 'ip addr add 10.0.0.7/24')).toBe('Not enough information: "dev" argument is required.');
    expect(type(veth, 'ns1', 'ip route add 10.6.0.0/16 via 10.7.0.1')).toBe('Error: Nexthop has invalid gateway.');
  });

  it('ip -br is a show command, not an edit', () => {
    expect(parseConsoleLine('ip -br a')).toEqual({ kind: 'ip', object: 'addr', dev: undefined, brief: true });
    expect(parseConsoleLine('ip -br link show veth0')).toEqual({ kind: 'ip', object: 'link', dev: 'veth0', brief: true });
  });
});
