/**
 * What a finished drag means: new positions (one undo step), and for a device dropped in
 * another namespace of its machine, `ip link set DEV netns NS` (moveDevice).
 */
import { moveDevice } from '../../core/model/edit/move-device';
import { setPositions } from '../../core/model/edit/fields';
import { refuse, sequence, type EditResult } from '../../core/model/edit/result';
import type { Design, Id } from '../../core/model/types';
import { deviceById, hostOfId, namespaceById } from '../store/selectors';
import { containerAt, DEVICE_H, DEVICE_W, geometryOf, HEADER, placeInside } from './geometry';

export interface DraggedNode { id: Id; kind: string; position: { x: number; y: number }; absolute: { x: number; y: number } }

/** The command for a finished drag of `dragged`, and info lines to show the user. */
export function dragCommand(design: Design, dragged: DraggedNode[]): { run: (d: Design) => EditResult; notes: string[] } {
  const ids = new Set(dragged.map((n) => n.id));
  const positions: Record<Id, { x: number; y: number }> = {};
  const steps: ((d: Design) => EditResult)[] = [];
  const notes: string[] = [];
  for (const n of dragged) {
    const dev = n.kind === 'device' ? deviceById(design, n.id) : undefined;
    if (!dev) { positions[n.id] = n.position; continue; }
    const host = hostOfId(design, dev.id)!;
    const rootId = host.namespaces.find((x) => x.root)?.id;
    const parentNode = dev.ns === rootId ? host.id : dev.ns;
    if (ids.has(parentNode)) { positions[n.id] = n.position; continue; }
    const centre = { x: n.absolute.x + DEVICE_W / 2, y: n.absolute.y + DEVICE_H / 2 };
    // Dropped on bare canvas: the device stays on its machine (whose box grows to fit).
    const c = containerAt(design, centre) ?? geometryOf(design).containers.find((x) => x.id === host.id);
    if (!c || c.hostId !== host.id) {
      steps.push(() => refuse(`${dev.name} belongs to ${host.name}: a device can move between its machine's namespaces, not leave the machine`));
      continue;
    }
    if (c.nsId !== dev.ns) {
      steps.push((d) => moveDevice(d, dev.id, c.nsId));
      positions[n.id] = placeInside(c, centre, { width: DEVICE_W, height: DEVICE_H });
      const target = namespaceById(design, c.nsId)!;
      notes.push(`ip link set ${dev.name} netns ${target.root ? '(root)' : target.name}: it is now down, without addresses, routes or bridge port`);
    } else {
      const rel = placeInside(c, centre, { width: DEVICE_W, height: DEVICE_H });
      positions[n.id] = { x: Math.max(4, rel.x), y: Math.max(HEADER + 2, rel.y) };
    }
  }
  return { run: (d) => sequence(d, ...steps, (x) => setPositions(x, positions)), notes };
}
