/**
 * Kernel side effects that decide the final configuration (kernel-behaviour.md §0.5, 0.6,
 * 4.3): what going down, moving to another netns or being deleted does to a device and to
 * everything that hangs off it.
 */
import { parseCidr, contains, networkOf, formatCidr } from '../../net/ipv4';
import type { Device, Host, Id, Namespace } from '../../model/types';
import type { ImportState } from './state';

/** Devices whose lower device is `id` (macvlan, macvtap, ipvlan, vlan), in any namespace. */
export function childrenOf(host: Host, id: Id): Device[] {
  return host.devices.filter((d) => 'parent' in d && d.parent === id);
}

/** Drops routes and neighbour entries that use any of the given devices. */
export function forgetDevices(host: Host, ids: Set<Id>): void {
  for (const ns of host.namespaces) {
    ns.routes = ns.routes.filter((r) => !(r.dev && ids.has(r.dev)));
    ns.neighbours = ns.neighbours.filter((n) => !ids.has(n.dev));
  }
}

/**
 * `ip link set DEV down` and what follows: routes and neighbours go, vlan children go down
 * unless they have loose_binding (net/8021q/vlan.c vlan_device_event NETDEV_DOWN).
 */
export function bringDown(st: ImportState, host: Host, dev: Device): void {
  if (!dev.up) return;
  dev.up = false;
  st.touch(dev.id);
  forgetDevices(host, new Set([dev.id]));
  for (const child of childrenOf(host, dev.id)) {
    if (child.kind === 'vlan' && !child.looseBinding) bringDown(st, host, child);
  }
}

/**
 * `ip link set DEV up`; vlan devices on it without loose_binding come up with it, whether or
 * not they were up before (vlan_device_event NETDEV_UP).
 */
export function bringUp(st: ImportState, host: Host, dev: Device): void {
  if (dev.up) return;
  dev.up = true;
  st.touch(dev.id);
  for (const child of childrenOf(host, dev.id)) {
    if (child.kind === 'vlan' && !child.looseBinding) bringUp(st, host, child);
  }
}

/** Leaves the bridge: the port settings belong to the bridge membership. */
export function leaveBridge(dev: Device): void {
  delete dev.master;
  delete dev.port;
}

/**
 * `ip link set DEV netns NS`: the device is closed, its addresses, routes and neighbours
 * are removed, it leaves its bridge, and it re-registers in the target with fresh settings.
 */
export function moveDevice(st: ImportState, host: Host, dev: Device, target: Namespace): void {
  bringDown(st, host, dev);
  forgetDevices(host, new Set([dev.id]));
  dev.addresses = [];
  leaveBridge(dev);
  delete dev.sysctls;
  dev.ns = target.id;
  st.touch(dev.id, target.id);
}

/**
 * Deletes a device with the kernel's cascade: the other veth end, every child of a deleted
 * parent (whatever its netns), and the membership of a deleted bridge's ports.
 */
export function deleteDevices(st: ImportState, host: Host, roots: Device[]): void {
  const doomed = new Set<Id>();
  const queue = [...roots];
  while (queue.length) {
    const d = queue.pop()!;
    if (doomed.has(d.id)) continue;
    doomed.add(d.id);
    if (d.kind === 'veth') {
      const peer = host.devices.find((x) => x.id === d.peer);
      if (peer) queue.push(peer);
    }
    queue.push(...childrenOf(host, d.id));
  }
  for (const d of host.devices) {
    if (d.master && doomed.has(d.master) && !doomed.has(d.id)) {
      leaveBridge(d);
      st.touch(d.id);
    }
  }
  forgetDevices(host, doomed);
  host.devices = host.devices.filter((d) => !doomed.has(d.id));
}

/** One main-table route the kernel derives from an address on an up device. */
export interface ConnectedRoute {
  dst: string;
  dev: Id;
  src: string;
}

/** Prefix routes of addresses on up devices (fib_add_ifaddr: only for prefixes shorter than /32, or the peer). */
export function connectedRoutes(host: Host, nsId: Id): ConnectedRoute[] {
  const out: ConnectedRoute[] = [];
  for (const d of host.devices) {
    if (d.ns !== nsId || !d.up) continue;
    // a VRF slave's prefix routes go to the VRF's table, not main (l3mdev_fib_table)
    if (d.master !== undefined && host.devices.some((m) => m.id === d.master && m.kind === 'vrf')) continue;
    const primaries: { addr: number; len: number }[] = [];
    for (const a of d.addresses) {
      const c = parseCidr(a.cidr);
      if (!c) continue;
      // a secondary (same subnet as an earlier address of the device) adds no prefix route
      if (!a.peer && primaries.some((p) => p.len === c.len && networkOf(p) === networkOf(c))) continue;
      if (!a.peer) primaries.push(c);
      const src = a.cidr.split('/')[0];
      if (a.peer) {
        const p = parseCidr(a.peer);
        if (p && !a.noprefixroute) out.push({ dst: formatCidr({ addr: networkOf(p), len: p.len }), dev: d.id, src });
        continue;
      }
      if (c.len < 32 && !a.noprefixroute) out.push({ dst: formatCidr({ addr: networkOf(c), len: c.len }), dev: d.id, src });
    }
  }
  return out;
}

/** Whether `ip` is an address of some device in the namespace (up or not: weak host model). */
export function isLocalAddress(host: Host, nsId: Id, ip: number): boolean {
  if (ip >>> 24 === 127) return host.devices.some((d) => d.ns === nsId && d.kind === 'loopback' && d.up);
  return host.devices.some((d) => d.ns === nsId && d.addresses.some((a) => parseCidr(a.cidr)?.addr === ip));
}

/** A prefix in canonical form (`default` or `net/len`), or undefined if not a valid route destination. */
export function routePrefix(text: string): { dst: string; len: number; net: number } | 'host-bits' | undefined {
  if (text === 'default' || text === '0/0' || text === 'all' || text === 'any') return { dst: 'default', len: 0, net: 0 };
  const c = parseCidr(text);
  if (!c) return undefined;
  if (networkOf(c) !== c.addr) return 'host-bits';
  return { dst: c.len === 0 ? 'default' : formatCidr(c), len: c.len, net: c.addr };
}

/** A gateway's next-hop device, or the kernel's refusal (fib_check_nh_v4_gw, measured on 6.18). */
export type GatewayCheck = { dev: Id } | { error: 'invalid-gateway' | 'network-down' };

/**
 * fib_check_nh_v4_gw without `onlink`: the gateway is looked up in the local and main tables
 * with link scope, restricted to `onDev` when a device is given. A local address (the local
 * table's route, present even while its device is down) is accepted as a gateway through the
 * device holding it, and refused with ENETDOWN ("Network is down") while that device is down;
 * a broadcast, multicast or off-link gateway, or one on another device, is "invalid".
 */
export function checkGateway(host: Host, ns: Namespace, gw: number, onDev?: Id): GatewayCheck {
  if (gw >>> 28 >= 14 || gw === 0xffffffff) return { error: 'invalid-gateway' };
  if (gw >>> 24 === 127) {
    const lo = host.devices.find((d) => d.ns === ns.id && d.kind === 'loopback');
    if (!lo || !lo.up || (onDev && onDev !== lo.id)) return { error: 'invalid-gateway' };
    return { dev: lo.id };
  }
  const holder = host.devices.find((d) => d.ns === ns.id && d.addresses.some((a) => parseCidr(a.cidr)?.addr === gw));
  if (holder) {
    if (onDev && onDev !== holder.id) return { error: 'invalid-gateway' };
    return holder.up ? { dev: holder.id } : { error: 'network-down' };
  }
  let best: { len: number; dev: Id } | undefined;
  const consider = (dst: string, dev: Id) => {
    if (onDev && dev !== onDev) return;
    const c = dst === 'default' ? { addr: 0, len: 0 } : parseCidr(dst);
    if (!c || !contains(c, gw)) return;
    if (!best || c.len > best.len) best = { len: c.len, dev };
  };
  for (const r of connectedRoutes(host, ns.id)) {
    const c = parseCidr(r.dst);
    // the local table's subnet broadcast route (len < 31) makes the last address no gateway
    if (c && c.len < 31 && contains(c, gw) && ((gw | (0xffffffff >>> c.len)) >>> 0) === gw) return { error: 'invalid-gateway' };
    consider(r.dst, r.dev);
  }
  for (const r of ns.routes) {
    if (r.via || !r.dev || (r.type && r.type !== 'unicast')) continue;
    const dev = host.devices.find((d) => d.id === r.dev);
    if (dev?.up) consider(r.dst, r.dev);
  }
  return best ? { dev: best.dev } : { error: 'invalid-gateway' };
}

/**
 * The VLAN membership a port gets when it joins a bridge: the bridge's default PVID,
 * untagged (nbp_vlan_init), none when vlan_default_pvid is 0.
 */
export function defaultPortVlans(br: Device): { vid: number; pvid: boolean; untagged: boolean }[] {
  const pvid = br.kind === 'bridge' ? br.vlanDefaultPvid ?? 1 : 1;
  return pvid === 0 ? [] : [{ vid: pvid, pvid: true, untagged: true }];
}

/**
 * Whether a device has carrier right now, as far as the configuration tells (rule 0.4 of the
 * behaviour notes): veth needs both ends up, stacked devices follow their lower device, a
 * tap/tun needs a process, a bridge needs a port that can forward (or never had one).
 */
export function hasCarrier(host: Host, dev: Device, depth = 0): boolean {
  if (!dev.up || depth > 8) return false;
  const byId = (id: Id | undefined) => host.devices.find((d) => d.id === id);
  switch (dev.kind) {
    case 'veth':
      return !!byId(dev.peer)?.up;
    case 'tap':
    case 'tun':
      return !!dev.attached;
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
    case 'vlan': {
      const lower = byId(dev.parent);
      return !!lower && hasCarrier(host, lower, depth + 1);
    }
    case 'bridge': {
      const ports = host.devices.filter((d) => d.master === dev.id);
      return ports.length === 0 ? !dev.stp : ports.some((p) => hasCarrier(host, p, depth + 1));
    }
    default:
      return true;
  }
}
