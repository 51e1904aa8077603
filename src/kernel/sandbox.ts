/**
 * Throw-away sandboxes: a bash program run as the first process of fresh network, mount and
 * PID namespaces (`unshare --mount --propagation private --net --pid --fork --mount-proc
 * --kill-child`), bounded by `timeout`. When that process ends, the PID namespace kills
 * everything left in it and all network namespaces made inside disappear; nothing is ever
 * configured in the machine's own network namespace. The program receives the caller's
 * namespace ids and must refuse to run if its own are the same (driver-script.ts does).
 *
 * Each sandbox runs in its own process group so that it can be ended, with everything in it,
 * if the caller is interrupted (killSandboxes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';

/** Whole-sandbox limit, seconds (cases normally take seconds). */
export const SANDBOX_TIMEOUT = 900;

export interface SandboxResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const live = new Set<ChildProcess>();
const scratch = new Set<string>();

/** Marks a results folder to remove if this process is interrupted (see killSandboxes). */
export function trackScratch(dir: string): void {
  scratch.add(dir);
}

/** Removes a results folder now and forgets it. */
export function removeScratch(dir: string): void {
  scratch.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** The caller's network and mount namespace inode numbers (what the sandbox must differ from). */
export function rootNamespaceIds(): { net: string; mnt: string } {
  return {
    net: String(statSync('/proc/self/ns/net').ino),
    mnt: String(statSync('/proc/self/ns/mnt').ino),
  };
}

/** True when this process runs as root (namespaces need it). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs `program` (bash text) inside a fresh sandbox and resolves when the sandbox is gone. */
export function runInSandbox(program: string, timeoutSeconds = SANDBOX_TIMEOUT): Promise<SandboxResult> {
  const ids = rootNamespaceIds();
  const argv = [
    '--kill-after=10', String(timeoutSeconds),
    'unshare', '--mount', '--propagation', 'private', '--net', '--pid', '--fork', '--mount-proc', '--kill-child', '--',
    'bash', '--norc', '--noprofile', '-c', program,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('timeout', argv, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, VNETLAB_ROOT_NETNS: ids.net, VNETLAB_ROOT_MNTNS: ids.mnt },
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', (e) => { live.delete(child); reject(e); });
    child.on('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Ends every sandbox this process started (its whole process group) and removes their results folders, e.g. on SIGINT. */
export function killSandboxes(): void {
  for (const child of live) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const dir of [...scratch]) removeScratch(dir);
}

// A process that exits for any reason takes its sandboxes with it.
process.on('exit', killSandboxes);
