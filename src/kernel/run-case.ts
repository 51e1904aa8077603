/**
 * Asking the real kernel: run one design script and its probes in a throw-away sandbox and
 * return what happened as an Observation (the shape of a conformance expected.json).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDiagnostic } from '../core/model/diagnostics';
import { mergeObservations } from '../core/observation/diff-merge';
import type { Observation } from '../core/observation/types';
import { parseWorldHeader } from '../core/world/header';
import { parseProbes } from '../core/world/probes';
import { sandboxWorldCommands } from '../core/world/sandbox-world';
import { driverScript, sourceCommand } from './driver-script';
import { unsupportedFeatures } from './kernel-support';
import { readObservation, type KernelObservation } from './observation';
import { removeScratch, runInSandbox, SANDBOX_TIMEOUT, trackScratch } from './sandbox';

export interface KernelCase {
  /** Case name recorded in the observation. */
  name: string;
  /** The design script (bash, with its `# phys:` / `# host:` header). */
  script: string;
  /** probes.txt text. */
  probes: string;
  /** Working directory of the script (default: the current one). */
  cwd?: string;
  /** Name used in parse error messages. */
  scriptFile?: string;
  probesFile?: string;
  /** Multiplies the harness's setup and world-command limits (driver-script.ts `budgetScale`). */
  budgetScale?: number;
}

/** The kernel cannot run this case faithfully (a link type it lacks). */
export class UnsupportedKernelError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/** The case could not be run (bad input, or the sandbox failed before finishing). */
export class KernelRunError extends Error {}

/** Runs a case against the running kernel (root only) and returns its observation. */
export async function runKernelCase(c: KernelCase, timeoutSeconds = SANDBOX_TIMEOUT): Promise<KernelObservation> {
  const { header, diagnostics: hd } = parseWorldHeader(c.script, c.scriptFile ?? 'topology.sh');
  const { probes, diagnostics: pd } = parseProbes(c.probes, c.probesFile ?? 'probes.txt');
  const problems = [...hd, ...pd].filter((d) => d.level === 'error');
  if (problems.length) throw new KernelRunError(problems.map(formatDiagnostic).join('\n'));
  const missing = await unsupportedFeatures(c.script);
  if (missing.length) throw new UnsupportedKernelError(missing);

  const dir = mkdtempSync(join(tmpdir(), 'vnetlab-kernel-'));
  trackScratch(dir);
  try {
    const scriptPath = join(dir, 'topology.sh');
    writeFileSync(scriptPath, c.script);
    const program = driverScript({
      worldCommands: sandboxWorldCommands(header),
      scriptPath,
      scriptCwd: resolve(c.cwd ?? process.cwd()),
      probes: probes.probes,
      captures: probes.captures,
      outDir: dir,
      budgetScale: c.budgetScale,
    });
    const r = await runInSandbox(program, timeoutSeconds);
    if (!existsSync(join(dir, 'complete'))) {
      const world = existsSync(join(dir, 'world.err')) ? readFileSync(join(dir, 'world.err'), 'utf8').trim() : '';
      const why = [r.stderr.trim(), world].filter(Boolean).join('\n');
      throw new KernelRunError(`the sandbox did not finish (exit ${r.code ?? r.signal})${why ? `: ${why}` : ''}`);
    }
    return readObservation(dir, c.name, header, probes, sourceCommand(scriptPath));
  } finally {
    removeScratch(dir);
  }
}

/**
 * Runs a case `runs` times (in parallel sandboxes) and merges the observations: what
 * differs between runs is listed as unstable, as in a conformance expected.json.
 */
export async function runKernelCaseRepeated(c: KernelCase, runs: number): Promise<Observation> {
  const all = await Promise.all(Array.from({ length: Math.max(1, runs) }, () => runKernelCase(c)));
  return mergeObservations(all);
}
