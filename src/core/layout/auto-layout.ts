/**
 * Automatic layout of a design for the canvas: namespaces are boxes holding their devices,
 * hosts are boxes holding namespaces and root-namespace devices, LAN segments sit between the
 * designed hosts and the outside world. Each level is laid out as a layered graph (dagre),
 * innermost first, so a container's size is known before its parent is laid out and no two
 * boxes of one level can overlap.
 */
import dagre from '@dagrejs/dagre';
import type { Design, Device, Host, Id } from '../model/types';

interface Size { width: number; height: number }

/** Node sizes and container paddings of the canvas the layout is for. */
export interface LayoutMetrics {
  device: Size;
  lan: Size;
  /** Height of a container's title bar; children start below it. */
  header: number;
  /** Space between a container's edge and its children. */
  pad: number;
  namespaceMin: Size;
  hostMin: Size;
  externalMin: Size;
}

interface Block { id: Id; width: number; height: number }

/** Top-left positions of `blocks` laid out top to bottom along `edges` (upper → lower). */
function layered(blocks: Block[], edges: [Id, Id][], gap: { node: number; rank: number }): Map<Id, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: gap.node, ranksep: gap.rank, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of blocks) g.setNode(b.id, { width: b.width, height: b.height });
  const known = new Set(blocks.map((b) => b.id));
  for (const [a, b] of edges) if (a !== b && known.has(a) && known.has(b)) g.setEdge(a, b);
  dagre.layout(g);
  const out = new Map<Id, { x: number; y: number }>();
  let minX = Infinity; let minY = Infinity;
  for (const b of blocks) {
    const n = g.node(b.id);
    const p = { x: n.x - b.width / 2, y: n.y - b.height / 2 };
    minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
    out.set(b.id, p);
  }
  // dagre may leave a margin; normalise so the top-left block starts at (0, 0)
  for (const [id, p] of out) out.set(id, { x: Math.round(p.x - minX), y: Math.round(p.y - minY) });
  return out;
}

/** The upper → lower relations between devices: stacked children, bridge ports, veth pairs. */
function deviceEdges(host: Host, rootNs: Id | undefined): [Id, Id][] {
  const byId = new Map(host.devices.map((d) => [d.id, d]));
  const out: [Id, Id][] = [];
  for (const d of host.devices) {
    if ('parent' in d && d.parent && byId.has(d.parent)) out.push([d.id, d.parent]);
    if (d.master && byId.has(d.master)) out.push([d.master, d.id]);
    if (d.kind === 'veth' && byId.has(d.peer) && d.id < d.peer) {
      const peer = byId.get(d.peer)!;
      // the end inside a namespace goes above the end left in the root namespace
      out.push(peer.ns === rootNs && d.ns !== rootNs ? [d.id, peer.id] : [peer.id, d.id]);
    }
  }
  return out;
}

/** Children laid out inside a container: positions relative to it, and the container's size. */
function fill(
  kids: Block[], edges: [Id, Id][], min: Size, m: LayoutMetrics, gap: { node: number; rank: number },
  positions: Record<Id, { x: number; y: number }>,
): Size {
  if (kids.length === 0) return { ...min };
  const placed = layered(kids, edges, gap);
  const top = m.header + 12;
  let w = min.width; let h = min.height;
  for (const k of kids) {
    const p = placed.get(k.id)!;
    const at = { x: m.pad + p.x, y: top + p.y };
    positions[k.id] = at;
    // the canvas grows a container to its children plus padding; mirror that rule here
    w = Math.max(w, at.x + k.width + m.pad);
    h = Math.max(h, at.y + k.height + m.pad);
  }
  return { width: w, height: h };
}

const drawn = (d: Device) => d.kind !== 'loopback';

/** A copy of `design` whose layout places every object afresh (stored container sizes are dropped). */
export function autoLayout(design: Design, m: LayoutMetrics): Design {
  const positions: Record<Id, { x: number; y: number }> = {};
  const hostBlocks: Block[] = [];
  const top: [Id, Id][] = [];
  for (const host of design.hosts) {
    const root = host.namespaces.find((n) => n.root)?.id;
    const edges = deviceEdges(host, root);
    const blockOf = new Map<Id, Id>();
    const blocks: Block[] = [];
    for (const ns of host.namespaces) {
      if (ns.root) continue;
      const devs = host.devices.filter((d) => d.ns === ns.id && drawn(d));
      const ids = new Set(devs.map((d) => d.id));
      const inner = edges.filter(([a, b]) => ids.has(a) && ids.has(b));
      const size = fill(devs.map((d) => ({ id: d.id, ...m.device })), inner, m.namespaceMin, m, { node: 40, rank: 60 }, positions);
      blocks.push({ id: ns.id, ...size });
      for (const d of devs) blockOf.set(d.id, ns.id);
    }
    for (const d of host.devices) {
      if (d.ns !== root || !drawn(d)) continue;
      blocks.push({ id: d.id, ...m.device });
      blockOf.set(d.id, d.id);
    }
    const hostEdges: [Id, Id][] = edges
      .map(([a, b]): [Id, Id] => [blockOf.get(a) ?? '', blockOf.get(b) ?? ''])
      .filter(([a, b]) => a && b && a !== b);
    const min = host.role === 'external' ? m.externalMin : m.hostMin;
    const size = fill(blocks, hostEdges, min, m, { node: 50, rank: 70 }, positions);
    hostBlocks.push({ id: host.id, ...size });
    for (const d of host.devices) {
      if (d.kind !== 'physical' || !d.lan) continue;
      // designed hosts above their LAN segments, the outside world below them
      top.push(host.role === 'external' ? [d.lan, host.id] : [host.id, d.lan]);
    }
  }
  const lanBlocks: Block[] = design.lans.map((l) => ({ id: l.id, ...m.lan }));
  const placed = layered([...hostBlocks, ...lanBlocks], top, { node: 80, rank: 90 });
  for (const [id, p] of placed) positions[id] = { x: 40 + p.x, y: 40 + p.y };
  return { ...design, layout: { positions } };
}
