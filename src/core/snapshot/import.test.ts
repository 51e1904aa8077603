import { describe, expect, it } from 'vitest';
import { parseDump, serializeSnapshot } from './dump';
import { importSnapshot } from './index';

const DUMP = Object.values(import.meta.glob('../../../fixtures/snapshots/sandbox-host.dump.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];

const devs = (r: ReturnType<typeof importSnapshot>) => {
  const h = r.design!.hosts[0];
  return Object.fromEntries(h.namespaces.map((n) => [n.name, h.devices.filter((d) => d.ns === n.id).map((d) => `${d.name}/${d.kind}`).sort()]));
};

describe('snapshot import', () => {
  it('a dump and its JSON give the same design; veth, macvlan across namespaces, a process namespace', () => {
    const fromDump = importSnapshot(DUMP, 'host.dump');
    const p = parseDump(DUMP);
    expect(p.ok).toBe(true);
    const fromJson = importSnapshot(serializeSnapshot((p as { ok: true; snapshot: never }).snapshot), 'host.json');
    expect(fromJson.script).toBe(fromDump.script);
    expect(devs(fromDump)).toEqual({
      host: ['br0/bridge', 'lo/loopback', 'v0/veth', 'w0/veth', 'w1/veth'],
      a: ['lo/loopback', 'mv0/macvlan', 'v1/veth'],
      'sleep-20': ['lo/loopback'],
    });
    // what the design cannot hold is located
    expect(fromDump.diagnostics.map((d) => d.path)).toContain('root namespace › br0 › route 10.9.0.0/16 table 10');
  });

  it('malformed input is one clear error, never a throw', () => {
    expect(importSnapshot('{"format":"vnetlab-snapshot",').diagnostics[0].message).toMatch(/^not JSON/);
    expect(importSnapshot('{"format":"other"}').diagnostics[0].message).toMatch(/not a vnetlab snapshot/);
    expect(importSnapshot('{"format":"vnetlab-snapshot","version":9,"namespaces":[]}').diagnostics[0].message).toMatch(/version 9/);
    expect(importSnapshot('{"format":"vnetlab-snapshot","version":1,"namespaces":[{"name":"","kind":"root","link":[{"ifname":3}]}]}').diagnostics[0].message).toMatch(/namespaces\.0\.link\.0/);
    expect(importSnapshot('@@vnetlab-snapshot 1\n@@ns root\n@@link\n[{oops').diagnostics[0].message).toMatch(/line 4: the "link" section is not JSON/);
    expect(importSnapshot(42).design).toBeUndefined();
  });

  it('hostile names, unknown kinds, qdiscs and IPv6 are located warnings or errors', () => {
    const snap = {
      format: 'vnetlab-snapshot', version: 1,
      namespaces: [
        { name: '', kind: 'root', link: [
          { ifindex: 1, ifname: 'lo', link_type: 'loopback', flags: ['LOOPBACK', 'UP'] },
          { ifindex: 2, ifname: 'eth0', link_type: 'ether', address: '52:54:00:12:34:56', flags: ['UP'], qdisc: 'htb' },
          { ifindex: 3, ifname: 'wg0', link_type: 'none', flags: ['UP'], linkinfo: { info_kind: 'wireguard' } },
          { ifindex: 4, ifname: "x';rm -rf /", link_type: 'ether', flags: [], linkinfo: { info_kind: 'dummy' } },
        ], addr: [{ ifname: 'eth0', addr_info: [{ family: 'inet', local: '192.168.1.5', prefixlen: 24 }, { family: 'inet6', local: '2001:db8::5', prefixlen: 64 }] }] },
        { name: '../etc', kind: 'netns' },
      ],
    };
    const r = importSnapshot(JSON.stringify(snap));
    const by = (s: string) => r.diagnostics.find((d) => d.path?.includes(s));
    expect(by('wg0 › kind')?.message).toMatch(/wireguard devices are not modelled/);
    expect(by('eth0 › qdisc')?.message).toMatch(/htb/);
    expect(by('eth0 › addr 2001:db8::5/64')?.code).toBe('ipv6');
    expect(by("x';rm")?.level).toBe('error');
    expect(by('netns ../etc')?.level).toBe('error');
    const h = r.design!.hosts[0];
    const eth0 = h.devices.find((d) => d.name === 'eth0')!;
    expect(eth0.kind).toBe('physical');
    expect(JSON.stringify(eth0.addresses)).toContain('192.168.1.5');
    expect(r.script).not.toContain('rm -rf');
  });
});
