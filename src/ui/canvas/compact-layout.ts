/**
 * A compact view of the design's own layout, for presentation: the same boxes in the same
 * arrangement (what was left of, or above, another stays so), with the whitespace between them
 * squeezed out and containers hugging their children. The design's positions are never changed;
 * the canvas draws this geometry instead of `geometryOf` while the view is compact.
 *
 * Per container level (a namespace's devices, a machine's namespaces and root devices, the
 * machines and LAN segments), two boxes whose rows overlapped keep their left-to-right order
 * and the others keep their top-to-bottom order, so no two boxes can overlap afterwards. Boxes
 * then sit at their original place scaled by how much the level shrank, where that is free,
 * so a device centred under two namespaces stays roughly centred.
 */
import type { Design, Id } from '../../core/model/types';
import { geometryOf, HEADER, type Geometry, type Rect } from './geometry';

/** Space between a container's edge and its children, and between siblings, in the compact view. */
export const COMPACT_PAD = 10;
export const COMPACT_GAP = 14;
/**
 * Between rows the gap is taller: the wires between a row and the next (a child to its lower
 * device, a port to its bridge, a NIC to its LAN) run there, with their labels beside them.
 */
export const COMPACT_ROW_GAP = 40;
const TOP_GAP = 24;
const MIN_NS = { width: 150, height: 90 };
const MIN_HOST = { width: 190, height: 100 };

interface Item { id: Id; orig: Rect; width: number; height: number; wantX?: number }
type Point = { x: number; y: number };

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/** One axis: each box goes after every box it must follow, and no further left than it wants. */
function sweep(items: Item[], axis: 'x' | 'y', lead: number, gap: number, want: Map<Id, number>): Map<Id, number> {
  const size = (i: Item) => (axis === 'x' ? i.width : i.height);
  const start = (r: Rect) => (axis === 'x' ? r.x : r.y);
  const len = (r: Rect) => (axis === 'x' ? r.width : r.height);
  // x: boxes sharing a row follow each other by their centres; y: boxes in no common row follow by their tops
  const follows = (a: Item, b: Item): boolean => {
    const sameRow = overlaps(a.orig.y, a.orig.y + a.orig.height, b.orig.y, b.orig.y + b.orig.height);
    if (axis === 'x') return sameRow && a.orig.x + a.orig.width / 2 > b.orig.x + b.orig.width / 2;
    return !sameRow && a.orig.y > b.orig.y;
  };
  const order = [...items].sort((a, b) => (axis === 'x' ? start(a.orig) + len(a.orig) / 2 - start(b.orig) - len(b.orig) / 2 : start(a.orig) - start(b.orig)));
  const out = new Map<Id, number>();
  for (const it of order) {
    let v = Math.max(lead, want.get(it.id) ?? lead);
    for (const p of order) {
      if (p === it) break;
      if (follows(it, p)) v = Math.max(v, out.get(p.id)! + size(p) + gap);
    }
    out.set(it.id, Math.round(v));
  }
  return out;
}

/** Positions for one level's boxes, relative to their container. */
function pack(items: Item[], lead: Point, gap: number, rowGap = gap): Map<Id, Point> {
  if (!items.length) return new Map();
  const axes = (['x', 'y'] as const).map((axis) => {
    const g = axis === 'x' ? gap : rowGap;
    const first = sweep(items, axis, lead[axis], g, new Map());
    const o0 = Math.min(...items.map((i) => (axis === 'x' ? i.orig.x : i.orig.y)));
    const o1 = Math.max(...items.map((i) => (axis === 'x' ? i.orig.x + i.orig.width : i.orig.y + i.orig.height)));
    const n1 = Math.max(...items.map((i) => first.get(i.id)! + (axis === 'x' ? i.width : i.height)));
    const k = Math.min(1, (n1 - lead[axis]) / Math.max(1, o1 - o0));
    const want = new Map(items.map((i) => [i.id, axis === 'x' && i.wantX !== undefined ? i.wantX
      : lead[axis] + ((axis === 'x' ? i.orig.x : i.orig.y) - o0) * k]));
    return sweep(items, axis, lead[axis], g, want);
  });
  return new Map(items.map((i) => [i.id, { x: axes[0].get(i.id)!, y: axes[1].get(i.id)! }]));
}

function hug(kids: Item[], at: Map<Id, Point>, min: { width: number; height: number }): { width: number; height: number } {
  let width = min.width; let height = min.height;
  for (const k of kids) {
    const p = at.get(k.id)!;
    width = Math.max(width, p.x + k.width + COMPACT_PAD);
    height = Math.max(height, p.y + k.height + COMPACT_PAD);
  }
  return { width, height };
}

const cache = new WeakMap<Design, Geometry>();

/** The compact geometry of `design` (cached per document), in the shape `geometryOf` returns. */
export function compactGeometryOf(design: Design): Geometry {
  const hit = cache.get(design);
  if (hit) return hit;
  const orig = geometryOf(design);
  const g: Geometry = { position: new Map(), size: new Map(), absolute: new Map(), parent: new Map(orig.parent), containers: [] };
  const item = (id: Id): Item => ({ id, orig: orig.absolute.get(id)!, width: g.size.get(id)!.width, height: g.size.get(id)!.height });
  const lead = { x: COMPACT_PAD, y: HEADER + 6 };
  const kidsOf = new Map<Id, Id[]>();
  for (const [kid, parent] of orig.parent) kidsOf.set(parent, [...(kidsOf.get(parent) ?? []), kid]);
  const place = (container: Id, min: { width: number; height: number }) => {
    const kids = (kidsOf.get(container) ?? []).map(item);
    const at = pack(kids, lead, COMPACT_GAP, COMPACT_ROW_GAP);
    for (const [id, p] of at) g.position.set(id, p);
    g.size.set(container, hug(kids, at, min));
  };
  for (const host of design.hosts) {
    for (const d of host.devices) if (orig.size.has(d.id)) g.size.set(d.id, orig.size.get(d.id)!);
    for (const ns of host.namespaces) if (!ns.root && orig.size.has(ns.id)) place(ns.id, MIN_NS);
    place(host.id, MIN_HOST);
  }
  for (const lan of design.lans) g.size.set(lan.id, orig.size.get(lan.id)!);
  const top = [...design.hosts.map((h) => item(h.id)), ...design.lans.map((l) => item(l.id))];
  const origin = { x: 0, y: 0 };
  let at = pack(top, origin, TOP_GAP, COMPACT_ROW_GAP);
  // a LAN segment goes under the NICs plugged into it, where that is free
  const nicCentres = new Map<Id, number[]>();
  for (const host of design.hosts) {
    for (const d of host.devices) {
      if (d.kind !== 'physical' || !d.lan || !g.position.has(d.id)) continue;
      const parent = g.parent.get(d.id)!;
      let x = at.get(host.id)!.x + g.position.get(d.id)!.x + g.size.get(d.id)!.width / 2;
      if (parent !== host.id) x += g.position.get(parent)!.x;
      nicCentres.set(d.lan, [...(nicCentres.get(d.lan) ?? []), x]);
    }
  }
  if (nicCentres.size) {
    for (const it of top) {
      const xs = nicCentres.get(it.id);
      if (xs) it.wantX = xs.reduce((a, b) => a + b, 0) / xs.length - it.width / 2;
    }
    at = pack(top, origin, TOP_GAP, COMPACT_ROW_GAP);
  }
  for (const [id, p] of at) g.position.set(id, p);
  const absOf = (id: Id): Rect => {
    const known = g.absolute.get(id);
    if (known) return known;
    const p = g.position.get(id)!; const s = g.size.get(id)!;
    const parent = g.parent.get(id);
    const base = parent ? absOf(parent) : origin;
    const r = { x: base.x + p.x, y: base.y + p.y, width: s.width, height: s.height };
    g.absolute.set(id, r);
    return r;
  };
  for (const id of g.position.keys()) absOf(id);
  g.containers = orig.containers.map((c) => ({ ...c, rect: g.absolute.get(c.id)! }));
  cache.set(design, g);
  return g;
}
