/**
 * Wiring with meaning: each relation is one kernel configuration, and is refused for the
 * reason the kernel would refuse it (kernel-behaviour 0.3, 1.1, 2.1, 3.2).
 */
import { produce } from 'immer';
import type { Design, Device, Host, Id } from '../types';
import { done, refuse, type EditResult } from './result';
import { childrenOf, findDevice } from './lookup';
import { NO_PARENT } from './add';

/**
 * - `parent`: `a` (macvlan, macvtap, ipvlan, VLAN) sits on lower device `b` (`link b`);
 * - `master`: `a` is a port of bridge `b` (`ip link set a master b`);
 * - `lan`: physical NIC `a` is plugged into LAN segment `b`;
 * - `peer`: veth `a` and veth `b` are the two ends of one pair.
 */
export type Relation = 'parent' | 'master' | 'lan' | 'peer';

const CHILD_KINDS = new Set(['macvlan', 'macvtap', 'ipvlan', 'vlan']);
const isMacvlanLike = (d: Device) => d.kind === 'macvlan' || d.kind === 'macvtap';

/** Whether this kind of device sits on a lower device. */
export function isChildKind(kind: string): boolean {
  return CHILD_KINDS.has(kind);
}

/** The device a macvlan/ipvlan really attaches to: creating one "on" a child uses the child's parent. */
function realLower(host: Host, lower: Device, childKind: string): Device {
  const sameFamily = childKind === 'ipvlan' ? lower.kind === 'ipvlan' : isMacvlanLike(lower);
  if (sameFamily && 'parent' in lower) return host.devices.find((d) => d.id === lower.parent) ?? lower;
  return lower;
}

/** What rx_handler (if any) already owns a device, other than `family`'s own port. */
function rxHandlerOwner(host: Host, dev: Device, family: 'macvlan' | 'ipvlan' | 'bridge'): string | undefined {
  if (dev.master && family !== 'bridge') return 'it is a bridge port';
  if (dev.master && family === 'bridge') return undefined; // re-enslaving moves it (ip link set … master)
  const kids = childrenOf(host, dev.id);
  if (family !== 'macvlan' && kids.some(isMacvlanLike)) return 'it is a macvlan parent';
  if (family !== 'ipvlan' && kids.some((k) => k.kind === 'ipvlan')) return 'it is an ipvlan master';
  if (dev.kind === 'ipvlan') return 'it is an ipvlan device (marked "no rx_handler")';
  return undefined;
}

function parentProblem(host: Host, child: Device, lowerDev: Device): string | undefined {
  if (!isChildKind(child.kind)) return `${child.name} is a ${child.kind} device; only macvlan, macvtap, ipvlan and VLAN devices sit on a lower device`;
  if (lowerDev.kind === 'loopback') {
    return child.kind === 'vlan' ? `VLANs not supported on ${lowerDev.name} (EOPNOTSUPP)` : `${lowerDev.name} cannot be a lower device (EINVAL: loopback)`;
  }
  // Cycles: the lower device must not sit, directly or not, on the child itself.
  for (let d: Device | undefined = lowerDev; d; d = 'parent' in d ? host.devices.find((x) => x.id === d!.parent) : undefined) {
    if (d.id === child.id) return `${lowerDev.name} sits on ${child.name}; a device cannot be its own lower device`;
  }
  if (child.kind === 'vlan') {
    const vid = child.vid;
    const twin = childrenOf(host, lowerDev.id).find((k) => k.kind === 'vlan' && k.id !== child.id && k.vid === vid);
    if (twin) return `${lowerDev.name} already has VLAN ${vid} (${twin.name}) (EEXIST)`;
    return undefined;
  }
  if (lowerDev.kind === 'tun') return `${lowerDev.name} cannot be a ${child.kind} lower device (EINVAL: not an Ethernet device)`;
  const family = child.kind === 'ipvlan' ? 'ipvlan' : 'macvlan';
  const real = realLower(host, lowerDev, child.kind);
  const owner = rxHandlerOwner(host, real, family);
  if (owner) return `${real.name} can't be a ${child.kind} parent: ${owner} (EBUSY: a device has one rx_handler)`;
  if (family === 'macvlan') {
    const siblings = childrenOf(host, real.id).filter((k) => isMacvlanLike(k) && k.id !== child.id);
    const isPassthru = (x: Device) => (x.kind === 'macvlan' || x.kind === 'macvtap') && x.mode === 'passthru';
    const passthru = isPassthru(child) || siblings.some(isPassthru);
    if (passthru && siblings.length > 0) return `${real.name} already has a macvlan; passthru allows only one child (EINVAL)`;
  }
  return undefined;
}

function masterProblem(host: Host, port: Device, bridge: Device): string | undefined {
  if (bridge.kind !== 'bridge') return `${bridge.name} is not a bridge`;
  if (port.kind === 'bridge') return `a bridge can't be a port of another bridge (ELOOP)`;
  if (port.kind === 'loopback') return `${port.name} can't be a bridge port (EINVAL: loopback)`;
  if (port.kind === 'tun') return `${port.name} can't be a bridge port (EINVAL: a tun device is not Ethernet)`;
  if (port.ns !== bridge.ns) return `${port.name} and ${bridge.name} are in different namespaces; a port must be in its bridge's namespace`;
  const owner = rxHandlerOwner(host, port, 'bridge');
  if (owner) return `${port.name} can't be a bridge port: ${owner} (EBUSY: a device has one rx_handler)`;
  return undefined;
}

/** Why the kernel would refuse relation `relation` between `a` and `b`, or undefined if it accepts it. */
export function connectProblem(design: Design, a: Id, b: Id, relation: Relation): string | undefined {
  if (a === b) return 'a device cannot be connected to itself';
  if (relation === 'lan') {
    const nic = findDevice(design, a);
    if (!nic) return `device ${a} does not exist`;
    if (nic.device.kind !== 'physical') return `only a physical NIC plugs into a LAN segment; ${nic.device.name} is a ${nic.device.kind} device`;
    if (!design.lans.some((l) => l.id === b)) return `LAN segment ${b} does not exist`;
    return undefined;
  }
  const ra = findDevice(design, a);
  const rb = findDevice(design, b);
  if (!ra || !rb) return 'both ends must be devices';
  if (ra.host.id !== rb.host.id) return `${ra.device.name} and ${rb.device.name} are on different machines; only a LAN segment joins machines`;
  if (relation === 'peer') {
    if (ra.device.kind === 'veth' && ra.device.peer === b) return undefined;
    return 'veth peers are created together (ip link add … type veth peer …); a peer cannot be attached later';
  }
  if (relation === 'parent') return parentProblem(ra.host, ra.device, rb.device);
  return masterProblem(ra.host, ra.device, rb.device);
}

/** Applies relation `relation` between `a` and `b`, or refuses it with the kernel's reason. */
export function connect(design: Design, a: Id, b: Id, relation: Relation): EditResult {
  const problem = connectProblem(design, a, b, relation);
  if (problem) return refuse(problem);
  const next = produce(design, (d) => {
    const dev = d.hosts.flatMap((h) => h.devices).find((x) => x.id === a)!;
    if (relation === 'lan' && dev.kind === 'physical') dev.lan = b;
    else if (relation === 'parent' && 'parent' in dev) dev.parent = b;
    else if (relation === 'master') {
      if (dev.master !== b) dev.port = {};
      dev.master = b;
    }
  });
  return done(next);
}

/** Undoes a relation: `nomaster`, unplugging a NIC, or leaving a child without its lower device. */
export function disconnect(design: Design, a: Id, relation: Relation): EditResult {
  if (relation === 'peer') return refuse('a veth pair cannot be split; delete one end to delete both');
  const ref = findDevice(design, a);
  if (!ref) return refuse(`device ${a} does not exist`);
  const next = produce(design, (d) => {
    const dev = d.hosts.flatMap((h) => h.devices).find((x) => x.id === a)!;
    if (relation === 'lan' && dev.kind === 'physical') delete dev.lan;
    else if (relation === 'master') { delete dev.master; delete dev.port; }
    else if (relation === 'parent' && 'parent' in dev) dev.parent = NO_PARENT;
  });
  return done(next);
}
