import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importScript } from './index';

describe('malformed input never throws or hangs', () => {
  it('survives garbage, binary and odd quoting', () => {
    const inputs = [
      '', '\0\0\0', '\u0001\u00ff\ufffd ip link', '"""', "'", '$(', '${', '`', '\\', ';;;&&||',
      'ip', 'ip link add', 'ip link add type', 'ip -n', 'ip netns exec', 'for', 'for i in', 'done fi esac',
      ')))(((', '{ ip link add x type dummy', 'ip link set dev', 'iptables -t', 'sysctl -w =', 'brctl addif',
      'ip route add via', 'ip neigh add lladdr', 'echo > ', 'ifconfig x 1.2.3.4 netmask', 'route add -net',
      String.fromCharCode(...Array.from({ length: 512 }, (_, i) => i % 256)),
    ];
    for (const s of inputs) {
      const r = importScript(s);
      expect(r.design.hosts[0].name).toBe('host');
    }
  });

  it('survives arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => { importScript(s); }), { numRuns: 300 });
    const words = fc.constantFrom('ip', 'link', 'add', 'set', 'del', 'type', 'veth', 'peer', 'name', 'macvlan', 'mode', 'vlan', 'id', '10', 'netns', 'ns1', 'v0', 'v1', 'eth0', 'master', 'br0', 'up', 'down', 'addr', 'route', 'default', 'via', '10.0.0.1', '10.0.0.0/24', 'dev', '&&', ';', '\n', '"', 'bridge', 'brctl', 'addbr', 'addif');
    fc.assert(fc.property(fc.array(words, { maxLength: 60 }), (ws) => { importScript(ws.join(' ')); }), { numRuns: 300 });
  });

  it('reads web-page spaces and a byte-order mark as a shell user would mean them', () => {
    const r = importScript('\ufeffip link add\u00a0d0 type\u3000dummy');
    expect(r.design.hosts[0].devices.map((d) => d.name)).toEqual(['lo', 'd0']);
    expect(r.diagnostics).toMatchObject([{ level: 'warning', line: 1 }]);
  });

  it('imports a 10k-line script quickly', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(i % 2 ? `ip link set d${i - 1} up` : `ip link add d${i} type dummy`);
    const r = importScript(lines.join('\n'));
    expect(r.design.hosts[0].devices).toHaveLength(5001);
    expect(r.failedLines).toEqual([]);
  });

  it('caps runaway loops', () => {
    const r = importScript('for a in {1..1000}; do for b in {1..1000}; do true; done; done\nip link add z type dummy');
    expect(r.design.hosts[0].devices.some((d) => d.name === 'z')).toBe(true);
  });
});
