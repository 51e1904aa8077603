import { describe, expect, it } from 'vitest';
import { cloneDesign } from '../../model/design';
import { parseWorldHeader } from '../../world/header';
import { exportDesign, exportScripts } from './index';
import { hostileNamesDesign, HOSTILE_NAMES, macvlanBridgeDesign } from './test-designs';

// Golden files, read through Vite so the core stays free of Node APIs; they are written and
// compared (and UPDATE_GOLDEN=1 rewrites them) by src/cli/export-scripts.test.ts.
const goldens = import.meta.glob('./__golden__/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('exportScripts', () => {
  it('exports the field notes macvlan bridge design as its golden script', () => {
    expect(exportScripts(macvlanBridgeDesign(), { mode: 'setup' })[0].text).toBe(goldens['./__golden__/macvlan-bridge.sh']);
  });

  it('states the world in a header the conformance parser reads back', () => {
    const [s] = exportScripts(macvlanBridgeDesign(), { mode: 'setup' });
    const { header, diagnostics } = parseWorldHeader(s.text);
    expect(diagnostics).toEqual([]);
    expect(header.phys).toMatchObject([{ name: 'eth0', addrs: ['192.168.0.171/24'], lan: 'eth0', hairpin: false, down: false }]);
    expect(header.hosts).toMatchObject([{ name: 'gw', addrs: ['192.168.0.1/24'], lan: 'eth0' }]);
  });

  it('runs the phases in order: namespaces, devices (made in their namespace), addresses, links up, routes', () => {
    const lines = exportScripts(macvlanBridgeDesign(), { mode: 'setup' })[0].text.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.startsWith(s));
    expect(at("ip netns add 'ns1'")).toBeLessThan(at("ip link add link 'eth0' name 'mac1' netns 'ns1'"));
    expect(at("ip link add link 'eth0' name 'mac1' netns 'ns1'")).toBeLessThan(at("ip -n 'ns1' addr add"));
    expect(at("ip -n 'ns1' addr add")).toBeLessThan(at("ip -n 'ns1' link set dev 'mac1' up"));
    expect(at("ip -n 'ns1' link set dev 'mac1' up")).toBeLessThan(at('ip route add'));
    // the NIC's address is the world's (header), not the script's
    expect(lines.filter((l) => l.includes('192.168.0.171') && !l.startsWith('#'))).toEqual([]);
  });

  it('maps script lines to the design objects they configure', () => {
    const d = macvlanBridgeDesign();
    const [s] = exportScripts(d, { mode: 'setup' });
    const mac1 = d.hosts[0].devices.find((x) => x.name === 'mac1')!;
    const text = s.text.split('\n');
    const mac1Lines = s.lines.filter((l) => l.objects.includes(mac1.id)).map((l) => text[l.line - 1]);
    expect(mac1Lines).toEqual([
      "ip link add link 'eth0' name 'mac1' netns 'ns1' type macvlan mode bridge",
      "ip -n 'ns1' addr add '192.168.0.100/24' dev 'mac1'",
      "ip -n 'ns1' link set dev 'mac1' up",
      "ip -n 'ns1' route add 'default' via '192.168.0.1' dev 'mac1'",
    ]);
  });

  it('maps the sandbox world lines to the NIC and external machine they build', () => {
    const d = macvlanBridgeDesign();
    const [s] = exportScripts(d, { mode: 'sandbox' });
    const text = s.text.split('\n');
    const gw = d.hosts[1];
    const gwLines = s.lines.filter((l) => l.objects.includes(gw.id)).map((l) => text[l.line - 1]);
    expect(gwLines).toContain("ip netns add 'gw'");
    expect(gwLines).toContain("ip -n 'gw' addr add '192.168.0.1/24' dev eth0");
  });

  it('quotes every hostile name so it is passed to ip exactly', () => {
    const [s] = exportScripts(hostileNamesDesign(), { mode: 'setup' });
    expect(s.text).toContain("ip link add name 'a$(id)' type bridge");
    expect(s.text).toContain("ip netns add 'x'\\''y'");
    expect(s.text).toContain("ip link add name 'v`id`' type veth peer name 'p*' netns 'x'\\''y'");
    expect(s.text).toContain("ip link set dev 'b;c' up");
    // no hostile name ever appears outside single quotes
    for (const name of Object.values(HOSTILE_NAMES)) {
      const unquoted = s.text.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/'\\''/g, '').replace(/'[^']*'/g, "''"));
      expect(unquoted.some((l) => l.includes(name))).toBe(false);
    }
  });

  it('refuses to export a name the kernel refuses', () => {
    const d = hostileNamesDesign();
    d.hosts[0].devices[1].name = 'bad name';
    const r = exportDesign(d, { mode: 'setup' });
    expect(r.scripts).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', code: 'bad-interface-name' });
    expect(r.diagnostics[0].message).toMatch(/^cannot export: /);
  });

  it('refuses a world name the header cannot carry', () => {
    const d = macvlanBridgeDesign();
    d.hosts[0].devices.find((x) => x.kind === 'physical')!.name = 'eth#0';
    const r = exportDesign(d, { mode: 'setup' });
    expect(r.scripts).toEqual([]);
    expect(r.diagnostics.map((x) => x.code)).toEqual(['header-name']);
  });

  it('writes one script per designed machine', () => {
    const d = macvlanBridgeDesign();
    const second = cloneDesign(d).hosts[0];
    second.name = 'host two';
    const suffix = (id: string) => `${id}b`;
    second.id = suffix(second.id);
    for (const n of second.namespaces) n.id = suffix(n.id);
    for (const x of second.devices) {
      x.id = suffix(x.id);
      x.ns = suffix(x.ns);
      if ('parent' in x) x.parent = suffix(x.parent);
    }
    for (const n of second.namespaces) for (const r of n.routes) if (r.dev) r.dev = suffix(r.dev);
    d.hosts.push(second);
    const scripts = exportScripts(d, { mode: 'setup' });
    expect(scripts.map((s) => s.fileName)).toEqual(['host-setup.sh', 'host_two-setup.sh']);
  });

  it('puts configuration of external machines beyond the header in a last section', () => {
    const d = macvlanBridgeDesign();
    const gw = d.hosts[1];
    const nic = gw.devices.find((x) => x.kind === 'physical')!;
    gw.devices.push({ id: 'gv', kind: 'vlan', name: 'eth0.10', ns: nic.ns, up: true, addresses: [{ cidr: '10.10.0.2/24' }], parent: nic.id, vid: 10 });
    const text = exportScripts(d, { mode: 'setup' })[0].text;
    const tail = text.slice(text.indexOf('# External machine gw'));
    expect(tail).toContain("ip netns exec 'gw' ip link add link 'eth0' name 'eth0.10' type vlan id '10'");
    expect(tail).toContain("ip netns exec 'gw' ip addr add '10.10.0.2/24' dev 'eth0.10'");
    expect(tail).toContain("ip netns exec 'gw' ip link set dev 'eth0.10' up");
  });

  it('writes a tolerant teardown that deletes what the setup created', () => {
    const text = exportScripts(macvlanBridgeDesign(), { mode: 'teardown' })[0].text;
    const cmds = text.split('\n').filter((l) => l && !l.startsWith('#') && l !== 'set -u');
    expect(cmds.every((l) => l.endsWith(' || true'))).toBe(true);
    expect(cmds).toContain("ip link del dev 'mac3' || true");
    expect(cmds).toContain("ip netns del 'ns1' || true");
    expect(cmds.some((l) => /link del dev 'eth0'/.test(l))).toBe(false);
    expect(text).not.toMatch(/set -e/);
  });

});
