/**
 * Copy/paste: duplicates objects with fresh ids and kernel-valid names (`veth0` → the next free
 * `vethN` in the target namespace). References inside the copied set follow the copy;
 * references outside it are kept (a copied macvlan stays on the same parent). A veth is never
 * copied without its peer, a namespace never without its devices.
 */
import { produce } from 'immer';
import type { IdAllocator } from '../design';
import type { Design, Device, Host, Id } from '../types';
import { done, type EditResult } from './result';
import { freeName } from './lookup';

function splitName(name: string): { stem: string; n: number } {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? { stem: m[1], n: Number(m[2]) } : { stem: name, n: 0 };
}

/** Expands a selection to what must be copied with it. */
function copySet(design: Design, ids: Iterable<Id>): Set<Id> {
  const set = new Set(ids);
  for (const h of design.hosts) {
    if (set.has(h.id)) { for (const n of h.namespaces) set.add(n.id); for (const d of h.devices) set.add(d.id); }
    for (const n of h.namespaces) if (set.has(n.id) && !n.root) for (const d of h.devices) if (d.ns === n.id) set.add(d.id);
    for (const d of h.devices) if (set.has(d.id) && d.kind === 'veth') set.add(d.peer);
    for (const n of h.namespaces) if (n.root && !set.has(h.id)) set.delete(n.id);
    for (const d of h.devices) if (d.kind === 'loopback' && !set.has(d.ns)) set.delete(d.id);
  }
  return set;
}

/** Duplicates `ids` (and what must come with them), shifting copies by `offset` on the canvas. */
export function duplicate(design: Design, ids: Iterable<Id>, alloc: IdAllocator, offset = { x: 40, y: 40 }): EditResult {
  const set = copySet(design, ids);
  const map = new Map<Id, Id>();
  const created: Id[] = [];
  const next = produce(design, (d) => {
    const fresh = (id: Id, prefix: string) => { const n = alloc.take(prefix); map.set(id, n); created.push(n); return n; };
    const taken = (host: Host) => [...d.hosts.map((x) => x.name), ...host.namespaces.map((n) => n.name)];
    const newHosts: Host[] = [];
    for (const h of design.hosts) {
      if (!set.has(h.id)) continue;
      const { stem } = splitName(h.name);
      const copy: Host = JSON.parse(JSON.stringify(h));
      copy.id = fresh(h.id, 'h');
      copy.name = freeName(stem || 'host', [...d.hosts.map((x) => x.name), ...newHosts.map((x) => x.name)], 2);
      for (const n of copy.namespaces) { n.id = fresh(n.id, 'n'); if (n.root) n.name = copy.name; }
      for (const dev of copy.devices) dev.id = fresh(dev.id, 'd');
      newHosts.push(copy);
    }
    for (const h of d.hosts) {
      // Namespaces first, then devices, so device namespace references can follow.
      for (const n of design.hosts.find((x) => x.id === h.id)!.namespaces) {
        if (!set.has(n.id) || n.root) continue;
        const copy = JSON.parse(JSON.stringify(n));
        copy.id = fresh(n.id, 'n');
        copy.name = freeName(splitName(n.name).stem || 'ns', taken(h), 1);
        h.namespaces.push(copy);
      }
      const originals = design.hosts.find((x) => x.id === h.id)!.devices.filter((x) => set.has(x.id));
      for (const dev of originals) {
        const copy: Device = JSON.parse(JSON.stringify(dev));
        copy.id = fresh(dev.id, 'd');
        copy.ns = map.get(dev.ns) ?? dev.ns;
        delete copy.mac; // a copy of a MAC would clash; the simulator derives a fresh one.
        const used = h.devices.filter((x) => x.ns === copy.ns).map((x) => x.name);
        // a copied namespace's loopback is its `lo`, like every namespace's
        copy.name = dev.kind === 'loopback' ? 'lo' : freeName(splitName(dev.name).stem || dev.kind, used);
        h.devices.push(copy);
      }
    }
    d.hosts.push(...newHosts);
    // Rewire references inside the copies.
    const remap = (id: Id | undefined) => (id !== undefined ? map.get(id) ?? id : id);
    for (const h of d.hosts) {
      for (const dev of h.devices) {
        if (!created.includes(dev.id)) continue;
        dev.ns = remap(dev.ns)!;
        if (dev.master) dev.master = remap(dev.master);
        if ('parent' in dev) dev.parent = remap(dev.parent)!;
        if (dev.kind === 'veth') dev.peer = remap(dev.peer)!;
      }
      for (const n of h.namespaces) {
        if (!created.includes(n.id)) continue;
        n.routes = n.routes.map((r) => ({ ...r, dev: remap(r.dev) })).map((r) => (r.dev === undefined ? (({ dev: _dev, ...rest }) => rest)(r) : r));
        n.neighbours = n.neighbours.map((x) => ({ ...x, dev: remap(x.dev)! }));
      }
    }
    for (const [oldId, newId] of map) {
      const p = design.layout.positions[oldId];
      if (!p) continue;
      // Only top-level copies shift; children keep their place inside their copied container.
      const nested = isNestedInCopy(design, oldId, set);
      d.layout.positions[newId] = nested ? { ...p } : { x: p.x + offset.x, y: p.y + offset.y };
    }
  });
  return done(next, created);
}

function isNestedInCopy(design: Design, id: Id, set: Set<Id>): boolean {
  for (const h of design.hosts) {
    if (h.namespaces.some((n) => n.id === id && !n.root)) return set.has(h.id);
    const dev = h.devices.find((x) => x.id === id);
    if (dev) {
      const ns = h.namespaces.find((n) => n.id === dev.ns);
      return ns?.root ? set.has(h.id) : set.has(dev.ns);
    }
  }
  return false;
}
