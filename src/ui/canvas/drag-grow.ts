/**
 * A namespace follows a device dragged towards its right or bottom edge: while the device's
 * centre is still inside the namespace's box as it was before the drag — where the drop keeps
 * the device in that namespace — the box grows to hold the device and its padding, exactly the
 * size the namespace takes after the drop, so nothing jumps. Once the centre leaves the box the
 * device is on its way to another namespace (or the machine's root namespace) and the box
 * takes its own size again. The machine around it grows with it.
 */
import type { Design, Id } from '../../core/model/types';
import type { FlowNode } from './flow-sync';
import { geometryOf, PAD } from './geometry';

type Size = { width: number; height: number };

/** `nodes` with the namespaces (and their hosts) of the dragged devices `dragged` sized for the drag. */
export function growForDrag(design: Design, nodes: FlowNode[], dragged: ReadonlySet<Id>): FlowNode[] {
  const g = geometryOf(design);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const want = new Map<Id, Size>();
  const grow = (id: Id, s: Size) => {
    const w = want.get(id) ?? g.size.get(id)!;
    want.set(id, { width: Math.max(w.width, s.width), height: Math.max(w.height, s.height) });
  };
  for (const id of dragged) {
    const n = byId.get(id);
    const nsId = n?.parentId;
    if (!n || n.type !== 'device' || !nsId || byId.get(nsId)?.type !== 'namespace' || dragged.has(nsId)) continue;
    const before = g.size.get(nsId)!;
    const size = g.size.get(id)!;
    const cx = n.position.x + size.width / 2; const cy = n.position.y + size.height / 2;
    const staying = cx >= 0 && cy >= 0 && cx <= before.width && cy <= before.height;
    grow(nsId, staying ? { width: n.position.x + size.width + PAD, height: n.position.y + size.height + PAD } : before);
  }
  if (!want.size) return nodes;
  // the machine holds its namespaces (with their padding) as geometryOf sizes it
  for (const [nsId, s] of [...want]) {
    const hostId = byId.get(nsId)!.parentId!;
    const p = byId.get(nsId)!.position;
    grow(hostId, { width: p.x + s.width + PAD, height: p.y + s.height + PAD });
  }
  return nodes.map((n) => {
    const s = want.get(n.id);
    return !s || (s.width === n.width && s.height === n.height) ? n : { ...n, ...s };
  });
}
