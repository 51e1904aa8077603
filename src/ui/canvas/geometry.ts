/**
 * Canvas geometry derived from the document: node sizes, container sizes that grow to fit
 * their children, absolute rectangles, and "which container is under this point". Pure
 * functions of the design, so drops and drags are decided the same way everywhere.
 */
import type { Design, Id } from '../../core/model/types';

export const DEVICE_W = 176;
export const DEVICE_H = 70;
export const LAN_W = 200;
export const LAN_H = 46;
export const HEADER = 34;
export const PAD = 24;
export const NS_MIN = { width: 240, height: 150 };
export const HOST_MIN = { width: 420, height: 260 };
export const EXTERNAL_MIN = { width: 240, height: 140 };

export interface Rect { x: number; y: number; width: number; height: number }
export type ContainerKind = 'host' | 'namespace';
export interface Container { id: Id; kind: ContainerKind; hostId: Id; nsId: Id; rect: Rect; depth: number }

/** Where an object with no stored position goes: a simple grid inside its parent. */
function gridSpot(index: number, cols: number, cellW: number, cellH: number, top: number): { x: number; y: number } {
  return { x: PAD + (index % cols) * cellW, y: top + Math.floor(index / cols) * cellH };
}

export interface Geometry {
  /** Position relative to the parent node (absolute for top-level nodes). */
  position: Map<Id, { x: number; y: number }>;
  size: Map<Id, { width: number; height: number }>;
  absolute: Map<Id, Rect>;
  /** Parent node id (host or namespace), for nested nodes. */
  parent: Map<Id, Id>;
  containers: Container[];
}

const cache = new WeakMap<Design, Geometry>();

/** Positions, sizes and containment of every node drawn for `design` (cached per document). */
export function geometryOf(design: Design): Geometry {
  const hit = cache.get(design);
  if (hit) return hit;
  const g: Geometry = { position: new Map(), size: new Map(), absolute: new Map(), parent: new Map(), containers: [] };
  const pos = design.layout.positions;
  let topIndex = 0;
  for (const host of design.hosts) {
    const root = host.namespaces.find((n) => n.root);
    const hostPos = pos[host.id] ?? { x: 40 + (topIndex++) * 520, y: 40 };
    let nsIndex = 0;
    const fit = (id: Id, min: { width: number; height: number }, kids: Id[]) => {
      let w = min.width; let h = min.height;
      for (const k of kids) {
        const p = g.position.get(k)!; const s = g.size.get(k)!;
        w = Math.max(w, p.x + s.width + PAD); h = Math.max(h, p.y + s.height + PAD);
      }
      const stored = design.layout.sizes?.[id];
      if (stored) { w = Math.max(w, stored.width); h = Math.max(h, stored.height); }
      g.size.set(id, { width: w, height: h });
    };
    const hostKids: Id[] = [];
    let rootIndex = 0;
    for (const ns of host.namespaces) {
      if (ns.root) continue;
      const devs = host.devices.filter((d) => d.ns === ns.id && d.kind !== 'loopback');
      devs.forEach((d, i) => {
        g.position.set(d.id, pos[d.id] ?? gridSpot(i, 2, DEVICE_W + 20, DEVICE_H + 30, HEADER + 12));
        g.size.set(d.id, { width: DEVICE_W, height: DEVICE_H });
        g.parent.set(d.id, ns.id);
      });
      fit(ns.id, NS_MIN, devs.map((d) => d.id));
      g.position.set(ns.id, pos[ns.id] ?? gridSpot(nsIndex++, 3, NS_MIN.width + 30, NS_MIN.height + 30, HEADER + 12));
      g.parent.set(ns.id, host.id);
      hostKids.push(ns.id);
    }
    for (const d of host.devices) {
      if (d.ns !== root?.id || d.kind === 'loopback') continue;
      g.position.set(d.id, pos[d.id] ?? gridSpot(rootIndex++, 3, DEVICE_W + 20, DEVICE_H + 30, HEADER + 12 + (nsIndex ? NS_MIN.height + 40 : 0)));
      g.size.set(d.id, { width: DEVICE_W, height: DEVICE_H });
      g.parent.set(d.id, host.id);
      hostKids.push(d.id);
    }
    fit(host.id, host.role === 'external' ? EXTERNAL_MIN : HOST_MIN, hostKids);
    g.position.set(host.id, hostPos);
  }
  design.lans.forEach((lan) => {
    g.position.set(lan.id, pos[lan.id] ?? { x: 40 + (topIndex++) * 260, y: 420 });
    g.size.set(lan.id, { width: LAN_W, height: LAN_H });
  });
  // Absolute rectangles, parents first (hosts, then namespaces, then devices).
  const absOf = (id: Id): Rect => {
    const known = g.absolute.get(id);
    if (known) return known;
    const p = g.position.get(id)!; const s = g.size.get(id)!;
    const parent = g.parent.get(id);
    const base = parent ? absOf(parent) : { x: 0, y: 0 };
    const r = { x: base.x + p.x, y: base.y + p.y, width: s.width, height: s.height };
    g.absolute.set(id, r);
    return r;
  };
  for (const id of g.position.keys()) absOf(id);
  for (const host of design.hosts) {
    const root = host.namespaces.find((n) => n.root);
    if (root) g.containers.push({ id: host.id, kind: 'host', hostId: host.id, nsId: root.id, rect: g.absolute.get(host.id)!, depth: 0 });
    for (const ns of host.namespaces) if (!ns.root) g.containers.push({ id: ns.id, kind: 'namespace', hostId: host.id, nsId: ns.id, rect: g.absolute.get(ns.id)!, depth: 1 });
  }
  cache.set(design, g);
  return g;
}

function inside(r: Rect, p: { x: number; y: number }): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

/** The innermost container (namespace before host) under point `p`, ignoring `exclude`. */
export function containerAt(design: Design, p: { x: number; y: number }, exclude?: Id): Container | undefined {
  const hits = geometryOf(design).containers.filter((c) => c.id !== exclude && inside(c.rect, p));
  hits.sort((a, b) => b.depth - a.depth);
  return hits[0];
}

/** A position for a node of size `size` centred on `p`, relative to container `c`, kept clear of its header. */
export function placeInside(c: Container | undefined, p: { x: number; y: number }, size: { width: number; height: number }): { x: number; y: number } {
  const x = p.x - size.width / 2 - (c?.rect.x ?? 0);
  const y = p.y - size.height / 2 - (c?.rect.y ?? 0);
  if (!c) return { x: Math.round(x), y: Math.round(y) };
  return { x: Math.round(Math.max(12, x)), y: Math.round(Math.max(HEADER + 8, y)) };
}
