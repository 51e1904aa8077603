/** Who a device can ping or ask by ARP, read from the design (pure). */
import { contains, parseCidr, parseIp } from '../../../core/net/ipv4';
import type { Design, Device, Id } from '../../../core/model/types';

export interface DeviceWhere { device: Device; ns: string; hostId: Id }

/** The device and the namespace name it is in (the simulator's label for it). */
export function deviceWhere(design: Design, id: Id): DeviceWhere | undefined {
  for (const h of design.hosts) {
    const d = h.devices.find((x) => x.id === id);
    if (d) return { device: d, ns: h.namespaces.find((n) => n.id === d.ns)?.name ?? '?', hostId: h.id };
  }
  return undefined;
}

/** The device a click on a node means: the device itself, or a container's first device with an address. */
export function deviceForNode(design: Design, nodeId: Id): Id | undefined {
  for (const h of design.hosts) {
    if (h.devices.some((d) => d.id === nodeId)) return nodeId;
    const root = h.namespaces.find((n) => n.root);
    const ns = h.id === nodeId ? root : h.namespaces.find((n) => n.id === nodeId);
    if (ns) return h.devices.find((d) => d.ns === ns.id && d.kind !== 'loopback' && d.addresses.length)?.id;
  }
  return undefined;
}

export interface Target { addr: string; label: string; device: Id }

/** Addresses of other devices, nearest first: same namespace's subnets, then the rest, in document order. */
export function pingTargets(design: Design, from: Id): Target[] {
  const own = deviceWhere(design, from);
  const out: Target[] = [];
  for (const h of design.hosts) {
    for (const d of h.devices) {
      if (d.id === from || d.kind === 'loopback') continue;
      const ns = h.namespaces.find((n) => n.id === d.ns)?.name ?? '?';
      for (const a of d.addresses) out.push({ addr: a.cidr.split('/')[0], label: `${ns} ${d.name}`, device: d.id });
    }
  }
  const sameSubnet = (addr: string) => own?.device.addresses.some((a) => onLink(a.cidr, addr)) ?? false;
  return [...out.filter((t) => sameSubnet(t.addr)), ...out.filter((t) => !sameSubnet(t.addr))];
}

/** Whether `addr` is inside the subnet of `cidr`. */
export function onLink(cidr: string, addr: string): boolean {
  const c = parseCidr(cidr); const a = parseIp(addr);
  return !!c && a !== undefined && contains(c, a);
}

/** Addresses an `arping` on this device can ask for: those on its own subnets (all others when it has none). */
export function arpTargets(design: Design, from: Id): Target[] {
  const own = deviceWhere(design, from);
  const all = pingTargets(design, from);
  if (!own?.device.addresses.length) return all;
  return all.filter((t) => own.device.addresses.some((a) => onLink(a.cidr, t.addr)));
}
