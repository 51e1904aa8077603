/**
 * The guest's initramfs: a static busybox, the few modules needed to reach this machine's
 * file tree (virtio-pci, 9p, overlayfs, resolved with `modprobe --show-depends` from the
 * kernel package's own module tree) and the init of guest-scripts.ts. About 1.4 MB. It is
 * cached under the cache folder, keyed by the kernel release and a hash of what went in, so
 * a boot normally reuses it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpioArchive, type CpioEntry } from './cpio';
import { initScript } from './guest-scripts';
import { cacheDir, findStaticBusybox, moduleFiles, type VmKernel } from './locate';

/** Modules the init loads to mount the host's tree: virtio transport, 9p, overlay. */
export const INIT_MODULES = ['virtio_pci', '9pnet_virtio', '9p', 'overlay'] as const;

/** busybox applets the init uses. */
const APPLETS = ['sh', 'mount', 'umount', 'mkdir', 'insmod', 'switch_root', 'sleep', 'cat', 'echo', 'ls'];

export interface Initramfs {
  path: string;
  /** True when it was built now, false when the cached one was used. */
  built: boolean;
  bytes: number;
  modules: string[];
}

/** Builds (or reuses) the initramfs for `kernel`; throws with an install hint when a piece is missing. */
export function ensureInitramfs(kernel: VmKernel, dir = cacheDir()): Initramfs {
  const busybox = findStaticBusybox();
  if (!busybox) throw new Error('no statically linked busybox (apt-get install busybox-static)');
  const files = moduleFiles(kernel.release, INIT_MODULES);
  const names = files.map((f) => basename(f));
  const init = initScript(names);
  const bb = statSync(busybox);
  const key = createHash('sha256')
    .update(JSON.stringify({ init, files, busybox, size: bb.size, mtime: bb.mtimeMs }))
    .digest('hex')
    .slice(0, 12);
  const path = join(dir, kernel.release, `initramfs-${key}.cpio.gz`);
  if (existsSync(path)) return { path, built: false, bytes: statSync(path).size, modules: names };

  const entries: CpioEntry[] = [
    ...['bin', 'dev', 'proc', 'sys', 'mods', 'lower', 'rw', 'newroot'].map((p) => ({ type: 'dir' as const, path: p })),
    { type: 'char', path: 'dev/console', major: 5, minor: 1, mode: 0o600 },
    { type: 'char', path: 'dev/null', major: 1, minor: 3, mode: 0o666 },
    { type: 'file', path: 'bin/busybox', data: readFileSync(busybox), mode: 0o755 },
    ...APPLETS.map((a) => ({ type: 'symlink' as const, path: `bin/${a}`, target: 'busybox' })),
    ...files.map((f) => ({ type: 'file' as const, path: `mods/${basename(f)}`, data: readFileSync(f) })),
    { type: 'file', path: 'init', data: Buffer.from(init), mode: 0o755 },
  ];
  const gz = gzipSync(cpioArchive(entries), { level: 9 });
  mkdirSync(join(dir, kernel.release), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, gz);
  renameSync(tmp, path);
  return { path, built: true, bytes: gz.length, modules: names };
}
