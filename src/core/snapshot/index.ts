/**
 * Live-host import: a snapshot file (JSON, or the collector's pasted dump) → a design.
 * Builds the design through the script importer (snapshot → iproute2 lines → importScript),
 * so every kernel rule the importer knows applies; its diagnostics are moved from script
 * lines back to the snapshot (namespace › device › field). Never throws.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { Design } from '../model/types';
import { importScript } from '../iproute2/import/index';
import { isDump, parseSnapshotText } from './dump';
import type { Snapshot } from './format';
import { snapshotToScript } from './to-script';

export interface SnapshotImport {
  design?: Design;
  snapshot?: Snapshot;
  diagnostics: Diagnostic[];
  /** The iproute2 script the design was built from (for people who want to read it). */
  script?: string;
}

export function importSnapshot(text: unknown, file = 'snapshot.json'): SnapshotImport {
  const parsed = parseSnapshotText(text);
  if (!parsed.ok) return { diagnostics: [{ level: 'error', message: parsed.error, file, code: 'bad-snapshot' }] };
  return importSnapshotObject(parsed.snapshot, file);
}

export function importSnapshotObject(snapshot: Snapshot, file = 'snapshot.json'): SnapshotImport {
  const { script, origins, diagnostics } = snapshotToScript(snapshot, file);
  const r = importScript(script, { file: 'snapshot-script' });
  for (const d of r.diagnostics) {
    if (d.level === 'info') continue;
    const o = d.line !== undefined ? origins.get(d.line) : undefined;
    const path = o ? [o.ns, o.dev, o.field].filter(Boolean).join(' › ') : undefined;
    diagnostics.push({ level: d.level === 'error' ? 'warning' : d.level, message: path ? `${path}: ${d.message}` : d.message, file, ...(path ? { path } : {}), ...(d.code ? { code: d.code } : {}) });
  }
  return { design: r.design, snapshot, diagnostics, script };
}

export { COLLECTOR_ONE_LINER, COLLECTOR_PROGRAM } from './collector';
/** True when a file's text is a snapshot rather than a design or a script. */
export function looksLikeSnapshot(text: string): boolean {
  return isDump(text) || /^\s*\{[^]{0,200}?"format"\s*:\s*"vnetlab-snapshot"/.test(text);
}

export { parseDump, parseSnapshotText, serializeSnapshot } from './dump';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from './format';
