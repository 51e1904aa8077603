/**
 * One boot, N jobs: `runVmBatch(jobs)` boots the distribution kernel under qemu once, runs
 * every job in the guest with the host's own kernel runner (guest.ts), several sandboxes at
 * once, and returns each job's result in job order. The host's network is never touched:
 * nothing runs on this machine but qemu, the guest has no network device, and its only
 * writable share is a fresh temporary job folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleGuest } from './bundle';
import { guestMain } from './guest-scripts';
import { ensureInitramfs } from './initramfs';
import type { VmJob, VmJobFile, VmJobResult, VmSupportFile } from './job';
import { cacheDir, findQemu, findStaticBusybox, findVmKernel, kvmUsable, VM_PACKAGES, type VmKernel } from './locate';
import { runQemu } from './qemu';

export type { VmJob, VmJobResult } from './job';

/** Modules the guest loads for the device kinds (those the package lacks are skipped). */
export const KIND_MODULES = [
  '8021q', 'ipvlan', 'ipvtap', 'dummy', 'macvlan', 'macvtap', 'tap', 'bridge', 'br_netfilter', 'veth', 'tun', 'vxlan',
  'bonding', 'vrf', 'ip_gre', 'ipip',
] as const;

export interface VmBatchOptions {
  /** Sandboxes at once inside the guest (default VNETLAB_VM_JOBS or 8: most of a case is waiting on pings). */
  parallel?: number;
  /**
   * Hard limit for the whole boot, seconds (default VNETLAB_VM_LIMIT, else 4 hours). It is a
   * last resort: what ends a stuck VM is the watchdog (`stallSeconds`).
   */
  timeoutSeconds?: number;
  /**
   * End the VM when nothing has moved for this long: no console output, no guest heartbeat
   * (every 15 s), no job finished (default VNETLAB_VM_STALL, else 600 s). A slow machine
   * only makes the boot longer; it never ends a guest that is still working.
   */
  stallSeconds?: number;
  /** Guest CPUs and memory (default 2, 2048 MiB). */
  cpus?: number;
  memoryMiB?: number;
  /** Keep the job folder here (must not exist yet or be empty) instead of a removed temporary one. */
  keepDir?: string;
  /** Progress lines (boot steps, each finished job). */
  log?: (line: string) => void;
}

export interface VmTimings {
  /** Seconds spent building or finding the initramfs and bundling the guest program. */
  prepare: number;
  /** Guest uptime when its userland started, when the modules were loaded, when the jobs were done. */
  userland: number | null;
  modules: number | null;
  /** Guest uptime when its Node program started. */
  node: number | null;
  jobs: number | null;
  /** The guest's worst smoothed timer lateness, ms (how starved it was; slowness.ts). */
  lagWorstMs: number | null;
  /** Seconds from starting qemu to its exit. */
  wall: number;
}

export interface VmBatchResult {
  /** One per job, in job order. A job the guest did not finish is an `error` result. */
  results: VmJobResult[];
  kernel: VmKernel;
  /** The guest kernel's link types (kernel-support.ts), or null if it never got that far. */
  support: VmSupportFile | null;
  /** Modules the guest loaded. */
  modules: string[];
  timings: VmTimings;
  /** The end of the serial console, when the guest did not finish. */
  consoleTail?: string;
}

/** What is missing for the VM, with the apt-get line that installs it; empty when ready. */
export function vmMissing(): { missing: string[]; install: string | null } {
  const missing: string[] = [];
  const pkgs = new Set<string>();
  if (!findQemu()) { missing.push('qemu-system-x86_64'); pkgs.add('qemu-system-x86'); }
  if (!findVmKernel()) { missing.push('a kernel image in /boot with its /lib/modules tree'); pkgs.add('linux-image-amd64'); }
  if (!findStaticBusybox()) { missing.push('a statically linked busybox'); pkgs.add('busybox-static'); }
  if (!existsSync('/sbin/modprobe') && !existsSync('/usr/sbin/modprobe') && !existsSync('/usr/bin/modprobe')) { missing.push('modprobe'); pkgs.add('kmod'); }
  const order = VM_PACKAGES.filter((p) => pkgs.has(p));
  return { missing, install: order.length ? `apt-get install ${order.join(' ')}` : null };
}

/** The VM cannot run (a missing piece, named with how to install it). */
export class VmUnavailableError extends Error {}

/** The boot failed as a whole (qemu or the guest did not get to the jobs). */
export class VmBootError extends Error {
  constructor(message: string, readonly consoleTail: string) {
    super(message);
  }
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

function readTimes(dir: string): Record<string, number> {
  const p = join(dir, 'times');
  const out: Record<string, number> = {};
  if (!existsSync(p)) return out;
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined) out[k] = Number(v);
  }
  return out;
}

/** Sandbox runs a batch asks for, counting second looks as they may happen. */
function plannedRuns(jobs: VmJob[]): number {
  return jobs.reduce((n, j) => n + Math.max(1, j.runs ?? 1) + (j.against ? (j.against.extraRuns ?? 2) : 0), 0);
}

/**
 * Boots once and runs `jobs`; resolves when the guest has powered off. Throws
 * VmUnavailableError when a piece is missing and VmBootError when the guest never started
 * its jobs; a job that failed on its own is an `error` or `unsupported` result.
 */
export async function runVmBatch(jobs: VmJob[], options: VmBatchOptions = {}): Promise<VmBatchResult> {
  const log = options.log ?? (() => {});
  const need = vmMissing();
  if (need.missing.length) throw new VmUnavailableError(`the VM needs ${need.missing.join(', ')} (${need.install})`);
  const kernel = findVmKernel()!;
  const qemu = findQemu()!;
  const parallel = Math.max(1, options.parallel ?? (Number(process.env.VNETLAB_VM_JOBS) || 8));

  const t0 = Date.now();
  const initramfs = ensureInitramfs(kernel);
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'vnetlab-vm-'));
  mkdirSync(dir, { recursive: true });
  const removeDir = options.keepDir === undefined;
  try {
    // the guest sees this machine's files at the same paths, but its own working folder is /
    const absolute = jobs.map((j) => ({ ...j, case: { ...j.case, cwd: resolve(j.case.cwd ?? process.cwd()) } }));
    const file: VmJobFile = { parallel, jobs: absolute };
    writeFileSync(join(dir, 'job.json'), JSON.stringify(file));
    writeFileSync(join(dir, 'guest-main.sh'), guestMain({ modules: KIND_MODULES, node: process.execPath }), { mode: 0o755 });
    await bundleGuest(join(dir, 'guest.mjs'));
    const prepare = (Date.now() - t0) / 1000;

    // A run takes 20 s under TCG on a quiet 2-core machine and up to 1300 s on a loaded one:
    // no limit computed from the jobs fits both. The guest bounds every sandbox itself
    // (guest.ts); the host only ends a VM that has stopped moving (watchdog below).
    const limit = options.timeoutSeconds ?? (Number(process.env.VNETLAB_VM_LIMIT) || 4 * 3600);
    const stall = options.stallSeconds ?? (Number(process.env.VNETLAB_VM_STALL) || 600);
    const kvm = kvmUsable();
    log(`vm: booting ${kernel.release} under qemu (${kvm ? 'kvm' : 'tcg'}), ${jobs.length} job(s) (${plannedRuns(jobs)} runs at most), up to ${parallel} sandboxes at once, ended if still for ${stall} s`);
    const started = Date.now();
    const consoleFile = join(dir, 'console.log');
    const q = await runQemu({
      qemu, kernelImage: kernel.image, initramfs: initramfs.path, jobDir: dir, consoleFile,
      cpus: options.cpus ?? 2, memoryMiB: options.memoryMiB ?? 2048, kvm,
    }, limit, { everyMs: 5000, stop: stalled(dir, stall) });
    const wall = (Date.now() - started) / 1000;
    const times = readTimes(dir);
    const consoleText = existsSync(consoleFile) ? readFileSync(consoleFile, 'utf8') : '';
    const supportPath = join(dir, 'support.json');
    const support = existsSync(supportPath) ? (JSON.parse(readFileSync(supportPath, 'utf8')) as VmSupportFile) : null;
    if (support) rememberSupport(kernel.release, support);
    const modulesPath = join(dir, 'modules.txt');
    const modules = existsSync(modulesPath) ? readFileSync(modulesPath, 'utf8').split('\n').filter(Boolean) : [];
    const timings: VmTimings = { prepare, userland: times.userland ?? null, modules: times.modules ?? null, node: times.node ?? null, jobs: times.jobs ?? null, lagWorstMs: times.lag_worst_ms ?? null, wall };

    if (!support) {
      const guestLog = existsSync(join(dir, 'guest.log')) ? readFileSync(join(dir, 'guest.log'), 'utf8') : '';
      const why = q.stopped ?? (q.code === 124 || q.code === 137 ? `the VM did not finish within ${limit} s` : `the VM stopped before running the jobs (qemu exit ${q.code})`);
      throw new VmBootError(`${why}${q.output.trim() ? `: ${tail(q.output.trim(), 5)}` : ''}`, tail(`${consoleText}\n${guestLog}`.trim(), 40));
    }
    const results = jobs.map((j, i): VmJobResult => {
      const p = join(dir, 'results', `${i}.json`);
      if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as VmJobResult;
      const why = q.stopped ? `${q.stopped}, before this job finished` : q.code === 124 || q.code === 137 ? `the VM's time limit (${limit} s) ended before this job finished` : 'the guest stopped before this job finished';
      return { id: j.id, status: 'error', runs: [], error: why, seconds: 0 };
    });
    log(`vm: done in ${wall.toFixed(1)} s (userland at ${timings.userland ?? '?'} s, modules at ${timings.modules ?? '?'} s, node at ${timings.node ?? '?'} s, jobs done at ${timings.jobs ?? '?'} s)`);
    const finished = existsSync(join(dir, 'done'));
    return { results, kernel, support, modules, timings, ...(finished ? {} : { consoleTail: tail(consoleText, 40) }) };
  } finally {
    if (removeDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The watchdog's test: the VM is stuck once none of its progress files changed for `seconds`. */
function stalled(dir: string, seconds: number): () => string | null {
  const files = ['console.log', 'heartbeat', 'progress.log', 'times'].map((f) => join(dir, f));
  let last = '';
  let since = Date.now();
  return () => {
    const now = files.map((f) => {
      try {
        const st = statSync(f);
        return `${st.size}:${st.mtimeMs}`;
      } catch {
        return '-';
      }
    }).join(',');
    if (now !== last) {
      last = now;
      since = Date.now();
      return null;
    }
    return Date.now() - since > seconds * 1000 ? `the VM made no progress for ${seconds} s (no console output, heartbeat or finished job)` : null;
  };
}

function supportFile(release: string): string {
  return join(cacheDir(), release, 'kinds.json');
}

function rememberSupport(release: string, s: VmSupportFile): void {
  try {
    mkdirSync(join(cacheDir(), release), { recursive: true });
    writeFileSync(supportFile(release), `${JSON.stringify(s, null, 1)}\n`);
  } catch {
    // a cache that cannot be written only costs a probe next time
  }
}

/** The VM kernel's link types as measured on its last boot (cache), or null if it never booted here. */
export function rememberedVmSupport(release: string): VmSupportFile | null {
  const p = supportFile(release);
  try {
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as VmSupportFile) : null;
  } catch {
    return null;
  }
}
