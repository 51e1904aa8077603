/**
 * Deleting objects with the kernel's cascade (kernel-behaviour 0.6): a veth end takes its peer,
 * a parent takes its macvlan/ipvlan/VLAN children wherever they are, a namespace destroys its
 * virtual devices and returns physical NICs to the root namespace, a bridge releases its ports.
 */
import { produce } from 'immer';
import type { Design, Host, Id } from '../types';
import { done, type EditResult } from './result';
import { unregisterFromNamespace } from './move-device';

/** The ids `deleteObjects(ids)` would remove, cascade included. */
export function deletionSet(design: Design, ids: Iterable<Id>): Set<Id> {
  const gone = new Set<Id>(ids);
  // Root namespaces and loopbacks are not deletable on their own; they go with their machine/namespace.
  for (const h of design.hosts) {
    if (gone.has(h.id)) { for (const n of h.namespaces) gone.add(n.id); for (const d of h.devices) gone.add(d.id); continue; }
    for (const n of h.namespaces) if (n.root) gone.delete(n.id);
    for (const d of h.devices) if (d.kind === 'loopback' && !gone.has(d.ns)) gone.delete(d.id);
    for (const n of h.namespaces) if (gone.has(n.id)) {
      // Virtual devices die with their namespace; physical NICs survive (moved to root).
      for (const d of h.devices) if (d.ns === n.id && d.kind !== 'physical') gone.add(d.id);
    }
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of h.devices) {
        if (gone.has(d.id)) continue;
        const dies = (d.kind === 'veth' && gone.has(d.peer)) || ('parent' in d && gone.has(d.parent));
        if (dies) { gone.add(d.id); grew = true; }
      }
    }
  }
  return gone;
}

function rehome(host: Host, gone: Set<Id>): void {
  const root = host.namespaces.find((n) => n.root);
  for (const d of host.devices) {
    if (gone.has(d.id) || !gone.has(d.ns) || !root) continue;
    unregisterFromNamespace(host, d);
    d.up = false;
    d.ns = root.id;
  }
}

/** Deletes the objects `ids` and everything the kernel deletes with them. */
export function deleteObjects(design: Design, ids: Iterable<Id>): EditResult {
  const gone = deletionSet(design, ids);
  if (gone.size === 0) return done(design);
  const next = produce(design, (d) => {
    d.hosts = d.hosts.filter((h) => !gone.has(h.id));
    for (const h of d.hosts) {
      rehome(h, gone);
      h.devices = h.devices.filter((x) => !gone.has(x.id));
      h.namespaces = h.namespaces.filter((n) => !gone.has(n.id));
      for (const dev of h.devices) {
        if (dev.master && gone.has(dev.master)) { delete dev.master; delete dev.port; }
        if (dev.kind === 'physical' && dev.lan && gone.has(dev.lan)) delete dev.lan;
      }
      for (const n of h.namespaces) {
        n.routes = n.routes.filter((r) => !r.dev || !gone.has(r.dev));
        n.neighbours = n.neighbours.filter((x) => !gone.has(x.dev));
      }
    }
    d.lans = d.lans.filter((l) => !gone.has(l.id));
    for (const id of gone) { delete d.layout.positions[id]; if (d.layout.sizes) delete d.layout.sizes[id]; }
  });
  return done(next);
}
