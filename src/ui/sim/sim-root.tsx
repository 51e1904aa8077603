/**
 * Effects of the simulation at the app root: reload on design edits (with a notice), the
 * presentation mode switch on the document, and the frames overlay on the canvas.
 */
import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import { designChanged } from './controller';
import { FramesOverlay } from './overlay/frames-overlay';
import { useSimStore } from './sim-store';
import './sim.css';

export function SimRoot() {
  const presentation = useSimStore((s) => s.presentation);
  const notice = useSimStore((s) => s.notice);
  const notify = useAppStore((s) => s.notify);
  useEffect(() => useAppStore.subscribe((s, prev) => { if (s.design !== prev.design) designChanged(s.design); }), []);
  useEffect(() => {
    const root = document.documentElement;
    if (presentation) root.dataset.simPresentation = 'on';
    else delete root.dataset.simPresentation;
    return () => { delete root.dataset.simPresentation; };
  }, [presentation]);
  useEffect(() => { if (notice) notify(notice); }, [notice, notify]);
  return <FramesOverlay />;
}
