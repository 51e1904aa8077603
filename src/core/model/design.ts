/**
 * Constructors and look-ups over the design document. Pure functions; nothing here mutates
 * its input except the explicitly named builders in `IdAllocator`.
 */
import {
  DESIGN_FORMAT, DESIGN_VERSION,
  type Design, type Device, type Host, type HostRole, type Id, type Lan, type Namespace,
} from './types';

/** An empty design with no machines. */
export function emptyDesign(): Design {
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, hosts: [], lans: [], layout: { positions: {} } };
}

/**
 * Hands out ids that are unique within a design: `prefix` + the smallest free counter.
 * Deterministic (no randomness, no clock), so the same edits give the same ids.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();

  constructor(design?: Design) {
    if (design) for (const id of allIds(design)) this.used.add(id);
  }

  take(prefix: string): Id {
    let n = this.next.get(prefix) ?? 1;
    while (this.used.has(`${prefix}${n}`)) n++;
    const id = `${prefix}${n}`;
    this.used.add(id);
    this.next.set(prefix, n + 1);
    return id;
  }

  reserve(id: Id): void {
    this.used.add(id);
  }
}

/** Every id in the design, in document order. */
export function* allIds(design: Design): Generator<Id> {
  for (const h of design.hosts) {
    yield h.id;
    for (const ns of h.namespaces) yield ns.id;
    for (const d of h.devices) yield d.id;
  }
  for (const l of design.lans) yield l.id;
}

/** A namespace as `ip netns add` makes it: no routes, default sysctls. */
export function newNamespace(id: Id, name: string, root = false): Namespace {
  const ns: Namespace = { id, name, routes: [], neighbours: [], sysctls: {}, firewall: [] };
  if (root) ns.root = true;
  return ns;
}

/**
 * A machine with its root namespace and loopback. The designed host's loopback is up
 * (it is a normal machine); so is an external host's.
 */
export function newHost(ids: IdAllocator, name: string, role: HostRole = 'host'): Host {
  const hostId = ids.take('h');
  const root = newNamespace(ids.take('n'), name, true);
  const lo: Device = { id: ids.take('d'), kind: 'loopback', name: 'lo', ns: root.id, up: true, addresses: [] };
  return { id: hostId, name, role, namespaces: [root], devices: [lo] };
}

/** A new named namespace with its loopback, which starts admin-down as on a real host. */
export function addNamespace(host: Host, ids: IdAllocator, name: string): Namespace {
  const ns = newNamespace(ids.take('n'), name);
  host.namespaces.push(ns);
  host.devices.push({ id: ids.take('d'), kind: 'loopback', name: 'lo', ns: ns.id, up: false, addresses: [] });
  return ns;
}

export function addLan(design: Design, ids: IdAllocator, name: string): Lan {
  const lan: Lan = { id: ids.take('l'), name };
  design.lans.push(lan);
  return lan;
}

export function rootNamespace(host: Host): Namespace {
  const root = host.namespaces.find((n) => n.root);
  if (!root) throw new Error(`host ${host.name} has no root namespace`);
  return root;
}

export function namespaceByName(host: Host, name: string): Namespace | undefined {
  return host.namespaces.find((n) => !n.root && n.name === name);
}

export function deviceByName(host: Host, nsId: Id, name: string): Device | undefined {
  return host.devices.find((d) => d.ns === nsId && d.name === name);
}

export function deviceById(host: Host, id: Id): Device | undefined {
  return host.devices.find((d) => d.id === id);
}

export function devicesIn(host: Host, nsId: Id): Device[] {
  return host.devices.filter((d) => d.ns === nsId);
}

/** The machine that holds an object (namespace or device) id. */
export function hostOf(design: Design, id: Id): Host | undefined {
  return design.hosts.find((h) => h.id === id || h.namespaces.some((n) => n.id === id) || h.devices.some((d) => d.id === id));
}

/** The lower device of a child (macvlan, macvtap, ipvlan, vlan), if the device has one. */
export function parentOf(device: Device): Id | undefined {
  return 'parent' in device ? device.parent : undefined;
}

/** Deep copy through JSON: the document is plain data by contract. */
export function cloneDesign(design: Design): Design {
  return JSON.parse(JSON.stringify(design)) as Design;
}
