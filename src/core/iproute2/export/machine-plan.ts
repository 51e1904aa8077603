/**
 * How one machine's configuration is laid out as commands: how each namespace is addressed
 * (`ip`, `ip -n NS`, `ip netns exec PEER ip`), which devices already exist (loopbacks, NICs
 * the header declares), where each new device is created (children are created beside
 * their parent and then moved, as people do) and in which order (parents first).
 */
import type { Device, Host, Id, Namespace } from '../../model/types';
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
  /** Devices that exist before the script runs. */
  existing: Set<Id>;
  /** Devices to create, parents before children, each veth pair once (first end). */
  creates: Device[];
  /** Where each created device is first made (namespace id); moved afterwards if different. */
  createdIn: Map<Id, Id>;
  /** Devices whose name would clash where they are created: created straight into their namespace. */
  direct: Set<Id>;
  /** Devices in dependency order (parents first), for bringing links up. */
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

function plan(host: Host, access: Map<Id, NsAccess>, existing: Set<Id>): MachinePlan {
  const byId = new Map(host.devices.map((d) => [d.id, d]));
  const order: Device[] = [];
  const placed = new Set<Id>();
  const visiting = new Set<Id>();
  const visit = (d: Device) => {
    if (placed.has(d.id) || visiting.has(d.id)) return;
    visiting.add(d.id);
    const parent = 'parent' in d ? byId.get(d.parent) : undefined;
    if (parent) visit(parent);
    visiting.delete(d.id);
    placed.add(d.id);
    order.push(d);
  };
  host.devices.forEach(visit);

  const root = host.namespaces.find((n) => n.root)?.id ?? '';
  const createdIn = new Map<Id, Id>();
  const direct = new Set<Id>();
  const creates: Device[] = [];
  const namesIn = new Map<Id, Set<string>>();
  const names = (ns: Id) => {
    let s = namesIn.get(ns);
    if (!s) namesIn.set(ns, (s = new Set(host.devices.filter((d) => d.ns === ns).map((d) => d.name))));
    return s;
  };
  for (const d of order) {
    if (existing.has(d.id)) {
      createdIn.set(d.id, d.kind === 'physical' && access.has(root) ? root : d.ns);
      continue;
    }
    if (d.kind === 'veth') {
      const peer = byId.get(d.peer);
      if (peer && createdIn.has(peer.id)) continue; // made with its peer
      createdIn.set(d.id, d.ns);
      if (peer) createdIn.set(peer.id, peer.ns);
      creates.push(d);
      continue;
    }
    const parent = 'parent' in d ? byId.get(d.parent) : undefined;
    let where = d.ns;
    if (parent) {
      const at = createdIn.get(parent.id) ?? parent.ns;
      if (at !== d.ns && !names(at).has(d.name)) {
        where = at;
        names(at).add(d.name);
      } else if (at !== d.ns) {
        direct.add(d.id);
      }
    }
    createdIn.set(d.id, where);
    creates.push(d);
  }
  return { host, access, existing, creates, createdIn, direct, order, byId };
}

