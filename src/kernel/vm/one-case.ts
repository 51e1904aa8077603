/**
 * One case in the VM, for `verify --vm`: a batch of one, with the repeated runs and the
 * second looks done inside the same boot, merged like runKernelCaseRepeated does.
 */
import { mergeObservations } from '../../core/observation/diff-merge';
import type { Observation } from '../../core/observation/types';
import { KernelRunError, UnsupportedKernelError, type KernelCase } from '../run-case';
import { runVmBatch, type VmBatchOptions } from './batch';
import type { VmJob } from './job';

/** The kernel's observation of `c` in the VM (several runs merged, what differs marked unstable). */
export async function runCaseInVm(
  c: KernelCase,
  opts: { runs?: number; against?: VmJob['against']; batch?: VmBatchOptions } = {},
): Promise<{ kernel: Observation; release: string }> {
  const b = await runVmBatch([{ id: c.name, case: c, runs: opts.runs, against: opts.against }], opts.batch);
  const r = b.results[0];
  if (r.status === 'unsupported') throw new UnsupportedKernelError((r.reasons ?? []).map((x) => x.replace(/^this kernel /, 'the VM kernel ')));
  if (r.status === 'error') throw new KernelRunError(`in the VM: ${r.error}`);
  return { kernel: r.runs.length > 1 ? mergeObservations(r.runs) : r.runs[0], release: b.kernel.release };
}
