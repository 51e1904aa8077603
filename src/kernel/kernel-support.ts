/**
 * Which link types the running kernel can create, probed once per process in a throw-away
 * sandbox (like shared/conformance/lib/kernel-support.sh), and which of them a script
 * needs. A case needing a type the kernel lacks cannot be verified: running it would give
 * an observation of a different network, so verify refuses with the kernel's own error.
 */
import { runInSandbox } from './sandbox';

export interface FeatureProbe {
  /** The `type` word of `ip link add` (or `tap`, `tun`, `bridge vlan_filtering`). */
  key: string;
  /** The command that creates one (in a sandbox with veth pairs a0/a1 … h0/h1 present). */
  command: string;
}

/** The features probed, each on its own veth pair so that no two interfere. */
export const FEATURE_PROBES: FeatureProbe[] = [
  { key: 'veth', command: 'ip link add t-veth type veth peer name t-veth1' },
  { key: 'bridge', command: 'ip link add t-br type bridge' },
  { key: 'bridge vlan_filtering', command: 'ip link add t-brv type bridge vlan_filtering 1' },
  { key: 'macvlan', command: 'ip link add link a0 name t-mv type macvlan mode bridge' },
  { key: 'macvtap', command: 'ip link add link b0 name t-mvt type macvtap mode bridge' },
  { key: 'ipvlan', command: 'ip link add link c0 name t-ipv type ipvlan mode l2' },
  { key: 'ipvtap', command: 'ip link add link d0 name t-ipvt type ipvtap' },
  { key: 'vlan', command: 'ip link add link e0 name t-vlan type vlan id 10' },
  { key: 'vxlan', command: 'ip link add t-vx type vxlan id 42 dstport 4789' },
  { key: 'dummy', command: 'ip link add t-dummy type dummy' },
  { key: 'bond', command: 'ip link add t-bond type bond' },
  { key: 'team', command: 'ip link add t-team type team' },
  { key: 'vrf', command: 'ip link add t-vrf type vrf table 10' },
  { key: 'ifb', command: 'ip link add t-ifb type ifb' },
  { key: 'gre', command: 'ip link add t-gre type gre remote 10.9.9.9 local 10.9.9.8' },
  { key: 'gretap', command: 'ip link add t-gretap type gretap remote 10.9.9.9 local 10.9.9.8' },
  { key: 'ipip', command: 'ip link add t-ipip type ipip remote 10.9.9.9 local 10.9.9.8' },
  { key: 'geneve', command: 'ip link add t-gnv type geneve id 5 remote 10.9.9.9' },
  { key: 'macsec', command: 'ip link add link f0 t-msec type macsec' },
  { key: 'netkit', command: 'ip link add t-nk type netkit' },
  { key: 'tap', command: 'ip tuntap add dev t-tap mode tap' },
  { key: 'tun', command: 'ip tuntap add dev t-tun mode tun' },
];

export interface FeatureSupport {
  supported: boolean;
  /** The command tried and, if it failed, the last line it printed. */
  command: string;
  error?: string;
}

export type KernelSupport = Map<string, FeatureSupport>;

function probeProgram(scale: number): string {
  const t = Math.round(10 * scale);
  const L = [
    'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH',
    '[ "$(stat -L -c %i /proc/self/ns/net)" != "$VNETLAB_ROOT_NETNS" ] || { echo "refusing: root netns" >&2; exit 3; }',
    '[ "$(stat -L -c %i /proc/self/ns/mnt)" != "$VNETLAB_ROOT_MNTNS" ] || { echo "refusing: root mntns" >&2; exit 3; }',
    `timeout ${t} mount -t sysfs vnetlab-sysfs /sys || exit 3`,
    `for x in a b c d e f; do timeout ${t} ip link add \${x}0 type veth peer name \${x}1 || exit 3; done`,
  ];
  for (const f of FEATURE_PROBES) {
    L.push(
      `if err=$(timeout ${t} ${f.command} 2>&1); then printf '%s\\tyes\\n' '${f.key}';`
        + ` else printf '%s\\tNO\\t%s\\n' '${f.key}' "$(echo "$err" | tail -1)"; fi`,
    );
  }
  return L.join('\n') + '\n';
}

let cached: Promise<KernelSupport> | null = null;

/**
 * The running kernel's support for each FEATURE_PROBES key (probed once per process; the
 * first call's `budgetScale` stretches the probe's limits, as a slow VM guest needs: a
 * command cut short by its limit would read as a kind the kernel lacks).
 */
export function kernelSupport(budgetScale = 1): Promise<KernelSupport> {
  const scale = Math.max(1, budgetScale);
  cached ??= (async () => {
    const r = await runInSandbox(probeProgram(scale), Math.round(60 * scale));
    if (r.code !== 0) throw new Error(`cannot probe the kernel's link types: ${r.stderr.trim() || `exit ${r.code}`}`);
    const out: KernelSupport = new Map();
    for (const line of r.stdout.split('\n')) {
      const [key, verdict, error] = line.split('\t');
      const probe = FEATURE_PROBES.find((f) => f.key === key);
      if (!probe) continue;
      out.set(key, { supported: verdict === 'yes', command: probe.command, error: verdict === 'yes' ? undefined : error });
    }
    return out;
  })();
  cached.catch(() => { cached = null; });
  return cached;
}

/** `ip link add link a0 name t-mv type macvlan …` → `ip link add … type macvlan …`: names are the probe's own. */
function shortCommand(command: string): string {
  return command.replace(/ add .*? (type|mode) /, ' add … $1 ');
}

/** The FEATURE_PROBES keys a bash script uses (`ip link add … type T`, `ip tuntap add … mode M`). */
export function requiredFeatures(script: string): string[] {
  const need = new Set<string>();
  for (const raw of script.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    for (const cmd of line.split(/;|&&|\|\|/)) {
      if (/\bip\b.*\blink\s+(add|set)\b/.test(cmd) && /\bvlan_filtering\s+1\b/.test(cmd)) need.add('bridge vlan_filtering');
      const add = /\bip\b.*\blink\s+add\b.*?\btype\s+(\S+)/.exec(cmd);
      if (add) need.add(add[1].replace(/^['"]|['"]$/g, ''));
      const tt = /\bip\b.*\btuntap\s+add\b.*?\bmode\s+(\S+)/.exec(cmd);
      if (tt) need.add(tt[1].replace(/^['"]|['"]$/g, ''));
    }
  }
  return [...need].filter((k) => FEATURE_PROBES.some((f) => f.key === k));
}

/** Plain-language reasons the kernel cannot run `script` (empty when it can). */
export async function unsupportedFeatures(script: string): Promise<string[]> {
  const need = requiredFeatures(script);
  if (!need.length) return [];
  const support = await kernelSupport();
  const out: string[] = [];
  for (const key of need) {
    const s = support.get(key);
    if (s && !s.supported) out.push(`this kernel has no ${key} support (${shortCommand(s.command)}: ${s.error ?? 'failed'}); cannot verify`);
  }
  return out;
}
