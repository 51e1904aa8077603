/**
 * Which relation a drag between two handles means. Handles are named for their role:
 * `upper` (a device's socket for devices stacked on it), `link` (a child's plug to its lower
 * device), `master` (a device's plug to a bridge), `ports` (a bridge's socket), `lan` (a NIC's
 * plug), `nic`/`nic-b` (a LAN segment's sockets), `peer-l`/`peer-r` (a veth end).
 */
import type { Connection } from '@xyflow/react';
import type { Relation } from '../../core/model/edit/connect';
import { connectProblem } from '../../core/model/edit/connect';
import type { Design, Id } from '../../core/model/types';

export interface ResolvedConnection { relation: Relation; a: Id; b: Id }

/** Turns a React Flow connection into a relation from `a` to `b`, or a reason it means nothing. */
export function resolveConnection(c: Connection): ResolvedConnection | { problem: string } {
  const ends = [
    { node: c.source, handle: c.sourceHandle ?? '' },
    { node: c.target, handle: c.targetHandle ?? '' },
  ];
  const find = (pred: (h: string) => boolean) => {
    const i = ends.findIndex((e) => pred(e.handle));
    return i < 0 ? undefined : { self: ends[i], other: ends[1 - i] };
  };
  const ports = find((h) => h === 'ports');
  if (ports) return { relation: 'master', a: ports.other.node, b: ports.self.node };
  const nic = find((h) => h === 'nic' || h === 'nic-b');
  if (nic) return { relation: 'lan', a: nic.other.node, b: nic.self.node };
  const lan = find((h) => h === 'lan');
  if (lan) return { problem: 'a NIC\'s LAN plug goes to a LAN segment' };
  const link = find((h) => h === 'link');
  if (link) return { relation: 'parent', a: link.self.node, b: link.other.node };
  const master = find((h) => h === 'master');
  if (master) return { relation: 'master', a: master.self.node, b: master.other.node };
  const peer = find((h) => h.startsWith('peer'));
  if (peer) return { relation: 'peer', a: peer.self.node, b: peer.other.node };
  return { problem: 'drag from a child\'s lower-device plug (bottom) to this device\'s top socket' };
}

/** Why the kernel (or the design) refuses connection `c`, or undefined if it is accepted. */
export function connectionProblem(design: Design, c: Connection): string | undefined {
  const r = resolveConnection(c);
  if ('problem' in r) return r.problem;
  return connectProblem(design, r.a, r.b, r.relation);
}
