/** The design canvas: React Flow over the document, with drop, drag-commit and connect rules. */
import {
  Background, ConnectionMode, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type FinalConnectionState, type Edge, type Node,
} from '@xyflow/react';
import { useCallback, useEffect, type DragEvent } from 'react';
import { connect } from '../../core/model/edit/connect';
import { indexOf } from '../store/selectors';
import { setFlowAccess } from '../store/test-api';
import { useAppStore } from '../store/store';
import { connectionProblem, resolveConnection } from './connection';
import { dragCommand } from './drag-commit';
import { dropCommand, PALETTE_MIME, type PaletteItem } from './drop';
import type { FlowEdge, FlowNode } from './flow-sync';
import { useDesignerShortcuts } from './keyboard';
import { edgeTypes, nodeTypes } from './node-types';
import { useFlowView } from './use-flow-view';

const VIRTUALISE_ABOVE = 500;
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];

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
  const { nodes, edges, onNodesChange, onEdgesChange, resync } = useFlowView();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const loadSeq = useAppStore((s) => s.loadSeq);
  const empty = nodes.length === 0;
  useDesignerShortcuts();

  useEffect(() => { setFlowAccess({ getNodes: () => rf.getNodes() as Node[], getEdges: () => rf.getEdges() as Edge[] }); }, [rf]);
  useEffect(() => {
    if (loadSeq === 0) return;
    const t = setTimeout(() => void rf.fitView({ padding: 0.15 }), 50);
    return () => clearTimeout(t);
  }, [loadSeq, rf]);

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

  const onNodeDragStop = useCallback((_: unknown, __: unknown, dragged: FlowNode[]) => {
    const st = useAppStore.getState();
    const list = dragged.map((n) => ({
      id: n.id, kind: n.data.kind, position: n.position,
      absolute: rf.getInternalNode(n.id)?.internals.positionAbsolute ?? n.position,
    }));
    const { run, notes } = dragCommand(st.design, list);
    const r = st.applyCommand(run);
    if (r.ok) notes.forEach((m) => st.notify(m));
    resync();
  }, [rf, resync]);

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

  return (
    <div className="canvas-wrap" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDragStop={onNodeDragStop}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_KEYS}
        onlyRenderVisibleElements={nodes.length > VIRTUALISE_ABOVE}
        minZoom={0.2}
        maxZoom={2}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} />
        <Controls />
      </ReactFlow>
      {empty && <div className="canvas-empty">Drag a device, namespace or LAN segment from the palette to start.</div>}
    </div>
  );
}
