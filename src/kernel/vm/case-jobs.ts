/**
 * Conformance case folders as VM jobs, and their verdicts: shared by the VM conformance
 * test (a fixed sample, in CI) and `npm run vm:conformance` (every case, outside CI).
 */
import { formatDiff } from '../../core/observation/diff-format';
import { readCaseDir, type CaseDir } from '../case-dir';
import type { KernelCase } from '../run-case';
import type { VmJob, VmJobResult } from './job';

/** A job that runs the case and compares it with its expected.json, with second looks. */
export function caseJob(c: CaseDir): VmJob {
  if (!c.expected) throw new Error(`${c.dir}: no expected.json`);
  const kc: KernelCase = { name: c.name, script: c.script, probes: c.probes, cwd: c.cwd, scriptFile: c.scriptFile, probesFile: c.probesFile };
  return { id: c.name, case: kc, against: { observation: c.expected, as: 'expected' } };
}

/** The jobs of these case folders. */
export function caseJobs(dirs: string[]): { cases: CaseDir[]; jobs: VmJob[] } {
  const cases = dirs.map(readCaseDir);
  return { cases, jobs: cases.map(caseJob) };
}

/** '' when the case agrees, else what differs (or why it did not run), for people. */
export function caseVerdict(c: CaseDir, r: VmJobResult): string {
  if (r.status === 'unsupported') return `the VM kernel cannot run it: ${(r.reasons ?? []).join('; ')}`;
  if (r.status === 'error') return `the run failed: ${r.error}`;
  if (!r.diff?.length) return '';
  const runs = r.runs.length > 1 ? ` (in every one of ${r.runs.length} runs)` : '';
  return `differs from expected.json${runs}:\n${formatDiff(r.diff, c.expected!, r.runs[0], { expected: 'expected', observed: 'vm kernel' }).join('\n')}`;
}
