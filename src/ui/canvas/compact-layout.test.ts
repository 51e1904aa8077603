import { describe, expect, it } from 'vitest';
import { emptyDesign, IdAllocator } from '../../core/model/design';
import { addDevice, addLanAt, addMachine, addNamespaceTo } from '../../core/model/edit/add';
import { connect } from '../../core/model/edit/connect';
import type { EditResult } from '../../core/model/edit/result';
import type { Design } from '../../core/model/types';
import { compactGeometryOf } from './compact-layout';
import { geometryOf, type Rect } from './geometry';

const ok = (r: EditResult): Design => { if (!r.ok) throw new Error(r.reason); return r.design; };
const step = (d: Design, f: (d: Design, ids: IdAllocator) => EditResult) => ok(f(d, new IdAllocator(d)));
const apart = (a: Rect, b: Rect) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const within = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** Two namespaces with a macvlan each, spread out as people leave them, over a NIC on a LAN. */
function spread(): Design {
  let d = step(emptyDesign(), (x, ids) => addMachine(x, 'host', { x: 40, y: 40 }, ids));
  const host = d.hosts[0].id; const root = d.hosts[0].namespaces[0].id;
  d = step(d, (x, ids) => addNamespaceTo(x, host, { x: 60, y: 60 }, ids));
  d = step(d, (x, ids) => addNamespaceTo(x, host, { x: 520, y: 60 }, ids));
  const [ns1, ns2] = d.hosts[0].namespaces.filter((n) => !n.root).map((n) => n.id);
  d = step(d, (x, ids) => addDevice(x, 'physical', root, { x: 400, y: 420 }, ids));
  d = step(d, (x, ids) => addDevice(x, 'macvlan', ns1, { x: 120, y: 140 }, ids));
  d = step(d, (x, ids) => addDevice(x, 'macvlan', ns2, { x: 620, y: 140 }, ids));
  d = step(d, (x, ids) => addLanAt(x, { x: 500, y: 900 }, ids));
  const devs = d.hosts[0].devices;
  const eth = devs.find((x) => x.kind === 'physical')!.id;
  for (const m of devs.filter((x) => x.kind === 'macvlan')) d = ok(connect(d, m.id, eth, 'parent'));
  return ok(connect(d, eth, d.lans[0].id, 'lan'));
}

describe('compactGeometryOf', () => {
  it('keeps the arrangement, squeezes the whitespace, and overlaps nothing', () => {
    const d = spread();
    const g = compactGeometryOf(d); const o = geometryOf(d);
    const ids = [...g.absolute.keys()];
    for (const a of ids) for (const b of ids) {
      if (a >= b || g.parent.get(a) !== g.parent.get(b)) continue;
      expect(apart(g.absolute.get(a)!, g.absolute.get(b)!), `${a} and ${b}`).toBe(true);
    }
    for (const [kid, parent] of g.parent) expect(within(g.absolute.get(kid)!, g.absolute.get(parent)!)).toBe(true);
    const [ns1, ns2] = d.hosts[0].namespaces.filter((n) => !n.root).map((n) => n.id);
    expect(g.absolute.get(ns1)!.x).toBeLessThan(g.absolute.get(ns2)!.x);
    const eth = d.hosts[0].devices.find((x) => x.kind === 'physical')!.id;
    expect(g.absolute.get(eth)!.y).toBeGreaterThan(g.absolute.get(ns1)!.y + g.absolute.get(ns1)!.height);
    expect(g.absolute.get(d.lans[0].id)!.y).toBeGreaterThan(g.absolute.get(d.hosts[0].id)!.y + g.absolute.get(d.hosts[0].id)!.height);
    const hostW = (x: typeof g) => x.size.get(d.hosts[0].id)!.width;
    expect(hostW(g)).toBeLessThan(hostW(o) * 0.8);
    // devices keep their size; the design's own positions are untouched
    expect(g.size.get(eth)).toEqual(o.size.get(eth));
    expect(d.layout.positions[eth]).toEqual({ x: 400, y: 420 });
  });
});
