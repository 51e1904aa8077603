/**
 * The design's own problems (`validateDesign`), computed once per document and shared by the
 * badge and the tab. Checking a large design takes a while, so it runs shortly after the
 * edits stop rather than inside each one; the checker itself is fetched after the first
 * screen (`store/checker.ts`).
 */
import { useEffect, useState } from 'react';
import type { Diagnostic } from '../../../core/model/diagnostics';
import type { Design } from '../../../core/model/types';
import { loadChecker, loadedChecker } from '../../store/checker';
import { useAppStore } from '../../store/store';

const cache = new WeakMap<Design, Diagnostic[]>();

/** Diagnostics of `design`, cached per document object; undefined until the checker is loaded. */
export function diagnosticsOf(design: Design): Diagnostic[] | undefined {
  let hit = cache.get(design);
  if (!hit) {
    const validateDesign = loadedChecker();
    if (!validateDesign) return undefined;
    try {
      hit = validateDesign(design);
    } catch (e) {
      hit = [{ level: 'error', message: `the design could not be checked: ${(e as Error).message}`, code: 'internal' }];
    }
    cache.set(design, hit);
  }
  return hit;
}

function sizeOf(d: Design): number {
  return d.hosts.reduce((n, h) => n + h.devices.length + h.namespaces.length, 0);
}

/** Live diagnostics of the current design (the previous result until the new one is ready). */
export function useDesignDiagnostics(): Diagnostic[] {
  const design = useAppStore((s) => s.design);
  const [shown, setShown] = useState<{ design: Design; list: Diagnostic[] } | null>(null);
  useEffect(() => {
    const known = cache.get(design);
    const delay = known ? 0 : Math.min(800, 30 + sizeOf(design) / 2);
    let live = true;
    const t = setTimeout(() => {
      void loadChecker().then(
        () => { if (live) setShown({ design, list: diagnosticsOf(design) ?? [] }); },
        (e: Error) => { if (live) setShown({ design, list: [{ level: 'error', message: `the design could not be checked: its checker did not load (${e.message})`, code: 'internal' }] }); },
      );
    }, delay);
    return () => { live = false; clearTimeout(t); };
  }, [design]);
  return shown?.list ?? [];
}

/** Counts per level. */
export function countLevels(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0; let warnings = 0;
  for (const d of list) { if (d.level === 'error') errors++; else if (d.level === 'warning') warnings++; }
  return { errors, warnings };
}
