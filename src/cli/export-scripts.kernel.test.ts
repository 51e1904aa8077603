import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAsRoot } from '../kernel/root-suite';
import { exportScripts } from '../core/iproute2/export/index';
import { importScript } from '../core/iproute2/import/index';
import { HOSTILE_NAMES, hostileNamesDesign, macvlanBridgeDesign } from '../core/iproute2/export/test-designs';


const dir = mkdtempSync(join(tmpdir(), 'vnetlab-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an exported sandbox script with a command inside it; returns stdout. */
function inSandbox(text: string, ...command: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `s${Math.floor(performance.now() * 1000)}.sh`);
  writeFileSync(file, text);
  const r = spawnSync('timeout', ['120', 'bash', file, ...command], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeAsRoot('exported scripts on a real kernel', () => {
  it('creates exactly the hostile names and executes nothing in them', () => {
    const [s] = exportScripts(hostileNamesDesign(), { mode: 'sandbox' });
    const marker = join(dir, 'executed');
    const probe = [
      'ip -j link show',
      `ip netns list | sed 's/ (id: [0-9]*)$//'`,
      `ip -n "$1" -j link show`,
      `test ! -e ${JSON.stringify(marker)}`,
    ].join(' && echo @@ && ');
    const r = inSandbox(s.text, 'bash', '-c', probe, '_', HOSTILE_NAMES.ns);
    expect(r.status, r.stderr).toBe(0);
    const [rootLinks, netns, nsLinks] = r.stdout.split('@@\n');
    const names = (json: string) => (JSON.parse(json) as { ifname: string }[]).map((l) => l.ifname).sort();
    expect(names(rootLinks)).toEqual(['lo', HOSTILE_NAMES.lower, HOSTILE_NAMES.bridge, HOSTILE_NAMES.veth].sort());
    expect(netns.trim().split('\n')).toEqual([HOSTILE_NAMES.ns]);
    expect(names(nsLinks)).toEqual(['lo', HOSTILE_NAMES.macvlan, HOSTILE_NAMES.peer].sort());
  });

  it('builds the field notes macvlan design in a sandbox where the pings of the notes work', () => {
    const [s] = exportScripts(macvlanBridgeDesign(), { mode: 'sandbox' });
    const ping = (ns: string, ip: string) => `${ns === 'host' ? '' : `ip netns exec ${ns} `}ping -n -c1 -W2 ${ip} >/dev/null && echo ${ns}-${ip}-ok || echo ${ns}-${ip}-fail`;
    const r = inSandbox(s.text, 'bash', '-c', [
      ping('ns2', '192.168.0.100'), // sibling bridge-mode macvlans talk
      ping('host', '192.168.0.200'), // the host reaches them through its own macvlan mac3
      ping('ns1', '192.168.0.171'), // and the parent's address, answered for by the host's macvlan mac3
      ping('gw', '192.168.0.100'), // and the LAN reaches them
      'ip netns list | wc -l',
    ].join('; '));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'ns2-192.168.0.100-ok', 'host-192.168.0.200-ok', 'ns1-192.168.0.171-ok', 'gw-192.168.0.100-ok', '4',
    ]);
    // nothing leaked into the machine's own namespaces
    expect(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout).not.toMatch(/_lan_eth0/);
  });

  // the Linux 6.18 cases were measured on this machine kind, so the kernel has every device
  // kind they use
  const root = 'fixtures/conformance';
  const cases = existsSync(root) ? readdirSync(root).sort().filter((c) => existsSync(join(root, c, 'topology.sh'))) : [];

  it.each(cases)('builds conformance case %s with every exported line accepted by the kernel', (c) => {
    const { design } = importScript(readFileSync(join(root, c, 'topology.sh'), 'utf8'), { file: c });
    const [s] = exportScripts(design, { mode: 'sandbox' });
    // under "set -e" the command only runs if every setup line succeeded
    const r = inSandbox(s.text, 'bash', '-c', `ip netns list | sed 's/ (id: [0-9]*)$//' | sort`);
    expect(r.status, `${r.stderr}\n${s.text}`).toBe(0);
    const expected = [
      ...design.hosts.filter((h) => h.role === 'host').flatMap((h) => h.namespaces.filter((n) => !n.root).map((n) => n.name)),
      ...design.hosts.filter((h) => h.role === 'external').map((h) => h.name),
      ...design.lans.map((l) => `_lan_${l.name}`),
    ].sort();
    expect(r.stdout.trim().split('\n').filter(Boolean)).toEqual(expected);
  });
});
