/**
 * A typed test API on `window.__vnetlab` for end-to-end tests: read and replace the document,
 * read the canvas's React Flow nodes and edges, undo/redo. Installed in dev builds, in the
 * `test` mode, or when the page URL has `?testapi` (the e2e suite serves a production build).
 */
import type { Edge, Node } from '@xyflow/react';
import type { Design, Id } from '../../core/model/types';
import { redo, undo, useAppStore } from './store';

export interface VnetlabTestApi {
  getDesign: () => Design;
  loadDesign: (design: Design) => void;
  getSelection: () => Id[];
  select: (ids: Id[]) => void;
  getNodes: () => Node[];
  getEdges: () => Edge[];
  /** Screen-space centre of the node drawn for design object `id` (for mouse-driven tests). */
  getNodeCenter: (id: Id) => { x: number; y: number } | undefined;
  undo: () => void;
  redo: () => void;
  canUndo: () => boolean;
}

interface FlowAccess { getNodes: () => Node[]; getEdges: () => Edge[] }
let flow: FlowAccess = { getNodes: () => [], getEdges: () => [] };

/** Called by the canvas so tests can read what React Flow renders. */
export function setFlowAccess(access: FlowAccess): void {
  flow = access;
}

declare global {
  interface Window { __vnetlab?: VnetlabTestApi }
}

/** Installs `window.__vnetlab` when this build should expose it. */
export function installTestApi(): void {
  if (typeof window === 'undefined') return;
  const wanted = import.meta.env.DEV || import.meta.env.MODE === 'test' || new URLSearchParams(window.location.search).has('testapi');
  if (!wanted) return;
  window.__vnetlab = {
    getDesign: () => useAppStore.getState().design,
    loadDesign: (d) => useAppStore.getState().loadDesign(d),
    getSelection: () => useAppStore.getState().selection,
    select: (ids) => useAppStore.getState().select(ids),
    getNodes: () => flow.getNodes(),
    getEdges: () => flow.getEdges(),
    getNodeCenter: (id) => {
      const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      if (!el) return undefined;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    undo,
    redo,
    canUndo: () => useAppStore.temporal.getState().pastStates.length > 0,
  };
}
