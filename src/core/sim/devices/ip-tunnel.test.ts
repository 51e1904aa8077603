import { describe, expect, it } from 'vitest';
import { importScript } from '../../iproute2/import';
import { exportDesign } from '../../iproute2/export';
import { validateDesign } from '../../model/validate';
import { parseProbes } from '../../world/probes';
import { simulate } from '../simulate';

/** Two namespaces joined by a veth and a tunnel of `kind` between them, as people write it. */
function script(kind: string, opts1 = '', opts2 = opts1, h2up = true): string {
  return [
    'set -e',
    'ip netns add h1',
    'ip netns add h2',
    'ip link add eth0 netns h1 type veth peer name eth0 netns h2',
    'ip -n h1 addr add 192.168.1.1/24 dev eth0',
    'ip -n h2 addr add 192.168.1.2/24 dev eth0',
    'ip -n h1 link set eth0 up',
    'ip -n h2 link set eth0 up',
    `ip -n h1 link add tun0 type ${kind} local 192.168.1.1 remote 192.168.1.2${opts1}`,
    `ip -n h2 link add tun0 type ${kind} local 192.168.1.2 remote 192.168.1.1${opts2}`,
    'ip -n h1 addr add 10.1.0.1/24 dev tun0',
    'ip -n h2 addr add 10.1.0.2/24 dev tun0',
    'ip -n h1 link set tun0 up',
    h2up ? 'ip -n h2 link set tun0 up' : '',
  ].join('\n');
}

function ping(text: string) {
  const { design, diagnostics } = importScript(text);
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const { observation } = simulate(design, parseProbes('capture h1 eth0\nping h1 10.1.0.2').probes, { seed: 1 });
  const cap = observation.captures['h1:eth0'];
  return { probe: observation.probes[0], frames: 'frames' in cap ? cap.frames : [] };
}

describe('ipip, GRE and gretap tunnels', () => {
  for (const kind of ['ipip', 'gre', 'gretap']) {
    it(`${kind}: pings through, the outer packets carry the tunnel's protocol`, () => {
      const { probe, frames } = ping(script(kind));
      expect(probe.ok).toBe(true);
      const proto = kind === 'ipip' ? 4 : 47;
      expect(frames.some((f) => f.type === `ipv4-proto${proto}` || String(f.summary).includes(kind === 'ipip' ? 'IPIP' : 'GRE'))).toBe(true);
    });

    it(`${kind}: the far end down answers port unreachable, the ping gets nothing`, () => {
      const { probe, frames } = ping(script(kind, '', '', false));
      expect(probe.ok).toBe(false);
      expect(frames.some((f) => String(f.summary).includes('unreachable') || f.type === 'icmp-dest-unreach')).toBe(true);
    });
  }

  it('GRE keys must match; a keyed tunnel refuses unkeyed packets', () => {
    expect(ping(script('gre', ' key 42')).probe.ok).toBe(true);
    expect(ping(script('gre', ' key 42', ' key 43')).probe.ok).toBe(false);
    expect(ping(script('gretap', ' key 1', '')).probe.ok).toBe(false);
  });

  it('exports the commands it imported, and the export imports to the same network', () => {
    const { design } = importScript(script('gre', ' ttl 64 key 7'));
    const out = exportDesign(design).scripts[0].text;
    expect(out).toContain("link add name 'tun0' type gre local '192.168.1.1' remote '192.168.1.2' ttl '64' key '7'");
    const again = importScript(out);
    expect(again.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(ping(out).probe.ok).toBe(true);
  });

  it('refuses what ip and the kernel refuse, with their messages', () => {
    const base = 'ip link add eth0 type veth peer name eth1\n';
    const msg = (line: string) => importScript(base + line).diagnostics.filter((d) => d.level === 'error').map((d) => d.message);
    expect(msg('ip link add t1 type ipip remote 10.0.0.2 key 5')[0]).toMatch(/key/);
    expect(msg('ip link add t1 type gre remote 10.0.0.2 ttl 256')[0]).toMatch(/TTL/);
    expect(msg('ip link add t1 type ipip remote 10.0.0.2 ttl 64 nopmtudisc')[0]).toMatch(/nopmtudisc/);
    // GRE lets the pair through (measured on Debian 6.1)
    expect(msg('ip link add t1 type gre remote 10.0.0.2 ttl 64 nopmtudisc')).toEqual([]);
    expect(msg('ip link add t1 type gre remote 10.0.0.2 key abc')[0]).toBe('invalid value for "key": "abc"; it should be an unsigned integer');
    expect(msg('ip link add t1 type gretap remote 10.0.0.2 dev eth9')[0]).toBe('Cannot find device "eth9"');
    expect(msg('ip link add t1 type gre remote 10.0.0.2\nip link add t2 type gre remote 10.0.0.2')[0]).toBe('RTNETLINK answers: File exists');
    expect(msg('ip link add t1 type ipip remote 10.0.0.2\nip link add tunl0 type ipip remote 10.0.0.3')[0]).toBe('RTNETLINK answers: File exists');
    // a gre and a gretap may share endpoints: they are looked up in separate tables
    expect(msg('ip link add t1 type gre remote 10.0.0.2\nip link add t2 type gretap remote 10.0.0.2')).toEqual([]);
  });

  it('validates an edited document the same way', () => {
    const { design } = importScript('ip link add t1 type ipip remote 10.0.0.2\nip link add t2 type gre remote 10.0.0.2');
    const [t1, t2] = design.hosts[0].devices.filter((d) => d.kind === 'ipip' || d.kind === 'gre') as { ikey?: number; ttl?: number; name: string }[];
    t1.ikey = 5;
    t2.ttl = 300;
    t2.name = 'tunl0';
    const codes = validateDesign(design).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['tunnel-key-on-ipip', 'tunnel-bad-ttl', 'tunnel-fallback-name']));
  });
});
