/** Toolbar: export the diagram as an SVG or a PNG picture; the snapshot code loads on first use. */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useAppStore } from '../../store/store';
import { downloadBlob, fileStem } from '../persistence/download';
import { loadWhenIdle } from '../../slots/lazy';
import type { Bounds } from './svg-snapshot';

const snapshotCode = () => import('./svg-snapshot');
loadWhenIdle(snapshotCode);

const MARGIN = 30;

export function ImageExportButtons() {
  const rf = useReactFlow();
  const [busy, setBusy] = useState(false);

  const snapshot = async (): Promise<{ svg: string; bounds: Bounds; toPng: (svg: string, b: Bounds) => Promise<Blob> } | undefined> => {
    const viewport = document.querySelector<HTMLElement>('.app-canvas .react-flow__viewport');
    const nodes = rf.getNodes();
    if (!viewport || nodes.length === 0) return undefined;
    const b = rf.getNodesBounds(nodes);
    const bounds = { x: b.x - MARGIN, y: b.y - MARGIN, width: b.width + 2 * MARGIN, height: b.height + 2 * MARGIN };
    const flow = document.querySelector('.app-canvas .react-flow');
    const background = flow ? getComputedStyle(flow).backgroundColor : '#ffffff';
    const { pageCss, svgSnapshot, svgToPng } = await snapshotCode();
    return { svg: svgSnapshot(viewport, bounds, background, await pageCss()), bounds, toPng: svgToPng };
  };

  const run = async (kind: 'svg' | 'png') => {
    const { notify, design } = useAppStore.getState();
    setBusy(true);
    try {
      const shot = await snapshot();
      if (!shot) { notify('Nothing to export: the canvas is empty', 'error'); return; }
      const name = `${fileStem(design.title, 'diagram')}.${kind}`;
      if (kind === 'svg') downloadBlob(name, new Blob([shot.svg], { type: 'image/svg+xml' }));
      else downloadBlob(name, await shot.toPng(shot.svg, shot.bounds));
    } catch (e) {
      notify(`Export failed: ${(e as Error).message}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button data-testid="export-svg" disabled={busy} onClick={() => void run('svg')} title="Download the diagram as SVG">SVG</button>
      <button data-testid="export-png" disabled={busy} onClick={() => void run('png')} title="Download the diagram as PNG">PNG</button>
    </>
  );
}
