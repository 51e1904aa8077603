/**
 * Narrow selectors over the document. An id index is built once per design (documents are
 * immutable), so a node component's selector is O(1) and, thanks to immer's structural
 * sharing, returns the same object until that very object changes.
 */
import type { Diagnostic } from '../../core/model/diagnostics';
import type { Design, Device, Host, Id, Lan, Namespace } from '../../core/model/types';
import { loadedChecker } from './checker';

export interface DesignIndex {
  devices: Map<Id, Device>;
  namespaces: Map<Id, Namespace>;
  hosts: Map<Id, Host>;
  lans: Map<Id, Lan>;
  /** Machine of every host, namespace and device id. */
  hostOf: Map<Id, Host>;
}

const cache = new WeakMap<Design, DesignIndex>();

/** The id index of a design (cached). */
export function indexOf(design: Design): DesignIndex {
  const hit = cache.get(design);
  if (hit) return hit;
  const idx: DesignIndex = { devices: new Map(), namespaces: new Map(), hosts: new Map(), lans: new Map(), hostOf: new Map() };
  for (const h of design.hosts) {
    idx.hosts.set(h.id, h); idx.hostOf.set(h.id, h);
    for (const n of h.namespaces) { idx.namespaces.set(n.id, n); idx.hostOf.set(n.id, h); }
    for (const d of h.devices) { idx.devices.set(d.id, d); idx.hostOf.set(d.id, h); }
  }
  for (const l of design.lans) idx.lans.set(l.id, l);
  cache.set(design, idx);
  return idx;
}

export const deviceById = (design: Design, id: Id) => indexOf(design).devices.get(id);
export const namespaceById = (design: Design, id: Id) => indexOf(design).namespaces.get(id);
export const hostById = (design: Design, id: Id) => indexOf(design).hosts.get(id);
export const lanById = (design: Design, id: Id) => indexOf(design).lans.get(id);
export const hostOfId = (design: Design, id: Id) => indexOf(design).hostOf.get(id);

const diagCache = new WeakMap<Design, Map<Id, Diagnostic[]>>();
const NONE: readonly Diagnostic[] = [];

const EMPTY = new Map<Id, Diagnostic[]>();

/**
 * The design's diagnostics grouped by the object they concern (cached per document); empty
 * until the checker is loaded (`useChecker`).
 */
export function diagnosticsByObject(design: Design): Map<Id, Diagnostic[]> {
  const hit = diagCache.get(design);
  if (hit) return hit;
  const validateDesign = loadedChecker();
  if (!validateDesign) return EMPTY;
  const map = new Map<Id, Diagnostic[]>();
  for (const d of validateDesign(design)) {
    if (!d.object) continue;
    const list = map.get(d.object) ?? [];
    list.push(d);
    map.set(d.object, list);
  }
  diagCache.set(design, map);
  return map;
}

/** Diagnostics about one object (a stable empty list when there are none). */
export const diagnosticsOf = (design: Design, id: Id): readonly Diagnostic[] => diagnosticsByObject(design).get(id) ?? NONE;
