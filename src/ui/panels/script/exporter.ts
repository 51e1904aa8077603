/**
 * The script exporter, loaded on first use so it stays out of the first page load. Its
 * contract (per-host script text plus the design objects behind each line) is the one
 * `src/core/iproute2/export` provides.
 */
import type { Design, Id } from '../../../core/model/types';

export type ExportMode = 'setup' | 'teardown' | 'sandbox';

/** The design objects a script line creates or changes. */
export interface ScriptLine { line: number; objects: Id[] }

/** One designed host's script. */
export interface HostScript { hostId: Id; fileName: string; text: string; lines: ScriptLine[] }

export type ExportScripts = (design: Design, opts: { mode: ExportMode }) => HostScript[];

// Resolved at build time: an empty map while the exporter module does not exist yet.
const modules = import.meta.glob<{ exportScripts: ExportScripts }>('../../../core/iproute2/export/index.ts');

let loaded: Promise<ExportScripts | undefined> | undefined;

/** The exporter, or undefined when this build has none. */
export function loadExporter(): Promise<ExportScripts | undefined> {
  loaded ??= (async () => {
    const load = Object.values(modules)[0];
    if (!load) return undefined;
    const mod = await load();
    return typeof mod.exportScripts === 'function' ? mod.exportScripts : undefined;
  })();
  return loaded;
}
