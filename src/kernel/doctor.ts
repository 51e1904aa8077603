/**
 * What this machine offers for verifying designs: the host kernel and its link types, the
 * VM kernel and its link types, and the tools the suite and `verify` use, each with the
 * Debian package that provides it. Used by `vnetlab doctor`.
 */
import { execFileSync } from 'node:child_process';
import { release, version } from 'node:os';
import { FEATURE_PROBES, kernelSupport } from './kernel-support';
import { isRoot } from './sandbox';
import { rememberedVmSupport, runVmBatch } from './vm/batch';
import { findProgram, findQemu, findStaticBusybox, findVmKernel, kvmUsable, VM_PACKAGES } from './vm/locate';

export interface ToolCheck {
  name: string;
  /** What it is for, in a few words. */
  use: string;
  path: string | null;
  /** The Debian package that installs it. */
  pkg: string;
}

export interface KindsReport {
  /** Where the verdicts come from: a probe now, the last boot, or only the module tree. */
  source: 'probed' | 'last boot' | 'module tree' | 'not probed';
  note?: string;
  kinds: { key: string; supported: boolean; why?: string }[];
}

export interface DoctorReport {
  host: { release: string; version: string; root: boolean; kinds: KindsReport };
  vm: { kernel: { image: string; release: string } | null; accel: 'tcg' | 'kvm'; kinds: KindsReport | null };
  tools: ToolCheck[];
  /** apt-get lines for what is missing. */
  install: string[];
}

/** Kernel modules that provide each probed link type (for the module-tree answer). */
const KIND_MODULE: Record<string, string> = {
  veth: 'veth', bridge: 'bridge', 'bridge vlan_filtering': 'bridge', macvlan: 'macvlan', macvtap: 'macvtap',
  ipvlan: 'ipvlan', ipvtap: 'ipvtap', vlan: '8021q', vxlan: 'vxlan', dummy: 'dummy', bond: 'bonding', team: 'team',
  vrf: 'vrf', ifb: 'ifb', gre: 'ip_gre', geneve: 'geneve', macsec: 'macsec', netkit: 'netkit', tap: 'tun', tun: 'tun',
};

function moduleTreeKinds(rel: string): KindsReport {
  const modprobe = findProgram('modprobe');
  const kinds = FEATURE_PROBES.map((f) => {
    const mod = KIND_MODULE[f.key];
    if (!modprobe || !mod) return { key: f.key, supported: false, why: 'unknown' };
    try {
      execFileSync(modprobe, ['-S', rel, '--show-depends', mod], { stdio: ['ignore', 'pipe', 'ignore'] });
      return { key: f.key, supported: true };
    } catch {
      return { key: f.key, supported: false, why: `no ${mod} module` };
    }
  });
  return { source: 'module tree', note: 'modules present in the package; `vnetlab doctor --vm` boots the VM and probes', kinds };
}

function tools(): ToolCheck[] {
  const t = (name: string, use: string, pkg: string, path = findProgram(name)): ToolCheck => ({ name, use, path, pkg });
  return [
    t('ip', 'build networks (verify)', 'iproute2'),
    t('bridge', 'bridge FDB and VLANs', 'iproute2'),
    t('iptables', 'filter and NAT rules', 'iptables'),
    t('ping', 'probes', 'iputils-ping'),
    t('arping', 'probes', 'arping'),
    t('tcpdump', 'captures', 'tcpdump'),
    t('unshare', 'throw-away sandboxes', 'util-linux'),
    t('qemu-system-x86_64', 'the VM (verify --vm)', 'qemu-system-x86', findQemu()),
    t('busybox', 'the VM initramfs (static build)', 'busybox-static', findStaticBusybox()),
    t('modprobe', 'the VM modules', 'kmod'),
    t('shellcheck', 'checking exported scripts', 'shellcheck'),
    t('chromium', 'browser tests', 'chromium', findProgram('chromium') ?? findProgram('chromium-browser')),
  ];
}

/** Gathers the report; `bootVm` boots the VM once to probe its link types. */
export async function doctorReport(opts: { bootVm?: boolean } = {}): Promise<DoctorReport> {
  const root = isRoot();
  let hostKinds: KindsReport;
  if (!root) hostKinds = { source: 'not probed', note: 'probing needs root (a throw-away sandbox); run with sudo', kinds: [] };
  else {
    try {
      const s = await kernelSupport();
      hostKinds = { source: 'probed', kinds: [...s].map(([key, v]) => ({ key, supported: v.supported, ...(v.error ? { why: v.error } : {}) })) };
    } catch (e) {
      hostKinds = { source: 'not probed', note: (e as Error).message, kinds: [] };
    }
  }
  const k = findVmKernel();
  let vmKinds: KindsReport | null = null;
  if (k) {
    let remembered = rememberedVmSupport(k.release);
    let note: string | undefined;
    if (opts.bootVm) {
      try {
        remembered = (await runVmBatch([])).support;
      } catch (e) {
        note = `the VM probe failed: ${(e as Error).message}`;
      }
    }
    vmKinds = remembered
      ? { source: opts.bootVm && !note ? 'probed' : 'last boot', kinds: Object.entries(remembered.kinds).map(([key, v]) => ({ key, supported: v.supported, ...(v.error ? { why: v.error } : {}) })) }
      : moduleTreeKinds(k.release);
    if (note) vmKinds.note = note;
  }
  const ts = tools();
  const missing = new Set(ts.filter((x) => !x.path).map((x) => x.pkg));
  if (!k) missing.add('linux-image-amd64');
  const pkgs = [...missing];
  const vmPkgs = pkgs.filter((p) => (VM_PACKAGES as readonly string[]).includes(p));
  const other = pkgs.filter((p) => !vmPkgs.includes(p));
  const install: string[] = [];
  if (other.length) install.push(`apt-get install --no-install-recommends ${other.join(' ')}`);
  if (vmPkgs.length) install.push(`INITRD=No apt-get install --no-install-recommends ${vmPkgs.join(' ')}   # for verify --vm`);
  return {
    host: { release: release(), version: version(), root, kinds: hostKinds },
    vm: { kernel: k ? { image: k.image, release: k.release } : null, accel: kvmUsable() ? 'kvm' : 'tcg', kinds: vmKinds },
    tools: ts,
    install,
  };
}

function kindsLines(r: KindsReport | null): string[] {
  if (!r) return ['    (no VM kernel)'];
  const out: string[] = [];
  if (r.kinds.length) {
    const yes = r.kinds.filter((x) => x.supported).map((x) => x.key);
    const no = r.kinds.filter((x) => !x.supported);
    out.push(`    yes: ${yes.join(', ') || '(none)'}`);
    if (no.length) out.push(`    no:  ${no.map((x) => x.key).join(', ')}`);
  }
  out.push(`    (${r.source}${r.note ? `: ${r.note}` : ''})`);
  return out;
}

/** The report for people. */
export function formatDoctor(r: DoctorReport): string[] {
  const out: string[] = [];
  out.push(`host kernel: ${r.host.release} (${r.host.version})${r.host.root ? '' : ', not root'}`);
  out.push('  link types on the host kernel:', ...kindsLines(r.host.kinds));
  if (r.vm.kernel) out.push(`VM kernel: ${r.vm.kernel.release} (${r.vm.kernel.image}), under qemu with ${r.vm.accel}`);
  else out.push('VM kernel: none found (a /boot/vmlinuz-* with its /lib/modules tree)');
  out.push('  link types in the VM:', ...kindsLines(r.vm.kinds));
  out.push('tools:');
  for (const t of r.tools) out.push(`  ${t.path ? 'ok     ' : 'MISSING'} ${t.name.padEnd(20)} ${t.use}${t.path ? ` (${t.path})` : ` — package ${t.pkg}`}`);
  if (r.install.length) out.push('to install what is missing (as root):', ...r.install.map((l) => `  ${l}`));
  else out.push('nothing missing');
  return out;
}
