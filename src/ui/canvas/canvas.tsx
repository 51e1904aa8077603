/** The design canvas: React Flow over the document, with drop, drag-commit and connect rules. */
import {
  Background, ConnectionMode, Controls, MiniMap, ReactFlow, useReactFlow, useStore,
  type Connection, type FinalConnectionState, type Edge, type Node,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent } from 'react';
import { connect } from '../../core/model/edit/connect';
import { extensions } from '../slots/registry';
import { indexOf } from '../store/selectors';
import { setFlowAccess } from '../store/test-api';
import { useAppStore } from '../store/store';
import { connectionProblem, resolveConnection } from './connection';
import { dragCommand } from './drag-commit';
import { dropCommand, PALETTE_MIME, type PaletteItem } from './drop';
import { fitOptions, setViewFitted, viewIsFitted } from './fit';
import type { FlowEdge, FlowNode } from './flow-sync';
import { useDesignerShortcuts } from './keyboard';
import { LargeDesign } from './edges/relation-edge';
import { edgeTypes, nodeTypes } from './node-types';
import { useFlowView } from './use-flow-view';

const VIRTUALISE_ABOVE = 500;
/** Below this zoom wire labels are unreadable; hiding them also keeps panning cheap. */
const LABELS_BELOW_ZOOM = 0.45;
const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < LABELS_BELOW_ZOOM;
const overlays = extensions.filter((e) => e.CanvasOverlay);
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_SIZE = { width: 160, height: 110 };
const PRO_OPTIONS = { hideAttribution: true };
const UNFIT = () => setViewFitted(false);
const REFIT = () => setViewFitted(true);
const CONTROLS_FIT = { padding: 0.15 };

function minimapColour(n: Node): string {
  return n.type === 'device' ? '#5b7fd6' : n.type === 'lan' ? '#3c9a5f' : 'transparent';
}

function toConnection(s: FinalConnectionState): Connection | undefined {
  if (!s.fromHandle || !s.toHandle) return undefined;
  const from = { node: s.fromHandle.nodeId, handle: s.fromHandle.id ?? null };
  const to = { node: s.toHandle.nodeId, handle: s.toHandle.id ?? null };
  const [src, dst] = s.fromHandle.type === 'source' ? [from, to] : [to, from];
  return { source: src.node, sourceHandle: src.handle, target: dst.node, targetHandle: dst.handle };
}

export function Canvas() {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const farOut = useStore(zoomedOut);
  const resyncRef = useRef<() => void>(() => {});
  // A move ended: commit positions (and namespace moves) as one undo step.
  const onSettled = useCallback((ids: string[]) => {
    const st = useAppStore.getState();
    const list = ids.flatMap((id) => {
      const n = rf.getInternalNode(id);
      return n ? [{ id, kind: n.data.kind, position: n.position, absolute: n.internals.positionAbsolute }] : [];
    });
    const { run, notes } = dragCommand(st.design, list);
    const r = st.applyCommand(run);
    if (r.ok) notes.forEach((m) => st.notify(m));
    resyncRef.current();
  }, [rf]);
  const { nodes, edges, onNodesChange, onEdgesChange, resync } = useFlowView(onSettled);
  useEffect(() => { resyncRef.current = resync; }, [resync]);
  const loadSeq = useAppStore((s) => s.loadSeq);
  const theme = useAppStore((s) => s.theme);
  const compact = useAppStore((s) => s.compactView);
  const empty = nodes.length === 0;
  useDesignerShortcuts();

  useEffect(() => { setFlowAccess({ getNodes: () => rf.getNodes() as Node[], getEdges: () => rf.getEdges() as Edge[] }); }, [rf]);
  useEffect(() => {
    if (loadSeq === 0) return;
    const t = setTimeout(() => void rf.fitView(fitOptions()), 50);
    return () => clearTimeout(t);
  }, [loadSeq, rf]);
  // While the view is a fit nobody has moved, it follows the canvas's size: a panel opened
  // after a load (Diagnostics after an import) must not leave the design under it.
  // (Presentation fits its compact view itself: sim/sim-root.tsx.)
  const wrapRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    let t: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      if (t) clearTimeout(t);
      t = setTimeout(() => {
        if (viewIsFitted() && !useAppStore.getState().compactView && rf.getNodes().length) void rf.fitView(fitOptions(150));
      }, 80);
    });
    ro.observe(el);
    return () => { ro.disconnect(); if (t) clearTimeout(t); };
  }, [rf]);
  // A pan or zoom by the user (wheel, drag, pinch) ends the fit; programmatic moves pass no event.
  // While the user moves the view, the browser hit-tests every mouse move against every mounted
  // node and wire, and nothing under the pointer can react, so the content leaves hit testing
  // until the move ends: a class on the wrapper, not React state, so the canvas does not re-render.
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (!e) return;
    setViewFitted(false);
    wrapRef.current?.classList.add('panning');
  }, []);
  const onMoveEnd = useCallback(() => { wrapRef.current?.classList.remove('panning'); }, []);

  // Bring a selected object into view when it was selected from elsewhere (e.g. Diagnostics).
  const selection = useAppStore((s) => s.selection);
  useEffect(() => {
    if (selection.length !== 1) return;
    const n = rf.getInternalNode(selection[0]);
    const el = document.querySelector('.canvas-wrap');
    if (!n || !el) return;
    const { x, y, zoom } = rf.getViewport();
    const r = el.getBoundingClientRect();
    const w = (n.measured.width ?? n.width ?? 0); const h = (n.measured.height ?? n.height ?? 0);
    const sx = n.internals.positionAbsolute.x * zoom + x; const sy = n.internals.positionAbsolute.y * zoom + y;
    const visible = sx + w * zoom > 0 && sy + h * zoom > 0 && sx < r.width && sy < r.height;
    if (!visible) void rf.setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, { zoom, duration: 250 });
  }, [selection, rf]);

  const isValidConnection = useCallback((c: Connection | Edge) => !connectionProblem(useAppStore.getState().design, c as Connection), []);

  const onConnect = useCallback((c: Connection) => {
    const r = resolveConnection(c);
    const st = useAppStore.getState();
    if ('problem' in r) { st.notify(r.problem, 'error'); return; }
    st.applyCommand((d) => connect(d, r.a, r.b, r.relation));
  }, []);

  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, s: FinalConnectionState) => {
    if (s.isValid || !s.toHandle) return;
    const c = toConnection(s);
    if (!c) return;
    const st = useAppStore.getState();
    const problem = connectionProblem(st.design, c);
    if (problem) st.notify(`Refused: ${problem}`, 'error');
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    e.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const st = useAppStore.getState();
    const r = st.applyCommand((d, ids) => dropCommand(d, item, p, ids));
    if (!r.ok || !r.created.length) return;
    const idx = indexOf(r.design);
    const wanted = item.type === 'device' ? r.created.find((id) => idx.devices.has(id))
      : item.type === 'namespace' ? r.created.find((id) => idx.namespaces.has(id)) : r.created[0];
    st.select(wanted ? [wanted] : []);
  }, [rf]);

  const large = nodes.length > VIRTUALISE_ABOVE;
  return (
    <LargeDesign.Provider value={large}>
    <div ref={wrapRef} className={`canvas-wrap${large ? ' large' : ''}${farOut ? ' zoomed-out' : ''}`} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_KEYS}
        nodesDraggable={!compact}
        onlyRenderVisibleElements={large}
        minZoom={0.2}
        maxZoom={2}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        proOptions={PRO_OPTIONS}
        colorMode={theme}
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} style={MINIMAP_SIZE} />
        <Controls onZoomIn={UNFIT} onZoomOut={UNFIT} fitViewOptions={CONTROLS_FIT} onFitView={REFIT} />
        {overlays.map((e) => { const O = e.CanvasOverlay!; return <O key={e.id} />; })}
      </ReactFlow>
      {empty && <div className="canvas-empty">Drag a device, namespace or LAN segment from the palette to start.</div>}
    </div>
    </LargeDesign.Provider>
  );
}
