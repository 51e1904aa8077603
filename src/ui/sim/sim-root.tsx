/**
 * Effects of the simulation at the app root: reload on design edits (with a notice), the
 * presentation mode switch on the document, and the frames overlay on the canvas.
 */
import { getViewportForBounds, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { useAppStore } from '../store/store';
import { designChanged, ensureLoaded } from './controller';
import { loadWhenIdle } from '../slots/lazy';
import { useSimStore } from './sim-store';
import './sim.css';

const LINK_STATE_DELAY_MS = 300;

// The overlay draws moving frames and drop markers, none of which the first screen has: its
// code (and the drop explanations it carries) is fetched when the page is idle. It has no
// loading note: until it is there, there is nothing for it to draw.
const loadOverlay = () => import('./overlay/frames-overlay');
const FramesOverlay = lazy(async () => ({ default: (await loadOverlay()).FramesOverlay }));
loadWhenIdle(loadOverlay);

/** A thin margin (the design as large as it goes), and the notices' band kept free when one shows. */
function presentationPadding(canvas: DOMRect) {
  const edge = Math.round(Math.min(canvas.width, canvas.height) * 0.02);
  const notices = document.querySelector('.toasts')?.getBoundingClientRect();
  const band = notices && notices.height > 0 ? canvas.bottom - notices.top + 8 : 0;
  return { top: `${edge}px`, right: `${edge}px`, left: `${edge}px`, bottom: `${Math.max(edge, band)}px` } as const;
}

export function SimRoot() {
  const presentation = useSimStore((s) => s.presentation);
  const notice = useSimStore((s) => s.notice);
  const notify = useAppStore((s) => s.notify);
  const setCompactView = useAppStore((s) => s.setCompactView);
  useEffect(() => useAppStore.subscribe((s, prev) => { if (s.design !== prev.design) designChanged(s.design); }), []);
  // The simulator also tells every device's carrier and operstate, so it follows the design
  // shortly after each change (in the worker, off the page's thread), simulating or not.
  const design = useAppStore((s) => s.design);
  useEffect(() => {
    const t = setTimeout(ensureLoaded, LINK_STATE_DELAY_MS);
    return () => clearTimeout(t);
  }, [design]);
  useEffect(() => {
    const root = document.documentElement;
    if (presentation) root.dataset.simPresentation = 'on';
    else delete root.dataset.simPresentation;
    // presentation draws the layout compacted (the saved positions stay), so text can be larger
    setCompactView(presentation);
    return () => { delete root.dataset.simPresentation; setCompactView(false); };
  }, [presentation, setCompactView]);
  useEffect(() => { if (notice) notify(notice); }, [notice, notify]);
  // Presentation fits the design to the screen, and again whenever the canvas changes size
  // (a panel opened or closed, the window resized), so no device is cut off.
  const rf = useReactFlow();
  useEffect(() => {
    if (!presentation) return;
    // the notices of the editing that came before are not for the class
    for (const t of useAppStore.getState().toasts) useAppStore.getState().dismissToast(t.id);
    const el = document.querySelector('.canvas-wrap');
    let t: ReturnType<typeof setTimeout> | undefined;
    let again: ReturnType<typeof setTimeout> | undefined;
    // fitted to the canvas's size as the page lays it out now, not as React Flow last measured it
    // (the panels hide and the compact view replaces the nodes in the same moment)
    const fit = () => {
      const r = el?.getBoundingClientRect();
      const nodes = rf.getNodes();
      if (!r || !r.width || !r.height || !nodes.length) return;
      void rf.setViewport(getViewportForBounds(rf.getNodesBounds(nodes), r.width, r.height, 0.2, 2, presentationPadding(r)), { duration: 150 });
    };
    const refit = () => {
      if (t) clearTimeout(t);
      if (again) clearTimeout(again);
      t = setTimeout(fit, 60);
      again = setTimeout(fit, 400);
    };
    refit();
    const ro = el && typeof ResizeObserver === 'function' ? new ResizeObserver(refit) : undefined;
    if (el) ro?.observe(el);
    return () => { ro?.disconnect(); if (t) clearTimeout(t); if (again) clearTimeout(again); };
  }, [presentation, rf]);
  return <Suspense fallback={null}><FramesOverlay /></Suspense>;
}
