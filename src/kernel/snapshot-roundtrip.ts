/**
 * The live-host round trip on the kernel: a design script built in a sandbox is recorded with
 * the snapshot collector, the snapshot is imported into a design, the design is exported, the
 * export is run in a fresh sandbox and recorded again; both records must be the same network
 * (up to interface numbers). The sandbox's world (`# phys:` NICs wired to `_lan_` switch
 * namespaces, `# host:` machines) stands for the network outside the machine: the NICs' veth
 * ends are recorded as the physical NICs they play, the world's namespaces are left out.
 */
import { exportDesign } from '../core/iproute2/export/index';
import { formatDiagnostic } from '../core/model/diagnostics';
import { COLLECTOR_ONE_LINER, COLLECTOR_PROGRAM } from '../core/snapshot/collector';
import { parseDump } from '../core/snapshot/dump';
import type { SnapNamespace, Snapshot } from '../core/snapshot/format';
import { importSnapshotObject } from '../core/snapshot/index';
import { parseWorldHeader, type WorldHeader } from '../core/world/header';
import { LAN_NS_PREFIX, sandboxWorldCommands } from '../core/world/sandbox-world';
import { shq } from '../core/iproute2/export/shell-quote';
import { runInSandbox } from './sandbox';

const SAFETY = [
  'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH LC_ALL=C',
  'die() { echo "sandbox: $*" >&2; exit 3; }',
  '[ -n "${VNETLAB_ROOT_NETNS:-}" ] && [ -n "${VNETLAB_ROOT_MNTNS:-}" ] || die "root namespace ids not given"',
  '[ "$(stat -L -c %i /proc/self/ns/net)" != "$VNETLAB_ROOT_NETNS" ] || die "still in the root network namespace"',
  '[ "$(stat -L -c %i /proc/self/ns/mnt)" != "$VNETLAB_ROOT_MNTNS" ] || die "still in the root mount namespace"',
  'timeout 10 mount -t sysfs vnetlab-sysfs /sys || die "cannot mount a private sysfs"',
  'mkdir -p /run/netns && timeout 10 mount -t tmpfs -o size=1m vnetlab-netns /run/netns || die "cannot mount a private /run/netns"',
  'ip link set lo up',
];

/** Runs `script` (with its world) in a sandbox and returns the collector's snapshot of it. */
export async function snapshotOfScript(script: string): Promise<{ snapshot: Snapshot; stderr: string }> {
  const { header } = parseWorldHeader(script, 'topology.sh');
  const program = [
    ...SAFETY,
    ...sandboxWorldCommands(header).map((c) => `${c} >/dev/null 2>&1 || die ${shq(`world: ${c}`)}`),
    `( timeout 60 bash --norc --noprofile -c ${shq(script)} ) </dev/null >/dev/null 2>&1`,
    'sleep 0.5',
    `exec 3>&1; ${wrapCollector()}`,
  ].join('\n');
  const r = await runInSandbox(program, 300);
  if (r.code !== 0) throw new Error(`the sandbox failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().slice(0, 400)}`);
  const p = parseDump(r.stdout);
  if (!p.ok) throw new Error(`the collector's dump: ${p.error}`);
  return { snapshot: worldAsOutside(p.snapshot, header), stderr: r.stderr };
}

/**
 * In one sandbox, `script` and then both collectors: the program `vnetlab snapshot` runs and
 * the README's one-line command (its output from the file it writes).
 */
export async function bothCollectors(script: string): Promise<{ program: string; oneLiner: string }> {
  const program = [
    ...SAFETY,
    `( timeout 60 bash --norc --noprofile -c ${shq(script)} ) </dev/null >/dev/null 2>&1`,
    'cd "$(mktemp -d)" || die "no temporary folder"',
    `${wrapCollector()} > program.txt`,
    `${COLLECTOR_ONE_LINER}`,
    'cat program.txt; echo "@@@@split"; cat vnetlab-dump.txt; cd / && rm -rf "$OLDPWD"',
  ].join('\n');
  const r = await runInSandbox(program, 120);
  const [a, b] = r.stdout.split('@@@@split\n');
  return { program: a ?? '', oneLiner: b ?? '' };
}

function wrapCollector(): string {
  return `sh -c ${shq(COLLECTOR_PROGRAM)}`;
}

/** The sandbox world → outside the machine: its namespaces dropped, NIC veth ends as NICs. */
export function worldAsOutside(s: Snapshot, header: WorldHeader): Snapshot {
  const world = new Set(header.hosts.map((h) => h.name));
  const isWorld = (ns: SnapNamespace) => ns.kind === 'netns' && (ns.name.startsWith(LAN_NS_PREFIX) || world.has(ns.name));
  const phys = new Set(header.phys.map((p) => p.name));
  const namespaces = s.namespaces.filter((ns) => !isWorld(ns)).map((ns) => ({
    ...ns,
    link: ns.link.map((l) => {
      if (ns.kind !== 'root' || !phys.has(l.ifname) || l.linkinfo?.info_kind !== 'veth') return l;
      const { link_index: _i, link_netnsid: _n, ...rest } = l;
      void _i; void _n;
      return { ...rest, linkinfo: { ...l.linkinfo, info_kind: undefined } };
    }),
  }));
  return { ...s, namespaces };
}

/** The exported setup script of the design a snapshot imports to. */
export function exportOfSnapshot(s: Snapshot): { script: string; warnings: string[] } {
  const imp = importSnapshotObject(s);
  if (!imp.design) throw new Error('the snapshot did not import');
  const { scripts, diagnostics } = exportDesign(imp.design, { mode: 'setup' });
  const errors = diagnostics.filter((d) => d.level === 'error');
  if (errors.length || scripts.length !== 1) throw new Error(`export refused: ${errors.map(formatDiagnostic).join('; ')}`);
  return { script: scripts[0].text, warnings: imp.diagnostics.map((d) => `${d.path ?? ''}: ${d.message}`) };
}

/**
 * A snapshot as the network it describes, for comparing two: per namespace (by name) each
 * device by name with its kind, peer or lower (by namespace and name, not ifindex), master,
 * MAC, MTU, up/down; IPv4 addresses; routes of every table; permanent neighbours; static
 * FDB entries; bridge VLANs; sysctls; iptables rules.
 */
export function networkOf(s: Snapshot): Record<string, unknown> {
  const label = (ns: SnapNamespace) => (ns.kind === 'root' ? '(root)' : ns.name);
  const out: Record<string, unknown> = {};
  const byIndex = new Map<string, Map<number, string>>();
  for (const ns of s.namespaces) byIndex.set(label(ns), new Map(ns.link.map((l) => [l.ifindex, l.ifname])));
  for (const ns of s.namespaces) {
    const nsidName = (id: number | undefined) => (id === undefined ? label(ns) : ns.nsid.find((n) => n.nsid === id)?.name ?? '(unnamed)');
    const links = ns.link.map((l) => {
      const other = l.link_index === undefined ? undefined : l.link_netnsid === undefined
        ? (byIndex.get(label(ns))!.get(l.link_index) ?? [...byIndex.values()].map((m) => m.get(l.link_index!)).find(Boolean))
        : byIndex.get(nsidName(l.link_netnsid) === '(unnamed)' ? '(root)' : nsidName(l.link_netnsid))?.get(l.link_index);
      const d = (l.linkinfo?.info_data ?? {}) as Record<string, unknown>;
      return {
        name: l.ifname,
        kind: l.linkinfo?.info_kind ?? l.link_type,
        peer: l.link ?? (other ? `${l.link_netnsid === undefined ? '' : `${nsidName(l.link_netnsid)}/`}${other}` : undefined),
        master: l.master,
        mac: l.address,
        mtu: l.mtu,
        up: l.flags.includes('UP'),
        mode: d.mode,
        id: d.id,
        stp: d.stp_state,
      };
    }).sort((a, b) => a.name.localeCompare(b.name));
    out[label(ns)] = {
      links,
      addrs: ns.addr.flatMap((a) => a.addr_info.filter((x) => x.family === 'inet').map((x) => `${a.ifname} ${x.local}/${x.prefixlen}${x.broadcast ? ` brd ${x.broadcast}` : ''} ${x.scope ?? ''}`)).sort(),
      // IPv6 is not modelled: its kernel routes come and go with address autoconfiguration
      routes: ns.route.filter((r) => !r.dst.includes(':')).map((r) => [r.type ?? 'unicast', r.dst, r.gateway, r.dev, r.table ?? 'main', r.protocol, r.scope, r.prefsrc, r.metric].map((x) => x ?? '').join(' ')).sort(),
      neigh: ns.neigh.filter((n) => n.state.includes('PERMANENT')).map((n) => `${n.dst} ${n.lladdr} ${n.dev}`).sort(),
      fdb: ns.fdb.filter((f) => f.state === 'static' || (f.dst !== undefined && f.state === 'permanent')).map((f) => `${f.mac} ${f.ifname} ${f.vlan ?? ''} ${f.dst ?? ''}`).sort(),
      vlan: ns.vlan.map((v) => `${v.ifname} ${JSON.stringify(v.vlans)}`).sort(),
      sysctl: ns.sysctl,
      iptables: ns.iptables.split('\n').filter((l) => l.startsWith('-') || l.startsWith('*') || /^:\S+ \S+/.test(l)).map((l) => l.replace(/ \[\d+:\d+\]$/, '')
        // the design keeps `-m state --state` as the conntrack match it is in the kernel
        .replace(/-m state (! )?--state /g, '-m conntrack $1--ctstate ')),
    };
  }
  return out;
}
