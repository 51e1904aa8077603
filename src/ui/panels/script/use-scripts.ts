/**
 * The exported scripts of the current design, recomputed shortly after each change. The
 * delay grows with the design, so typing in the inspector of a large design stays smooth.
 */
import { useEffect, useState } from 'react';
import type { Diagnostic } from '../../../core/model/diagnostics';
import type { Design } from '../../../core/model/types';
import { useAppStore } from '../../store/store';
import { loadExporter, type ExportMode, type HostScript } from './exporter';

export type ScriptsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; scripts: HostScript[]; diagnostics: Diagnostic[] };

function sizeOf(d: Design): number {
  return d.hosts.reduce((n, h) => n + h.devices.length + h.namespaces.length, 0);
}

/** Per-host scripts for `mode`, following the store's design. */
export function useScripts(mode: ExportMode): ScriptsState {
  const design = useAppStore((s) => s.design);
  const [state, setState] = useState<ScriptsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const delay = Math.min(600, 60 + sizeOf(design) / 4);
    const t = setTimeout(() => {
      loadExporter().then((exportDesign) => {
        if (!live) return;
        const r = exportDesign(design, { mode });
        setState({ status: 'ready', scripts: r.scripts, diagnostics: r.diagnostics });
      }).catch((e: Error) => { if (live) setState({ status: 'failed', message: e.message }); });
    }, delay);
    return () => { live = false; clearTimeout(t); };
  }, [design, mode]);
  return state;
}
