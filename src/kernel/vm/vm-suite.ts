/**
 * A kernel test suite that runs its jobs in ONE VM boot: `describeVmBatch(title, jobs, body)`
 * boots once before the tests (beforeAll) and hands every test the results. Like every
 * kernel suite it needs root (describeAsRoot: skipped with a message without it, a failure
 * in CI); and when the VM's pieces are missing it is skipped with the apt-get line, except in
 * CI, where that is a failure too, so the VM is always asked there.
 *
 * Several sources of jobs can share one boot by concatenating their job lists into one
 * describeVmBatch call (each test finds its own results by index or id).
 */
import { beforeAll, describe, it } from 'vitest';
import { describeAsRoot } from '../root-suite';
import { runVmBatch, vmMissing, type VmBatchOptions, type VmBatchResult } from './batch';
import type { VmJob } from './job';

/** What a suite's tests read: the batch, once the boot is over. */
export interface VmBatchHandle {
  /** Resolves when the guest has powered off (rejects when the boot failed). */
  done(): Promise<VmBatchResult>;
}

/** Declares a suite whose `jobs` run in one boot; `body` declares the tests, reading `h.done()`. */
export function describeVmBatch(
  title: string,
  jobs: () => VmJob[],
  body: (h: VmBatchHandle) => void,
  options: VmBatchOptions = {},
): void {
  describeAsRoot(title, () => {
    const need = vmMissing();
    if (need.missing.length) {
      const why = `the VM needs ${need.missing.join(', ')} (${need.install})`;
      if (process.env.CI) {
        describe(title, () => {
          it('has a VM to boot', () => {
            throw new Error(`${why}; CI must run the VM kernel tests (scripts/system-deps.sh installs it)`);
          });
        });
        return;
      }
      console.warn(`${title}: skipped: ${why}`);
      describe.skip(`${title} (no VM: ${why})`, () => {
        it('skipped', () => {});
      });
      return;
    }
    let batch: Promise<VmBatchResult> | null = null;
    const handle: VmBatchHandle = {
      done: () => batch ?? Promise.reject(new Error('the VM batch has not started')),
    };
    describe(title, () => {
      beforeAll(() => {
        batch = runVmBatch(jobs(), { log: (l) => console.log(l), ...options });
        batch.catch(() => {});
      });
      body(handle);
    });
  });
}
