/**
 * The guest's Node entry (bundled by bundle.ts, run by guestMain in guest-scripts.ts):
 * runs the job folder's jobs with the host's own kernel runner (run-case.ts: the same
 * sandbox, driver script and observation parsing as on the host), several sandboxes at
 * once, and writes each result as it finishes. Only the guest's kernel differs.
 *
 *   node guest.mjs JOBDIR
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { release, version } from 'node:os';
import { join } from 'node:path';
import { diffObservations, type DiffItem } from '../../core/observation/diff';
import type { Observation } from '../../core/observation/types';
import { compareWithSimulator } from '../compare';
import { kernelSupport } from '../kernel-support';
import type { KernelObservation } from '../observation';
import { adaptiveLimiter } from '../pool';
import { runKernelCase, UnsupportedKernelError } from '../run-case';
import { SANDBOX_TIMEOUT } from '../sandbox';
import { watchSlowness } from './slowness';
import type { VmJob, VmJobFile, VmJobResult, VmSupportFile } from './job';

/**
 * The guest's harness budgets (setup, world commands, the whole sandbox) are this many times
 * the host's: under TCG on a loaded 2-core machine a case took up to 1300 s, past the host's
 * 900 s sandbox limit. They only stop a runaway script; the boot's own limit is the host's
 * progress watchdog (batch.ts).
 */
const GUEST_BUDGET_SCALE = 4;

function writeJson(path: string, value: unknown): void {
  writeFileSync(`${path}.part`, `${JSON.stringify(value)}\n`);
  renameSync(`${path}.part`, path);
}

function differ(job: VmJob): ((obs: Observation) => DiffItem[]) | null {
  const a = job.against;
  if (!a) return null;
  if (a.as === 'simulator') return (obs) => compareWithSimulator(obs, a.observation, { states: a.states }).diff;
  return (obs) => diffObservations(a.observation, obs, { states: a.states });
}

async function runJob(job: VmJob, sandbox: <T>(task: () => Promise<T>) => Promise<T>): Promise<VmJobResult> {
  // timed from its first sandbox's start, not from the wait for a free one
  let t0: number | undefined;
  const once = () => sandbox(() => {
    t0 ??= Date.now();
    return runKernelCase({ ...job.case, budgetScale: job.case.budgetScale ?? GUEST_BUDGET_SCALE }, SANDBOX_TIMEOUT * GUEST_BUDGET_SCALE);
  });
  const seconds = () => (t0 === undefined ? 0 : (Date.now() - t0) / 1000);
  try {
    const runs: KernelObservation[] = await Promise.all(Array.from({ length: Math.max(1, job.runs ?? 1) }, once));
    const d = differ(job);
    if (!d) return { id: job.id, status: 'ok', runs, seconds: seconds() };
    // an item is a difference only when every run disagrees on it (second-look.ts)
    let diff = d(runs[0]);
    for (const r of runs.slice(1)) {
      const still = new Set(d(r).map((x) => x.path));
      diff = diff.filter((x) => still.has(x.path));
    }
    for (let i = 0; i < (job.against!.extraRuns ?? 2) && diff.length; i++) {
      const r = await once();
      runs.push(r);
      const still = new Set(d(r).map((x) => x.path));
      diff = diff.filter((x) => still.has(x.path));
    }
    return { id: job.id, status: 'ok', runs, diff, seconds: seconds() };
  } catch (e) {
    if (e instanceof UnsupportedKernelError) return { id: job.id, status: 'unsupported', runs: [], reasons: e.reasons, seconds: seconds() };
    return { id: job.id, status: 'error', runs: [], error: (e as Error).message, seconds: seconds() };
  }
}

async function main(dir: string): Promise<void> {
  writeFileSync(join(dir, 'times'), `node ${readFileSync('/proc/uptime', 'utf8').split(' ')[0]}\n`, { flag: 'a' });
  const file = JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8')) as VmJobFile;
  const results = join(dir, 'results');
  mkdirSync(results, { recursive: true });
  // the link types are probed once (kernel-support.ts caches them per process); cases that
  // need one wait for it, the others start at once
  const probed = kernelSupport(GUEST_BUDGET_SCALE).then((support) => {
    const s: VmSupportFile = { release: release(), version: version(), kinds: {} };
    for (const [k, v] of support) s.kinds[k] = { supported: v.supported, ...(v.error ? { error: v.error } : {}) };
    writeJson(join(dir, 'support.json'), s);
  });

  // fewer sandboxes at once while the guest is starved (slowness.ts)
  const slow = watchSlowness(Math.max(1, file.parallel));
  const sandbox = adaptiveLimiter(() => slow.parallel());
  // the host's watchdog ends the VM only when nothing has moved for minutes (batch.ts)
  const beat = setInterval(() => writeFileSync(join(dir, 'heartbeat'), `${readFileSync('/proc/uptime', 'utf8').split(' ')[0]}\n`), 15_000);
  await Promise.all([probed, ...file.jobs.map(async (job, i) => {
    const r = await runJob(job, sandbox);
    writeJson(join(results, `${i}.json`), r);
    const line = `${new Date().toISOString().slice(11, 19)} ${i} ${r.status} ${r.seconds.toFixed(1)}s ${job.id} (timer lag ${slow.lagMs().toFixed(0)} ms, ${slow.parallel()} at once)\n`;
    writeFileSync(join(dir, 'progress.log'), line, { flag: 'a' });
  })]);
  slow.stop();
  clearInterval(beat);
  writeFileSync(join(dir, 'times'), `lag_worst_ms ${slow.worstLagMs().toFixed(0)}\n`, { flag: 'a' });
  writeFileSync(join(dir, 'done'), 'done\n');
}

main(process.argv[2] ?? '/vnetlab-job').then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`vnetlab guest: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
