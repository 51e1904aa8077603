/**
 * verify's links to the simulator, the script exporter and the script importer, loaded at
 * run time so that `verify --kernel-only` works on its own and a missing or changed piece
 * gives a clear "unavailable" message instead of a crash. Expected entry points:
 *
 *   src/core/sim/index.ts            simulate(design, probes: ProbeFile, { seed }) → Observation
 *   src/core/iproute2/export/index.ts exportScripts(design) → script text (or an object holding it)
 *   src/core/iproute2/import/index.ts importScript(text) → Design or { design, diagnostics }
 */
import type { Design } from '../core/model/types';
import type { Observation } from '../core/observation/types';
import type { ProbeFile } from '../core/world/probes';

/** A collaborator is missing or does not have the expected shape. */
export class UnavailableError extends Error {}

type Mod = Record<string, unknown>;

async function load(rel: string, what: string): Promise<Mod> {
  const url = new URL(rel, import.meta.url).href;
  try {
    return (await import(/* @vite-ignore */ url)) as Mod;
  } catch (e) {
    throw new UnavailableError(`${what} unavailable (${rel}: ${(e as Error).message.split('\n')[0]})`);
  }
}

function fn(mod: Mod, names: string[], what: string): (...args: unknown[]) => unknown {
  for (const n of names) if (typeof mod[n] === 'function') return mod[n] as (...args: unknown[]) => unknown;
  throw new UnavailableError(`${what} unavailable (no ${names.join(' / ')} exported)`);
}

/** Throws UnavailableError unless the simulator and the script importer can be loaded. */
export async function assertSimulatorAvailable(): Promise<void> {
  fn(await load('../core/sim/index.ts', 'simulator'), ['simulate'], 'simulator');
  fn(await load('../core/iproute2/import/index.ts', 'script importer'), ['importScript', 'importScripts'], 'script importer');
}

/** Runs the simulator on a design and its probes. */
export async function simulateDesign(design: Design, probes: ProbeFile, seed: number): Promise<Observation> {
  const simulate = fn(await load('../core/sim/index.ts', 'simulator'), ['simulate'], 'simulator');
  const r = (await simulate(design, probes, { seed })) as Observation | { observation: Observation };
  return 'observation' in r && r.observation ? r.observation : (r as Observation);
}

/** The bash script (with its world header) the exporter writes for a design. */
export async function exportDesignScript(design: Design): Promise<string> {
  const exportScripts = fn(await load('../core/iproute2/export/index.ts', 'script exporter'), ['exportScripts'], 'script exporter');
  const r = (await exportScripts(design)) as unknown;
  const text = pickScript(r);
  if (text === null) throw new UnavailableError('script exporter unavailable (exportScripts returned no script text)');
  return text;
}

function pickScript(r: unknown): string | null {
  if (typeof r === 'string') return r;
  if (!r || typeof r !== 'object') return null;
  const o = r as Record<string, unknown>;
  for (const k of ['sandbox', 'script', 'host', 'topology', 'text']) {
    const v = o[k];
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && typeof (v as Mod).text === 'string') return (v as Mod).text as string;
  }
  if (Array.isArray(r)) for (const x of r) {
    const t = pickScript(x);
    if (t !== null) return t;
  }
  return null;
}

/** The design a bash script describes (for simulating a .sh file). */
export async function importDesignScript(text: string, file: string): Promise<Design> {
  const importScript = fn(await load('../core/iproute2/import/index.ts', 'script importer'), ['importScript', 'importScripts'], 'script importer');
  const r = (await importScript(text, { file })) as Design | { design: Design };
  return 'design' in r && r.design ? r.design : (r as Design);
}
