/**
 * The kernel a simulation follows. Behaviour that changed between releases (operstate of a
 * device whose lower layer is down, net/core/link_watch.c, changed in 6.2) is chosen by it;
 * the default is the newest kernel the simulator was measured against.
 */
export interface KernelVersion {
  major: number;
  minor: number;
}

/** The newest measured kernel (the Linux 6.18 fixtures). */
export const NEWEST_KERNEL: KernelVersion = { major: 6, minor: 18 };

/** `uname -r` text ("6.1.0-56-amd64", "6.18.44-fc-v782") → its version; undefined when unreadable. */
export function parseKernelRelease(release: string | undefined): KernelVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Whether `k` is `major.minor` or newer. */
export function kernelAtLeast(k: KernelVersion, major: number, minor: number): boolean {
  return k.major > major || (k.major === major && k.minor >= minor);
}
