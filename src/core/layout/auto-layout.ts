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

/** Above this many boxes in one container, dagre's crossing reduction takes seconds; rows are used instead. */
const DAGRE_LIMIT = 150;

/** Top-left positions of `blocks` laid out top to bottom along `edges` (upper → lower). */
function layered(blocks: Block[], edges: [Id, Id][], gap: { node: number; rank: number }): Map<Id, { x: number; y: number }> {
  if (blocks.length > DAGRE_LIMIT) return rows(blocks, edges, gap);
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: gap.node, ranksep: gap.rank, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of blocks) g.setNode(b.id, { width: b.width, height: b.height });
  const known = new Set(blocks.map((b) => b.id));
  // dagre's first ordering walks the edges last to first; feed them backwards to keep document order
  for (const [a, b] of [...edges].reverse()) if (a !== b && known.has(a) && known.has(b)) g.setEdge(a, b);
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

/**
 * The layering without crossing reduction, for very large containers: each box goes one rank
 * below its lowest upper neighbour, and each rank is laid out in document order as rows
 * wrapped to a roughly square picture.
 */
function rows(blocks: Block[], edges: [Id, Id][], gap: { node: number; rank: number }): Map<Id, { x: number; y: number }> {
  const rank = new Map(blocks.map((b) => [b.id, 0]));
  // longest path from the top; cycles (impossible for stacked devices) are cut by the pass limit
  for (let pass = 0; pass < blocks.length; pass++) {
    let moved = false;
    for (const [a, b] of edges) {
      const ra = rank.get(a); const rb = rank.get(b);
      if (ra === undefined || rb === undefined || a === b || rb > ra) continue;
      rank.set(b, ra + 1); moved = true;
    }
    if (!moved) break;
  }
  const byRank = new Map<number, Block[]>();
  for (const b of blocks) byRank.set(rank.get(b.id)!, [...(byRank.get(rank.get(b.id)!) ?? []), b]);
  const maxWidth = Math.sqrt(blocks.reduce((n, b) => n + (b.width + gap.node) * (b.height + gap.rank), 0)) * 1.6;
  const out = new Map<Id, { x: number; y: number }>();
  let y = 0;
  for (const r of [...byRank.keys()].sort((a, b) => a - b)) {
    let x = 0; let rowH = 0;
    for (const b of byRank.get(r)!) {
      if (x > 0 && x + b.width > maxWidth) { x = 0; y += rowH + gap.rank; rowH = 0; }
      out.set(b.id, { x, y });
      x += b.width + gap.node; rowH = Math.max(rowH, b.height);
    }
    y += rowH + gap.rank;
  }
  return out;
}

/**
 * The upper → lower relations between devices, matching where the canvas puts the plugs:
 * a stacked child above its lower device (its lower-device plug is on its bottom edge), a
 * bridge above its ports (the ports socket is on the bridge's bottom edge), and of a veth
 * pair the end in a namespace (or else the end that is not a bridge port) on top.
 */
function deviceEdges(host: Host, rootNs: Id | undefined): [Id, Id][] {
  const byId = new Map(host.devices.map((d) => [d.id, d]));
  const out: [Id, Id][] = [];
  for (const d of host.devices) {
    if ('parent' in d && d.parent && byId.has(d.parent)) out.push([d.id, d.parent]);
    if (d.master && byId.has(d.master)) out.push([d.master, d.id]);
    if (d.kind === 'veth' && byId.has(d.peer) && d.id < d.peer) {
      const peer = byId.get(d.peer)!;
      const lowerFirst = (d.ns === rootNs && peer.ns !== rootNs) || (d.master !== undefined && peer.master === undefined);
      out.push(lowerFirst ? [peer.id, d.id] : [d.id, peer.id]);
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
    // NICs plugged into a LAN go to the bottom of their machine, next to the LAN below it
    const nics = host.devices.filter((d) => d.kind === 'physical' && d.lan && blockOf.get(d.id) === d.id).map((d) => d.id);
    const hasLower = new Set(hostEdges.map(([a]) => a));
    for (const b of blocks) {
      if (hasLower.has(b.id) || nics.includes(b.id)) continue;
      for (const nic of nics) hostEdges.push([b.id, nic]);
    }
    const min = host.role === 'external' ? m.externalMin : m.hostMin;
    const size = fill(blocks, hostEdges, min, m, { node: 50, rank: 70 }, positions);
    hostBlocks.push({ id: host.id, ...size });
    for (const d of host.devices) {
      if (d.kind !== 'physical' || !d.lan) continue;
      // machines above the LAN segments they plug into: a NIC's LAN plug is on its lower edge
      top.push([host.id, d.lan]);
    }
  }
  const lanBlocks: Block[] = design.lans.map((l) => ({ id: l.id, ...m.lan }));
  const placed = layered([...hostBlocks, ...lanBlocks], top, { node: 80, rank: 90 });
  for (const [id, p] of placed) positions[id] = { x: 40 + p.x, y: 40 + p.y };
  // machines sit on one baseline, so every LAN wire leaves below every machine box
  const bottom = Math.max(...hostBlocks.map((b) => positions[b.id].y + b.height));
  for (const b of hostBlocks) positions[b.id] = { x: positions[b.id].x, y: bottom - b.height };
  alignLans(design, positions, m);
  return { ...design, layout: { positions } };
}

/**
 * Moves each LAN segment under the NICs plugged into it (the designed host's first), so LAN
 * wires drop straight down instead of running under the host box. LAN segments share one row
 * below every machine, so keeping them apart from each other keeps them apart from everything.
 */
function alignLans(design: Design, positions: Record<Id, { x: number; y: number }>, m: LayoutMetrics): void {
  const centres = new Map<Id, { designed: number[]; any: number[] }>();
  for (const host of design.hosts) {
    const root = host.namespaces.find((n) => n.root)?.id;
    for (const d of host.devices) {
      if (d.kind !== 'physical' || !d.lan || !positions[d.id]) continue;
      let x = positions[host.id].x + positions[d.id].x + m.device.width / 2;
      if (d.ns !== root && positions[d.ns]) x += positions[d.ns].x;
      const c = centres.get(d.lan) ?? { designed: [], any: [] };
      (host.role === 'host' ? c.designed : c.any).push(x);
      centres.set(d.lan, c);
    }
  }
  // a LAN nothing plugs into stays where the layered layout put it (in the machines' row)
  const wanted = design.lans.filter((l) => centres.has(l.id)).map((l) => {
    const c = centres.get(l.id)!;
    const xs = c.designed.length ? c.designed : c.any;
    return { id: l.id, x: Math.round(xs.reduce((a, b) => a + b, 0) / xs.length - m.lan.width / 2) };
  }).sort((a, b) => a.x - b.x);
  let right = -Infinity;
  for (const w of wanted) {
    const x = Math.max(w.x, right + 40);
    positions[w.id] = { x, y: positions[w.id].y };
    right = x + m.lan.width;
  }
}
