/**
 * Document → React Flow view. Nodes carry only `{ kind, entityId }`; everything else a node
 * shows is read from the store by the node component. Node and edge objects are reused when
 * nothing React Flow cares about changed, so React Flow does not re-adopt or re-measure them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Relation } from '../../core/model/edit/connect';
import type { Design, Id } from '../../core/model/types';
import { geometryOf, type Geometry } from './geometry';

export type FlowNodeKind = 'host' | 'namespace' | 'device' | 'lan';
/**
 * `handles` names the set of handles the node draws (a device's kind decides it). React Flow
 * keeps measured handle positions while a node keeps its id and size, so a node whose
 * handles change (an id reused by another kind of device after Open, Import or undo) must be
 * measured again, or the wires to its new handles are not drawn.
 */
export type FlowNodeData = { kind: FlowNodeKind; entityId: Id; handles: string };
export type FlowNode = Node<FlowNodeData, FlowNodeKind>;
export type FlowEdgeData = { relation: Relation; entityId: Id };
export type FlowEdge = Edge<FlowEdgeData, 'relation'>;

/**
 * What a host's children may do while dragged: stay right of and below its top-left corner
 * (a coordinate extent relative to the parent), and grow the host as they go past its right or
 * bottom edge (expandParent), so the box follows the drag instead of jumping after the drop.
 * One shared array, so unchanged nodes compare equal.
 */
const INSIDE_HOST: [[number, number], [number, number]] = [[0, 0], [Infinity, Infinity]];

/** The nodes the document calls for, parents before children, placed by `g` (the design's own layout unless told). */
export function designNodes(design: Design, selection: ReadonlySet<Id>, g: Geometry = geometryOf(design)): FlowNode[] {
  const out: FlowNode[] = [];
  const node = (id: Id, kind: FlowNodeKind, extra: Partial<FlowNode> = {}, handles: string = kind): FlowNode => {
    const s = g.size.get(id)!;
    return {
      id, type: kind, data: { kind, entityId: id, handles }, position: g.position.get(id)!,
      width: s.width, height: s.height, selected: selection.has(id), ...extra,
    };
  };
  for (const host of design.hosts) {
    out.push(node(host.id, 'host', { dragHandle: '.container-header' }));
    for (const ns of host.namespaces) {
      if (!ns.root) out.push(node(ns.id, 'namespace', { parentId: host.id, extent: INSIDE_HOST, expandParent: true, dragHandle: '.container-header' }));
    }
    for (const dev of host.devices) {
      if (dev.kind === 'loopback') continue;
      // A device in the root namespace can only stay on its machine, so its host grows with the
      // drag; a device in a namespace may be dropped into another one, so it is left free.
      const parentId = g.parent.get(dev.id);
      out.push(node(dev.id, 'device', parentId === host.id ? { parentId, extent: INSIDE_HOST, expandParent: true } : { parentId }, dev.kind));
    }
  }
  for (const lan of design.lans) out.push(node(lan.id, 'lan'));
  return out;
}

/** The edges (relations) the document calls for. */
export function designEdges(design: Design, selection: ReadonlySet<Id> = new Set(), g: Geometry = geometryOf(design)): FlowEdge[] {
  const out: FlowEdge[] = [];
  const edge = (relation: Relation, entityId: Id, source: Id, sourceHandle: string, target: Id, targetHandle: string): FlowEdge => ({
    id: `${relation}:${entityId}`, type: 'relation', source, sourceHandle, target, targetHandle, data: { relation, entityId },
    selected: selection.has(`${relation}:${entityId}`),
  });
  const lanIds = new Set(design.lans.map((l) => l.id));
  for (const host of design.hosts) {
    const ids = new Set(host.devices.map((d) => d.id));
    for (const dev of host.devices) {
      if ('parent' in dev && dev.parent && ids.has(dev.parent)) out.push(edge('parent', dev.id, dev.id, 'link', dev.parent, 'upper'));
      if (dev.master && ids.has(dev.master)) out.push(edge('master', dev.id, dev.id, 'master', dev.master, 'ports'));
      if (dev.kind === 'physical' && dev.lan && lanIds.has(dev.lan)) {
        // NICs below the segment plug into its bottom socket, so the wire does not loop round it.
        const nic = g.absolute.get(dev.id); const seg = g.absolute.get(dev.lan);
        const below = nic && seg && nic.y > seg.y + seg.height;
        out.push(edge('lan', dev.id, dev.id, 'lan', dev.lan, below ? 'nic-b' : 'nic'));
      }
      if (dev.kind === 'veth' && ids.has(dev.peer) && dev.id < dev.peer) {
        const a = g.absolute.get(dev.id); const b = g.absolute.get(dev.peer);
        const leftFirst = !a || !b || a.x <= b.x;
        const [l, r] = leftFirst ? [dev.id, dev.peer] : [dev.peer, dev.id];
        out.push({ ...edge('peer', dev.id, l, 'peer-r', r, 'peer-l') });
      }
    }
  }
  return out;
}

function sameNode(a: FlowNode, b: FlowNode): boolean {
  return a.type === b.type && a.parentId === b.parentId && a.position.x === b.position.x && a.position.y === b.position.y
    && a.width === b.width && a.height === b.height && !!a.selected === !!b.selected && a.extent === b.extent && !!a.expandParent === !!b.expandParent
    && a.data.entityId === b.data.entityId && a.data.handles === b.data.handles && a.dragHandle === b.dragHandle;
}

/** Reuses `prev` node objects where the wanted node is the same (keeps React Flow's `measured`). */
export function syncNodes(wanted: FlowNode[], prev: readonly FlowNode[]): FlowNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return wanted.map((w) => {
    const p = byId.get(w.id);
    if (!p) return w;
    if (sameNode(p, w)) return p;
    // other handles: drop the measurement so React Flow measures the node (and its handles) again
    return p.measured && p.data.handles === w.data.handles ? { ...w, measured: p.measured } : w;
  });
}

/** Reuses `prev` edge objects where nothing changed. */
export function syncEdges(wanted: FlowEdge[], prev: readonly FlowEdge[]): FlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  return wanted.map((w) => {
    const p = byId.get(w.id);
    if (!p) return w;
    const same = p.source === w.source && p.target === w.target && p.sourceHandle === w.sourceHandle
      && p.targetHandle === w.targetHandle && !!p.selected === !!w.selected;
    return same ? p : w;
  });
}
