/**
 * What dropping a palette item at a canvas point means, as one core command: the container
 * under the point decides the machine and namespace; a device dropped on an empty canvas
 * gets a host made for it.
 */
import type { IdAllocator } from '../../core/model/design';
import { addDevice, addLanAt, addMachine, addNamespaceTo, type PaletteDeviceKind, type Point } from '../../core/model/edit/add';
import { refuse, sequence, type EditResult } from '../../core/model/edit/result';
import type { Design } from '../../core/model/types';
import { containerAt, DEVICE_H, DEVICE_W, geometryOf, HEADER, LAN_H, LAN_W, NS_MIN, PAD, placeInside, type Container } from './geometry';

export type PaletteItem =
  | { type: 'device'; kind: PaletteDeviceKind }
  | { type: 'namespace' }
  | { type: 'host' }
  | { type: 'external' }
  | { type: 'lan' };

export const PALETTE_MIME = 'application/x-vnetlab-palette';

/** The designed-host container nearest to `p`, if any. */
function nearestHost(design: Design, p: Point): Container | undefined {
  const hosts = geometryOf(design).containers.filter((c) => c.kind === 'host' && design.hosts.find((h) => h.id === c.id)?.role === 'host');
  const dist = (c: Container) => Math.hypot(Math.max(c.rect.x - p.x, 0, p.x - c.rect.x - c.rect.width), Math.max(c.rect.y - p.y, 0, p.y - c.rect.y - c.rect.height));
  return hosts.sort((a, b) => dist(a) - dist(b))[0];
}

const GAP = 16;

/**
 * Where a node of `size` dropped at `p` goes inside container `c`: at the drop point when
 * that is free, otherwise at the nearest spot (rings of 24 px steps) that overlaps none of
 * the container's other children, so a drop never lands on top of another node.
 */
export function placeFree(design: Design, c: Container, p: Point, size: { width: number; height: number }): Point {
  const want = placeInside(c, p, size);
  const g = geometryOf(design);
  const siblings = [...g.parent.entries()].filter(([, parent]) => parent === c.id).map(([id]) => ({ ...g.position.get(id)!, ...g.size.get(id)! }));
  const free = (q: Point) => q.x >= 12 && q.y >= HEADER + 8 && siblings.every((r) => q.x + size.width + GAP <= r.x || r.x + r.width + GAP <= q.x || q.y + size.height + GAP <= r.y || r.y + r.height + GAP <= q.y);
  if (free(want)) return want;
  const STEP = 24;
  for (let ring = 1; ring <= 60; ring++) {
    let best: Point | undefined; let bestD = Infinity;
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [[i, -ring], [i, ring], [-ring, i], [ring, i]]) {
        const q = { x: want.x + dx * STEP, y: want.y + dy * STEP };
        const dist = Math.hypot(dx, dy);
        if (dist < bestD && free(q)) { best = q; bestD = dist; }
      }
    }
    if (best) return best;
  }
  return want;
}

/** Runs `inside(design, container)` in the designed host under (or nearest to) `p`, making one if there is none. */
function inHostAt(design: Design, p: Point, ids: IdAllocator, size: { width: number; height: number }, run: (d: Design, c: Container) => EditResult): EditResult {
  const under = containerAt(design, p);
  if (under && design.hosts.find((h) => h.id === under.hostId)?.role === 'external') {
    return refuse('an external host is described by its one NIC; design devices and namespaces in a host');
  }
  const target = under ?? nearestHost(design, p);
  if (target) return run(design, target);
  const at = { x: Math.round(p.x - size.width / 2 - PAD), y: Math.round(p.y - size.height / 2 - HEADER - 12) };
  return sequence(design,
    (d) => addMachine(d, 'host', at, ids),
    (d) => run(d, containerAt(d, p)!));
}

/** The command for dropping `item` at flow position `p`. */
export function dropCommand(design: Design, item: PaletteItem, p: Point, ids: IdAllocator): EditResult {
  switch (item.type) {
    case 'device': {
      const size = { width: DEVICE_W, height: DEVICE_H };
      return inHostAt(design, p, ids, size, (d, c) => addDevice(d, item.kind, c.nsId, placeFree(d, c, p, size), ids));
    }
    case 'namespace': {
      const size = NS_MIN;
      return inHostAt(design, p, ids, size, (d, c) => {
        const host = geometryOf(d).containers.find((x) => x.id === c.hostId)!;
        return addNamespaceTo(d, c.hostId, placeFree(d, host, p, size), ids);
      });
    }
    case 'host': case 'external':
      return addMachine(design, item.type, { x: Math.round(p.x - 60), y: Math.round(p.y - 20) }, ids);
    case 'lan':
      return addLanAt(design, { x: Math.round(p.x - LAN_W / 2), y: Math.round(p.y - LAN_H / 2) }, ids);
  }
}
