/**
 * Creating objects from the palette: devices, namespaces, machines and LAN segments, each
 * with the defaults `ip link add` (or `ip netns add`) would give it.
 */
import { produce } from 'immer';
import { addLan, addNamespace, IdAllocator, newHost, rootNamespace } from '../design';
import type { Design, Device, DeviceKind, Id } from '../types';
import { done, refuse, type EditResult } from './result';
import { deviceNamesIn, findNamespace, freeName } from './lookup';
import { freshBondOrVrf } from './add-bond-vrf';

/** Kinds the palette can create (loopback comes with every namespace). */
export type PaletteDeviceKind = Exclude<DeviceKind, 'loopback'>;

/** Name prefixes as people usually type them (`ip link add veth0 type veth …`). */
export const NAME_PREFIX: Record<PaletteDeviceKind, string> = {
  physical: 'eth', veth: 'veth', bridge: 'br', macvlan: 'macvlan', macvtap: 'macvtap',
  ipvlan: 'ipvlan', vlan: 'vlan', tap: 'tap', tun: 'tun', dummy: 'dummy', vxlan: 'vxlan',
  bond: 'bond', vrf: 'vrf',
  ipip: 'ipip', gre: 'gre', gretap: 'gretap',
};

export interface Point { x: number; y: number }

/** Unconnected lower device of a freshly dropped child; `connect(…, 'parent')` fills it. */
export const NO_PARENT = '';

function freshDevice(kind: PaletteDeviceKind, id: Id, name: string, ns: Id): Device {
  const common = { id, name, ns, up: true, addresses: [] };
  switch (kind) {
    // Kernel default macvlan mode is VEPA when `ip` is given no `mode` (macvlan.c).
    case 'macvlan': case 'macvtap': return { ...common, kind, parent: NO_PARENT, mode: 'vepa' };
    // ipvlan defaults: mode L3, flag bridge (ipvlan_nl_validate / iplink_ipvlan.c).
    case 'ipvlan': return { ...common, kind, parent: NO_PARENT, mode: 'l3', flag: 'bridge' };
    case 'vlan': return { ...common, kind, parent: NO_PARENT, vid: 10 };
    case 'veth': return { ...common, kind, peer: NO_PARENT };
    case 'physical': return { ...common, kind };
    case 'bridge': return { ...common, kind };
    case 'tap': case 'tun': return { ...common, kind };
    case 'dummy': return { ...common, kind };
    case 'bond': case 'vrf': return freshBondOrVrf(kind, common);
    // `ip link add vxlan0 type vxlan id 1 dstport 4789`: ip insists on an id; the IANA port
    case 'vxlan': return { ...common, kind, vni: 1, dstport: 4789 };
    // endpoints are typed in the inspector; without a remote the tunnel sends nothing
    case 'ipip': case 'gre': case 'gretap': return { ...common, kind };
  }
}

/**
 * Adds a device of `kind` to namespace `nsId` at canvas position `at` (relative to its
 * namespace). A veth is created as the pair `ip link add … type veth peer …` makes.
 */
export function addDevice(design: Design, kind: PaletteDeviceKind, nsId: Id, at: Point, ids: IdAllocator): EditResult {
  const where = findNamespace(design, nsId);
  if (!where) return refuse(`namespace ${nsId} does not exist`);
  const created: Id[] = [];
  const next = produce(design, (d) => {
    const host = d.hosts.find((h) => h.id === where.host.id)!;
    // a machine's NICs all start in its root namespace, so a new NIC's name is free on the machine
    const nics = kind === 'physical' ? host.devices.filter((x) => x.kind === 'physical').map((x) => x.name) : [];
    const used = [...deviceNamesIn(host, nsId), ...nics];
    const name = freeName(NAME_PREFIX[kind], used);
    const dev = freshDevice(kind, ids.take('d'), name, nsId);
    host.devices.push(dev);
    created.push(dev.id);
    d.layout.positions[dev.id] = { ...at };
    if (dev.kind === 'veth') {
      const peerName = freeName(NAME_PREFIX.veth, [...used, name]);
      const peer: Device = { ...freshDevice('veth', ids.take('d'), peerName, nsId), kind: 'veth', peer: dev.id };
      dev.peer = peer.id;
      host.devices.push(peer);
      created.push(peer.id);
      d.layout.positions[peer.id] = { x: at.x, y: at.y + 90 };
    }
  });
  return done(next, created);
}

/** Adds a named namespace (with its admin-down loopback) to machine `hostId`. */
export function addNamespaceTo(design: Design, hostId: Id, at: Point, ids: IdAllocator, name?: string): EditResult {
  const host = design.hosts.find((h) => h.id === hostId);
  if (!host) return refuse(`machine ${hostId} does not exist`);
  if (host.role === 'external') return refuse('an external host is one namespace of the outside world; add namespaces to a designed host');
  const taken = host.namespaces.map((n) => n.name);
  const nsName = name ?? freeName('ns', taken, 1);
  if (taken.includes(nsName)) return refuse(`namespace "${nsName}" already exists (ip netns add: File exists)`);
  let id = '';
  const next = produce(design, (d) => {
    const h = d.hosts.find((x) => x.id === hostId)!;
    const ns = addNamespace(h, ids, nsName);
    id = ns.id;
    d.layout.positions[ns.id] = { ...at };
  });
  return done(next, [id]);
}

/**
 * Adds a machine. A designed host starts with its root namespace; an external host also gets
 * the NIC (`eth0`) it joins a LAN segment with, as the `# host:` header describes it.
 */
export function addMachine(design: Design, role: 'host' | 'external', at: Point, ids: IdAllocator): EditResult {
  const taken = [...design.hosts.map((h) => h.name), ...design.hosts.flatMap((h) => h.namespaces.map((n) => n.name))];
  const hasHost = design.hosts.some((h) => h.role === 'host');
  const name = role === 'host' ? (hasHost ? freeName('host', taken, 2) : 'host') : freeName('peer', taken, 1);
  const created: Id[] = [];
  const next = produce(design, (d) => {
    const host = newHost(ids, name, role);
    if (role === 'external') {
      const nic: Device = { id: ids.take('d'), kind: 'physical', name: 'eth0', ns: rootNamespace(host).id, up: true, addresses: [] };
      host.devices.push(nic);
    }
    d.hosts.push(host);
    created.push(host.id);
    d.layout.positions[host.id] = { ...at };
  });
  return done(next, created);
}

/** Adds a LAN segment (a plain learning switch outside every host). */
export function addLanAt(design: Design, at: Point, ids: IdAllocator): EditResult {
  let id = '';
  const next = produce(design, (d) => {
    const lan = addLan(d, ids, freeName('lan', d.lans.map((l) => l.name), 0));
    id = lan.id;
    d.layout.positions[lan.id] = { ...at };
  });
  return done(next, [id]);
}
