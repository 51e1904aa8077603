/**
 * Turning input into a drawn design: a script is imported and laid out automatically, a
 * `.json` file is parsed, upgraded and checked. The importer, the layout engine and the
 * document schema are loaded on first use, so they stay out of the first page load.
 */
import type { Diagnostic } from '../../../core/model/diagnostics';
import type { Design } from '../../../core/model/types';
import { DEVICE_H, DEVICE_W, EXTERNAL_MIN, HEADER, HOST_MIN, LAN_H, LAN_W, NS_MIN, PAD } from '../../canvas/geometry';
import { useAppStore } from '../../store/store';
import { useImportReport } from './import-report';
import { replaceDesign } from './replace-design';

export interface LoadOutcome { design?: Design; diagnostics: Diagnostic[] }

/** The canvas's node sizes, for the layout engine. */
export const CANVAS_METRICS = {
  device: { width: DEVICE_W, height: DEVICE_H }, lan: { width: LAN_W, height: LAN_H }, header: HEADER, pad: PAD,
  namespaceMin: NS_MIN, hostMin: HOST_MIN, externalMin: EXTERNAL_MIN,
};

/** Lays `design` out afresh for the canvas. */
export async function layOut(design: Design): Promise<Design> {
  const { autoLayout } = await import('../../../core/layout/auto-layout');
  return autoLayout(design, CANVAS_METRICS);
}

/** What a script is run with: companion files for `source`, and its positional arguments. */
export interface ScriptInputs {
  files?: Record<string, string>;
  args?: string[];
}

/** Imports a bash script and lays the result out. */
export async function designFromScript(text: string, file: string, inputs: ScriptInputs = {}): Promise<LoadOutcome & { design: Design }> {
  const [{ importScript }, { simulatedProbeOutcome }] = await Promise.all([
    import('../../../core/iproute2/import/index'),
    // the script's own pings answer as the simulated design at their line answers (set -e,
    // `&&`, and the saved test's expectation), as on the kernel
    import('../../../core/script-sim/outcome'),
  ]);
  const result = importScript(text, { file, files: inputs.files, args: inputs.args, probe: simulatedProbeOutcome(1) });
  return { design: await layOut(result.design), diagnostics: result.diagnostics };
}

/** Reads a design document; positions are kept, objects without one get an automatic layout. */
export async function designFromJson(text: string, file: string): Promise<LoadOutcome> {
  const { parseDesign } = await import('../../../core/model/schema');
  const parsed = parseDesign(text, file);
  if (!parsed.design) return parsed;
  const d = parsed.design;
  const pos = d.layout?.positions ?? {};
  const placed = d.hosts.every((h) => pos[h.id]) && d.lans.every((l) => pos[l.id]);
  return { design: placed ? d : await layOut(d), diagnostics: parsed.diagnostics };
}

/** True when `text` is a host snapshot (`vnetlab snapshot`'s JSON or the one-line collector's dump). */
export function looksLikeSnapshot(text: string): boolean {
  return /^\s*@@vnetlab-snapshot\b/.test(text) || /^\s*\{[^]{0,200}?"format"\s*:\s*"vnetlab-snapshot"/.test(text);
}

/** Imports a host snapshot (containers as namespaces) and lays it out. */
export async function designFromSnapshot(text: string, file: string): Promise<LoadOutcome> {
  const { importSnapshot } = await import('../../../core/snapshot/index');
  const r = importSnapshot(text, file);
  return { design: r.design ? await layOut(r.design) : undefined, diagnostics: r.diagnostics };
}

/** True when `name` or `text` look like a design document rather than a script. */
export function looksLikeJson(name: string, text: string): boolean {
  return /\.json$/i.test(name) || /^\s*\{/.test(text);
}

/**
 * Reads `text` (a script or a design file) and, when it yields a design, makes it the document
 * (undoably, the previous design kept: `replaceDesign`).
 * The outcome's diagnostics go to the Diagnostics tab; returns whether a design was loaded.
 */
export async function openText(text: string, source: string, title?: string, inputs: ScriptInputs = {}, prepare?: (design: Design) => Design): Promise<boolean> {
  const store = useAppStore.getState();
  let outcome: LoadOutcome;
  try {
    outcome = looksLikeSnapshot(text) ? await designFromSnapshot(text, source)
      : looksLikeJson(source, text) ? await designFromJson(text, source) : await designFromScript(text, source, inputs);
  } catch (e) {
    store.notify(`Could not read ${source}: ${(e as Error).message}`, 'error');
    return false;
  }
  // `prepare` adds to the design before it is loaded (an example's notes, tests and lab).
  if (prepare && outcome.design) outcome = { ...outcome, design: prepare(outcome.design) };
  useImportReport.getState().setReport({ source, diagnostics: outcome.diagnostics, text });
  const errors = outcome.diagnostics.filter((d) => d.level === 'error');
  if (!outcome.design) {
    store.notify(`${source} was not loaded: ${errors[0]?.message ?? 'not a design'}`, 'error');
    store.setActiveTab('diagnostics');
    return false;
  }
  const design = title && !outcome.design.title ? { ...outcome.design, title } : outcome.design;
  replaceDesign(design, `Loaded ${source}`);
  if (errors.length) {
    store.notify(`${source}: ${errors.length} line(s) the kernel would refuse; see Diagnostics`, 'error');
    store.setActiveTab('diagnostics');
  }
  return true;
}

/** Splits an arguments field like a shell would: blanks separate, quotes group. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
  return out;
}

/**
 * Of several dropped files, the one to run: the one no other file sources (`. ./x.sh`,
 * `source x.sh`), preferring a name like main/setup/run; the others are its companions.
 */
export function pickMain(files: { name: string; text: string }[]): number {
  const sourced = (name: string) => files.some((f) => f.name !== name && new RegExp(`(^|[\\s;&|])(source|\\.)\\s+["']?(\\S*/)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?`, 'm').test(f.text));
  const candidates = files.map((f, i) => ({ f, i })).filter(({ f }) => !sourced(f.name));
  const pool = candidates.length ? candidates : files.map((f, i) => ({ f, i }));
  const named = pool.find(({ f }) => /^(main|setup|run|start|topology|lab)\b/i.test(f.name));
  return (named ?? pool[0]).i;
}
