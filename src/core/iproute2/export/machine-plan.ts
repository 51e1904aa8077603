/**
 * How one machine's configuration is laid out as commands: how each namespace is addressed
 * (`ip`, `ip -n NS`, `ip netns exec PEER ip`), which devices already exist (loopbacks, NICs
 * the header declares), where each new device is created (always in its final namespace)
 * and in which order (parents first).
 */
import type { Device, Host, Id, Namespace } from '../../model/types';
import { buildOrder } from '../../model/build-order';
import { shq } from './shell-quote';

export interface NsAccess {
  ns: Namespace;
  /** Prefix for `ip` commands, already quoted: `ip`, `ip -n 'ns1'`, `ip netns exec 'peer' ip`. */
  ip: string;
  /** Prefix for other tools (bridge, sysctl, iptables): `` or `ip netns exec 'ns1' `. */
  exec: string;
  /** Word for `ip link set … netns WORD` that moves a device here. */
  moveTarget: string;
}

export interface MachinePlan {
  host: Host;
  access: Map<Id, NsAccess>;
  /** Devices that exist before the script runs (loopbacks, the NICs the header declares). */
  existing: Set<Id>;
  /** Devices to create, parents before children, each veth pair once (first end). */
  creates: Device[];
  /** Physical NICs to move out of the root namespace, before anything is created. */
  moves: Device[];
  /**
   * Where each device's `ip` command runs when it is created: its own namespace, or for a
   * device on a lower device the lower device's (iproute2 looks `link LOWER` up there).
   */
  runFrom: Map<Id, Id>;
  /** Devices in the order the script makes them (parents first), for every later phase. */
  order: Device[];
  byId: Map<Id, Device>;
}

/** Plans the designed machine: root is the current namespace, others are `ip netns` names. */
export function planHost(host: Host): MachinePlan {
  const access = new Map<Id, NsAccess>();
  for (const ns of host.namespaces) {
    access.set(ns.id, ns.root
      ? { ns, ip: 'ip', exec: '', moveTarget: '1' }
      : { ns, ip: `ip -n ${shq(ns.name)}`, exec: `ip netns exec ${shq(ns.name)} `, moveTarget: shq(ns.name) });
  }
  const existing = new Set(host.devices.filter((d) => d.kind === 'loopback' || d.kind === 'physical').map((d) => d.id));
  return plan(host, access, existing);
}

/** Plans an external machine whose root namespace is the world's namespace of its name. */
export function planExternal(host: Host, nic: Id | undefined): MachinePlan {
  const access = new Map<Id, NsAccess>();
  for (const ns of host.namespaces) {
    if (!ns.root) continue;
    const name = shq(host.name);
    access.set(ns.id, { ns, ip: `ip netns exec ${name} ip`, exec: `ip netns exec ${name} `, moveTarget: name });
  }
  const existing = new Set(host.devices.filter((d) => d.kind === 'loopback' || d.id === nic).map((d) => d.id));
  const onRoot: Host = { ...host, devices: host.devices.filter((d) => access.has(d.ns)) };
  return plan(onRoot, access, existing);
}

/**
 * Every device is created straight in its final namespace (`netns NS` on `ip link add`,
 * `ip -n NS` for the rest), so a name only ever exists where the design puts it and two
 * namespaces can each have their own `eth0`. The NICs that the design puts in a namespace
 * are moved there first, while only `lo` is there, so every lower device is in its final
 * namespace by the time devices are stacked on it.
 */
function plan(host: Host, access: Map<Id, NsAccess>, existing: Set<Id>): MachinePlan {
  const byId = new Map(host.devices.map((d) => [d.id, d]));
  // every phase lists devices in build order, which an import of the script gives back
  const order = buildOrder(host, (d) => existing.has(d.id));
  const root = host.namespaces.find((n) => n.root)?.id ?? '';
  const moves = order.filter((d) => existing.has(d.id) && d.kind === 'physical' && access.has(root) && d.ns !== root);
  const runFrom = new Map<Id, Id>();
  const creates: Device[] = [];
  const made = new Set<Id>();
  for (const d of order) {
    if (existing.has(d.id) || made.has(d.id)) continue;
    if (d.kind === 'veth') made.add(d.peer); // made with its peer
    const parent = 'parent' in d ? byId.get(d.parent) : undefined;
    runFrom.set(d.id, parent ? parent.ns : d.ns);
    made.add(d.id);
    creates.push(d);
  }
  return { host, access, existing, creates, moves, runFrom, order, byId };
}
