/**
 * Several designs measured in one boot of a distribution kernel under qemu: case folders
 * (topology.sh, probes.txt) are written to a scratch folder, the VM runs each in its own
 * sandbox and writes the observation as NAME.1.json. Root only (the sandboxes inside the
 * guest are made by root's harness; qemu itself needs no root). Nothing on this machine's
 * network changes: the guest has no network device.
 *
 * The runner is the qemu recipe in `VNETLAB_VM_RECIPE` (default: the shared conformance
 * recipe beside the repository, `../shared/conformance/vm/run-in-vm.sh`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeObservations } from '../core/observation/diff-merge';
import type { Observation } from '../core/observation/types';

export interface VmCase {
  /** Folder name: letters, digits, `-` and `_`. */
  name: string;
  script: string;
  probes: string;
}

export interface VmBatchResult {
  /** Observations by case name (missing when the guest produced none for a case). */
  observations: Map<string, Observation>;
  /** What the guest said about a case without an observation. */
  errors: Map<string, string>;
  /** Wall-clock seconds of the boot (reported, never asserted). */
  seconds: number;
  log: string;
}

/** The qemu recipe, or undefined when this machine has none. */
export function vmRecipe(): string | undefined {
  const candidates = [process.env.VNETLAB_VM_RECIPE, resolve(process.cwd(), '../shared/conformance/vm/run-in-vm.sh'), '/work/shared/conformance/vm/run-in-vm.sh'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  return found && realpathSync(found);
}

/** Why VM cases cannot run here, or undefined when they can. */
export function vmUnavailable(): string | undefined {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'needs root (the guest runs the sandbox harness as root)';
  if (!vmRecipe()) return 'no qemu recipe (set VNETLAB_VM_RECIPE)';
  const kernels = existsSync('/boot') ? readDirSafe('/boot').filter((f) => f.startsWith('vmlinuz-')) : [];
  if (!kernels.length) return 'no distribution kernel in /boot (apt-get install linux-image-amd64)';
  const path = (process.env.PATH ?? '').split(':');
  if (!path.some((p) => existsSync(join(p, 'qemu-system-x86_64')))) return 'no qemu-system-x86_64 (apt-get install qemu-system-x86)';
  return undefined;
}

function readDirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Runs the cases in one boot with `jobs` sandboxes at once inside the guest, each `runs`
 * times; several runs are merged (mergeObservations: what differs between runs is listed
 * as unstable, as conformance fixtures are measured).
 */
export async function runVmBatch(cases: VmCase[], jobs = 8, runs = 1, limitSeconds?: number): Promise<VmBatchResult> {
  const recipe = vmRecipe();
  if (!recipe) throw new Error('no qemu recipe (set VNETLAB_VM_RECIPE)');
  // the guest sees this machine's file tree read-only, but has its own tmpfs on /tmp and
  // /var/tmp: the cases go where it can read them
  const base = process.env.VNETLAB_VM_TMP ?? resolve('node_modules/.cache/vnetlab-vm');
  mkdirSync(base, { recursive: true });
  const work = mkdtempSync(join(base, 'batch-'));
  const out = join(work, 'out');
  mkdirSync(out);
  const dirs = cases.map((c) => {
    const dir = join(work, c.name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'topology.sh'), c.script);
    writeFileSync(join(dir, 'probes.txt'), c.probes);
    return dir;
  });
  // a case takes 30-250 s under TCG (more on a loaded machine): the boot's hard limit
  const limit = limitSeconds ?? Math.min(7200, 240 + Math.ceil((cases.length * runs) / jobs) * 300);
  const started = process.hrtime.bigint();
  const log = await new Promise<string>((done, fail) => {
    const p = spawn('bash', [recipe, '-j', String(jobs), '-r', String(runs), '-t', String(limit), '-o', out, ...dirs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    p.stdout.on('data', (b: Buffer) => (text += b.toString()));
    p.stderr.on('data', (b: Buffer) => (text += b.toString()));
    p.on('error', fail);
    p.on('close', () => done(text));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const observations = new Map<string, Observation>();
  const errors = new Map<string, string>();
  for (const c of cases) {
    const got: Observation[] = [];
    for (let run = 1; run <= runs; run++) {
      const f = join(out, `${c.name}.${run}.json`);
      const text = existsSync(f) ? readFileSync(f, 'utf8') : '';
      if (text.trim()) got.push(JSON.parse(text) as Observation);
    }
    if (got.length === runs) observations.set(c.name, runs > 1 ? mergeObservations(got) : got[0]);
    else {
      const err = join(out, `${c.name}.1.err`);
      errors.set(c.name, existsSync(err) ? readFileSync(err, 'utf8').trim() : 'no result file');
    }
  }
  if (!process.env.VNETLAB_VM_KEEP) rmSync(work, { recursive: true, force: true });
  return { observations, errors, seconds, log };
}
