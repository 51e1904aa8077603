/**
 * Where the VM's pieces are on this machine: a distribution kernel with its module tree,
 * qemu, a static busybox, and the cache folder for built initramfs images. Nothing here
 * changes the machine; every lookup is a file test or a PATH search.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Debian packages the VM needs, for "how to install" messages. */
export const VM_PACKAGES = ['qemu-system-x86', 'linux-image-amd64', 'busybox-static', 'kmod'] as const;

/** A program on PATH (or one of the usual system folders), or null. */
export function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** Sorts kernel releases like `ls -v`: numeric parts by value. */
function compareReleases(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export interface VmKernel {
  /** The bzImage passed to qemu with -kernel. */
  image: string;
  /** `uname -r` of that kernel, e.g. 6.1.0-57-amd64. */
  release: string;
  /** Its module tree, /lib/modules/RELEASE. */
  modules: string;
}

/**
 * The kernel the VM boots: VNETLAB_VM_KERNEL (a vmlinuz path) if set, else the newest
 * /boot/vmlinuz-* that has a module tree. Null when there is none.
 */
export function findVmKernel(env: NodeJS.ProcessEnv = process.env): VmKernel | null {
  const candidates: string[] = [];
  if (env.VNETLAB_VM_KERNEL) candidates.push(env.VNETLAB_VM_KERNEL);
  else if (existsSync('/boot')) {
    const names = readdirSync('/boot').filter((n) => n.startsWith('vmlinuz-')).sort(compareReleases).reverse();
    candidates.push(...names.map((n) => join('/boot', n)));
  }
  for (const image of candidates) {
    const release = image.replace(/^.*\/vmlinuz-/, '');
    const modules = join('/lib/modules', release);
    if (existsSync(image) && existsSync(join(modules, 'modules.dep'))) return { image, release, modules };
  }
  return null;
}

/** True when the file is a statically linked ELF executable (no PT_INTERP program header). */
export function isStaticElf(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(64);
    if (readSync(fd, head, 0, 64, 0) < 64 || head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2) return false;
    const phoff = Number(head.readBigUInt64LE(32));
    const phentsize = head.readUInt16LE(54);
    const phnum = head.readUInt16LE(56);
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 3) return false; // PT_INTERP
    return true;
  } finally {
    closeSync(fd);
  }
}

/** A statically linked busybox (Debian's busybox-static installs it as /bin/busybox), or null. */
export function findStaticBusybox(): string | null {
  for (const p of [process.env.VNETLAB_VM_BUSYBOX, findProgram('busybox'), '/bin/busybox', '/usr/bin/busybox']) {
    if (p && isStaticElf(p)) return p;
  }
  return null;
}

/** qemu for x86-64 guests, or null. */
export function findQemu(): string | null {
  return findProgram('qemu-system-x86_64');
}

/** Where built initramfs images and the VM kernel's probed link types are kept. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VNETLAB_CACHE_DIR) return env.VNETLAB_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'vnetlab', 'vm');
}

/** KVM can be used: the device exists, this user may open it, and VNETLAB_VM_ACCEL does not say tcg. */
export function kvmUsable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.VNETLAB_VM_ACCEL !== 'kvm') return false; // see README: KVM is opt-in
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The project's root folder (where package.json is), found from this module's location. */
export function projectRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'src', 'kernel'))) return d;
    const up = dirname(d);
    if (up === d) throw new Error('cannot find the vnetlab project folder');
    d = up;
  }
}

/** The module files (dependency order, no duplicates) `modprobe -S RELEASE --show-depends` lists for `names`. */
export function moduleFiles(release: string, names: readonly string[]): string[] {
  const modprobe = findProgram('modprobe');
  if (!modprobe) throw new Error('modprobe not found (apt-get install kmod)');
  const out = execFileSync(modprobe, ['-S', release, '--show-depends', '-a', ...names], { encoding: 'utf8' });
  const seen = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^insmod (\S+)/.exec(line.trim());
    if (m && !seen.has(m[1])) seen.add(m[1]);
  }
  return [...seen];
}
