/**
 * The qemu command line and its run. The guest has no network device (`-nic none`, and
 * `-nodefaults` so qemu adds none of its own), no display, no monitor; its serial console goes
 * to a file; it reaches this machine only through two 9p shares: `/` read-only and the job
 * folder read-write. qemu needs no root: TCG unless VNETLAB_VM_ACCEL=kvm (locate.ts). The whole
 * run is bounded by `timeout`, and qemu runs niced in its own process group so an interrupted
 * caller can end it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { GUEST_JOB_DIR, HOST_TAG, JOB_TAG } from './guest-scripts';

export interface QemuPlan {
  qemu: string;
  kernelImage: string;
  initramfs: string;
  /** The job folder (becomes the guest's only writable share). */
  jobDir: string;
  consoleFile: string;
  cpus: number;
  memoryMiB: number;
  kvm: boolean;
}

/** qemu's option values separate sub-options with commas; a comma in a path is doubled. */
function optPath(p: string): string {
  return p.replace(/,/g, ',,');
}

/** The qemu argv (without the program). */
export function qemuArgs(p: QemuPlan): string[] {
  const accel = p.kvm ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,thread=multi', '-cpu', 'max'];
  return [
    '-machine', 'q35', ...accel, '-smp', String(p.cpus), '-m', String(p.memoryMiB),
    '-nodefaults', '-no-user-config', '-display', 'none', '-monitor', 'none', '-nic', 'none', '-no-reboot',
    '-serial', `file:${optPath(p.consoleFile)}`,
    '-kernel', p.kernelImage, '-initrd', p.initramfs,
    '-append', `console=ttyS0 loglevel=4 panic=-1 vnetlab.job=${GUEST_JOB_DIR}`,
    '-virtfs', `local,path=/,mount_tag=${HOST_TAG},security_model=none,readonly=on,multidevs=remap`,
    '-virtfs', `local,path=${optPath(p.jobDir)},mount_tag=${JOB_TAG},security_model=none,multidevs=remap`,
  ];
}

const live = new Set<ChildProcess>();

/** Ends every qemu this process started (their process groups). */
export function killVms(): void {
  for (const c of live) {
    try {
      if (c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}
process.on('exit', killVms);

/** Polled while qemu runs: a reason to end the VM now, or null to let it go on. */
export interface QemuWatch {
  everyMs: number;
  stop: () => string | null;
}

/**
 * Runs qemu to the guest's power-off (or the time limit, or until `watch` says stop);
 * resolves to its exit status, its own messages and, when the watch ended it, why.
 */
export function runQemu(p: QemuPlan, limitSeconds: number, watch?: QemuWatch): Promise<{ code: number | null; output: string; stopped?: string }> {
  const argv = ['--kill-after=15', String(limitSeconds), 'nice', '-n', '10', p.qemu, ...qemuArgs(p)];
  return new Promise((resolve, reject) => {
    const child = spawn('timeout', argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { output += d; });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { output += d; });
    let stopped: string | undefined;
    const timer = watch && setInterval(() => {
      const why = watch.stop();
      if (!why || stopped) return;
      stopped = why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, watch.everyMs);
    const end = () => { if (timer) clearInterval(timer); live.delete(child); };
    child.on('error', (e) => { end(); reject(e); });
    child.on('close', (code) => { end(); resolve({ code, output, ...(stopped ? { stopped } : {}) }); });
  });
}
