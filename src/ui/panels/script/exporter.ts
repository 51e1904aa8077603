/**
 * The script exporter (`src/core/iproute2/export`), loaded on first use so it stays out of
 * the first page load.
 */
import type { Design } from '../../../core/model/types';
import type { ExportedScript, ExportMode, ExportResult } from '../../../core/iproute2/export/index';

export type { ExportMode };
export type HostScript = ExportedScript;

let loaded: Promise<(design: Design, opts: { mode: ExportMode }) => ExportResult> | undefined;

/** The exporter's `exportDesign`, loaded once. */
export function loadExporter(): Promise<(design: Design, opts: { mode: ExportMode }) => ExportResult> {
  loaded ??= import('../../../core/iproute2/export/index').then((m) => m.exportDesign);
  return loaded;
}
