/**
 * The design's own problems (`validateDesign`), computed once per document and shared by the
 * badge and the tab. Checking a large design takes a while, so it runs shortly after the
 * edits stop rather than inside each one.
 */
import { useEffect, useState } from 'react';
import type { Diagnostic } from '../../../core/model/diagnostics';
import type { Design } from '../../../core/model/types';
import { validateDesign } from '../../../core/model/validate';
import { useAppStore } from '../../store/store';

const cache = new WeakMap<Design, Diagnostic[]>();

/** Diagnostics of `design`, cached per document object. */
export function diagnosticsOf(design: Design): Diagnostic[] {
  let hit = cache.get(design);
  if (!hit) {
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
    const t = setTimeout(() => setShown({ design, list: diagnosticsOf(design) }), delay);
    return () => clearTimeout(t);
  }, [design]);
  return shown?.list ?? [];
}

/** Counts per level. */
export function countLevels(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0; let warnings = 0;
  for (const d of list) { if (d.level === 'error') errors++; else if (d.level === 'warning') warnings++; }
  return { errors, warnings };
}
