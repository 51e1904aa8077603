/**
 * A script written by `vnetlab export`, run on the kernel, behaves like the design it came
 * from: for every conformance case, the design imported from topology.sh is exported, the
 * exported script (with its world header) is run in a sandbox with the case's probes, and
 * every ping/arping verdict (ok, error kind, error source) equals the one the kernel gave for
 * the original script.
 */
import { expect, it } from 'vitest';
import { exportDesign } from '../core/iproute2/export/index';
import { importScript } from '../core/iproute2/import/index';
import { formatDiagnostic } from '../core/model/diagnostics';
import type { ProbeResult } from '../core/observation/types';
import { listCaseDirs, readCaseDir } from './case-dir';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase } from './run-case';

const CASES = listCaseDirs(new URL('../../fixtures/conformance', import.meta.url).pathname);
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;

const verdict = (p: ProbeResult) => ({ probe: p.probe, ok: p.ok, error: p.error, error_from: p.error_from ?? null });

describeAsRoot('exported scripts behave like their designs on the kernel', () => {
  const run = limiter(JOBS);
  const runs = CASES.map((dir) => {
    const c = readCaseDir(dir);
    const p = run(async () => {
      const { design } = importScript(c.script, { file: 'topology.sh' });
      const { scripts, diagnostics } = exportDesign(design, { mode: 'setup' });
      const errors = diagnostics.filter((d) => d.level === 'error');
      if (errors.length || scripts.length !== 1) throw new Error(`export refused: ${errors.map(formatDiagnostic).join('; ')}`);
      const obs = await runKernelCase({ name: `${c.name}-exported`, script: scripts[0].text, probes: c.probes, cwd: c.cwd });
      return { obs, setupFailed: obs.setup.failed };
    });
    p.catch(() => {});
    return { c, p };
  });

  for (const { c, p } of runs) {
    it(`${c.name}: the exported script gives the kernel's verdicts`, async () => {
      const { obs, setupFailed } = await p;
      expect(setupFailed, 'every exported line is accepted by the kernel').toEqual([]);
      expect(obs.probes.map(verdict)).toEqual(c.expected!.probes.map(verdict));
    });
  }
});
