/**
 * The canvas's React Flow state: nodes and edges derived from the document (via flow-sync),
 * plus what only the view knows between commits (drag positions, measurements). Re-derived
 * during render when the document, selection or a resync request changes.
 */
import { applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { Design, Id } from '../../core/model/types';
import { useAppStore } from '../store/store';
import { compactGeometryOf } from './compact-layout';
import { growForDrag } from './drag-grow';
import { designEdges, designNodes, syncEdges, syncNodes, type FlowEdge, type FlowNode } from './flow-sync';
import { geometryOf } from './geometry';

interface ViewState { design: Design | null; selection: Id[] | null; tick: number; compact: boolean; nodes: FlowNode[]; edges: FlowEdge[] }

function applySelection(current: Id[], changes: { id: string; selected: boolean }[]): Id[] {
  const set = new Set(current);
  for (const c of changes) { if (c.selected) set.add(c.id); else set.delete(c.id); }
  return [...set];
}

/**
 * `onSettled` gets the ids of nodes whose move just ended (a drag released, a selection box
 * dragged, an arrow-key nudge): the moment to commit positions to the document.
 */
export function useFlowView(onSettled: (ids: Id[]) => void) {
  const design = useAppStore((s) => s.design);
  const selection = useAppStore((s) => s.selection);
  const compact = useAppStore((s) => s.compactView);
  const [tick, setTick] = useState(0);
  const [view, setView] = useState<ViewState>({ design: null, selection: null, tick: -1, compact: false, nodes: [], edges: [] });
  const selSet = useMemo(() => new Set(selection), [selection]);

  let current = view;
  if (view.design !== design || view.selection !== selection || view.tick !== tick || view.compact !== compact) {
    const g = compact ? compactGeometryOf(design) : geometryOf(design);
    current = {
      design, selection, tick, compact,
      nodes: syncNodes(designNodes(design, selSet, g), view.nodes),
      edges: syncEdges(designEdges(design, selSet, g), view.edges),
    };
    setView(current);
  }

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      const st = useAppStore.getState();
      st.select(applySelection(st.selection, selects));
    }
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    const dragging = new Set(changes.flatMap((c) => (c.type === 'position' && c.dragging ? [c.id] : [])));
    if (local.length) {
      setView((v) => {
        const moved = applyNodeChanges(local, v.nodes);
        return { ...v, nodes: dragging.size && v.design ? growForDrag(v.design, moved, dragging) : moved };
      });
    }
    const settled = changes.flatMap((c) => (c.type === 'position' && c.dragging === false && c.position ? [c.id] : []));
    if (settled.length) onSettled(settled);
  }, [onSettled]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const st = useAppStore.getState();
    st.select(applySelection(st.selection, selects));
  }, []);

  /** Throws away view-only positions (e.g. after a refused drag) and re-derives from the document. */
  const resync = useCallback(() => setTick((t) => t + 1), []);

  return { nodes: current.nodes, edges: current.edges, onNodesChange, onEdgesChange, resync };
}
