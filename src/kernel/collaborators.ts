/**
 * verify's links to the simulator, the script exporter and the script importer, loaded when
 * first used so that `verify --kernel-only` works on its own and a broken or changed piece
 * gives a clear "unavailable" message instead of a crash. The imports are literal, so the
 * command line's ahead-of-time bundle contains them. Expected entry points:
 *
 *   src/core/sim/simulate.ts          simulate(design, probes: ProbeFile, { seed }) → Observation | { observation }
 *   src/core/iproute2/export/index.ts exportDesign(design, { mode: 'setup' }) → { scripts: [{ text }], diagnostics }
 *                                     (or exportScripts(design) → [{ text }])
 *   src/core/iproute2/import/index.ts importScript(text, { file }) → Design or { design, failedLines? }
 */
import type { Design } from '../core/model/types';
import type { Observation } from '../core/observation/types';
import type { ProbeFile } from '../core/world/probes';
import { parseKernelRelease } from '../core/sim/kernel-version';

/** A collaborator is missing or does not have the expected shape. */
export class UnavailableError extends Error {}

type Mod = Record<string, unknown>;

/** The module `importer` loads, or UnavailableError saying why it could not be loaded. */
async function load(importer: () => Promise<unknown>, what: string): Promise<Mod> {
  try {
    return (await importer()) as Mod;
  } catch (e) {
    throw new UnavailableError(`${what} unavailable (${(e as Error).message.split('\n')[0]})`);
  }
}

const SIMULATOR = () => import('../core/sim/simulate');
const IMPORTER = () => import('../core/iproute2/import/index');
const EXPORTER = () => import('../core/iproute2/export/index');

function fn(mod: Mod, names: string[], what: string): (...args: unknown[]) => unknown {
  for (const n of names) if (typeof mod[n] === 'function') return mod[n] as (...args: unknown[]) => unknown;
  throw new UnavailableError(`${what} unavailable (no ${names.join(' / ')} exported)`);
}

/** Throws UnavailableError unless the simulator and the script importer can be loaded. */
export async function assertSimulatorAvailable(): Promise<void> {
  fn(await load(SIMULATOR, 'simulator'), ['simulate'], 'simulator');
  fn(await load(IMPORTER, 'script importer'), ['importScript', 'importScripts'], 'script importer');
}

/** Runs the simulator on a design and its probes. */
export async function simulateDesign(design: Design, probes: ProbeFile, seed: number, kernelRelease?: string): Promise<Observation> {
  const simulate = fn(await load(SIMULATOR, 'simulator'), ['simulate'], 'simulator');
  // where kernel releases differ, the simulator follows the one that was asked
  const kernel = parseKernelRelease(kernelRelease);
  const r = (await simulate(design, probes, { seed, kernel })) as Observation | { observation: Observation };
  return 'observation' in r && r.observation ? r.observation : (r as Observation);
}

/** The design cannot be turned into a script (the exporter's diagnostics say why). */
export class ExportError extends Error {}

/**
 * The setup script (with its world header) the exporter writes for a design's first designed
 * machine; `notes` says which machine when there are several.
 */
export async function exportDesignScript(design: Design): Promise<{ script: string; notes: string[] }> {
  const mod = await load(EXPORTER, 'script exporter');
  const notes: string[] = [];
  let r: unknown;
  if (typeof mod.exportDesign === 'function') {
    const res = (await (mod.exportDesign as (...a: unknown[]) => unknown)(design, { mode: 'setup' })) as {
      scripts?: unknown[];
      diagnostics?: { message: string; level: string }[];
    };
    if (!res.scripts?.length) {
      const why = (res.diagnostics ?? []).filter((d) => d.level === 'error').map((d) => d.message);
      throw new ExportError(why.length ? why.join('; ') : 'the design has no machine to export');
    }
    r = res.scripts;
  } else {
    r = await fn(mod, ['exportScripts'], 'script exporter')(design, { mode: 'setup' });
  }
  if (Array.isArray(r) && r.length > 1) {
    const first = r[0] as { fileName?: string };
    notes.push(`the design has ${r.length} machines; verifying the first (${first.fileName ?? 'first script'})`);
  }
  const text = pickScript(r);
  if (text === null) throw new UnavailableError('script exporter unavailable (it returned no script text)');
  return { script: text, notes };
}

function pickScript(r: unknown): string | null {
  if (typeof r === 'string') return r;
  if (Array.isArray(r)) {
    for (const x of r) {
      const t = pickScript(x);
      if (t !== null) return t;
    }
    return null;
  }
  if (!r || typeof r !== 'object') return null;
  const o = r as Record<string, unknown>;
  for (const k of ['text', 'script', 'setup']) if (typeof o[k] === 'string') return o[k] as string;
  return null;
}

export interface ImportedScript {
  design: Design;
  /**
   * Script lines the importer says the kernel would refuse where bash's ERR trap fires, as the
   * kernel run records `setup.failed` (null if it does not say).
   */
  failedLines: number[] | null;
}

/** The design a bash script describes (for simulating a .sh file). */
export async function importDesignScript(text: string, file: string, inputs: { files?: Record<string, string>; args?: string[] } = {}): Promise<ImportedScript> {
  const importScript = fn(await load(IMPORTER, 'script importer'), ['importScript', 'importScripts'], 'script importer');
  const r = (await importScript(text, { file, ...inputs })) as Design | { design: Design; failedLines?: number[]; trappedLines?: number[] };
  if ('design' in r && r.design) {
    const lines = Array.isArray(r.trappedLines) ? r.trappedLines : r.failedLines;
    return { design: r.design, failedLines: Array.isArray(lines) ? lines : null };
  }
  return { design: r as Design, failedLines: null };
}
