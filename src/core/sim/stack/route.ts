/**
 * IPv4 routing (net/ipv4/fib_frontend.c, fib_trie.c, route.c): the local table (every
 * address of the namespace, whichever device holds it — weak host model), the main table
 * (kernel prefix routes of up devices + configured routes), longest prefix match with
 * metric tie-break, source address selection, and the input decision.
 */
import { contains, isLoopback, LIMITED_BROADCAST, maskOf, networkOf, parseCidr, parseIp, type Cidr } from '../../net/ipv4';
import type { Route } from '../../model/types';
import type { IfAddr, SimDev, SimNs } from '../model';

export interface FibRoute {
  net: number;
  len: number;
  dev: SimDev;
  via?: number;
  src?: number;
  metric: number;
  kernel: boolean;
  onlink: boolean;
  type: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';
  scope: 'global' | 'link' | 'host';
}

/** 127.0.0.1/8 exists on lo only while lo is up (devinet.c inetdev_event). */
export function addrsOf(dev: SimDev): IfAddr[] {
  return dev.addrs;
}

/** The device holding `ip` as a local address, if any (down devices included). */
export function localOwner(ns: SimNs, ip: number): SimDev | undefined {
  const own = (ns.localCache ?? (ns.localCache = localAddresses(ns))).get(ip);
  if (own) return own;
  if (isLoopback(ip) && ns.lo && ns.lo.addrs.length > 0) return ns.lo;
  return undefined;
}

/** Every address of the namespace → the first device (in device order) holding it. */
function localAddresses(ns: SimNs): Map<number, SimDev> {
  const m = new Map<number, SimDev>();
  for (const d of ns.devs) for (const a of d.addrs) if (!m.has(a.addr)) m.set(a.addr, d);
  return m;
}

/** True when `ip` is a broadcast address of the namespace (limited, or the last address of an up device's subnet). */
export function isBroadcastAddr(ns: SimNs, ip: number): boolean {
  if (ip === LIMITED_BROADCAST) return true;
  return (ns.bcastCache ?? (ns.bcastCache = broadcastAddresses(ns))).has(ip);
}

function broadcastAddresses(ns: SimNs): Set<number> {
  const s = new Set<number>();
  for (const d of ns.devs) {
    if (!d.up) continue;
    for (const a of d.addrs) {
      if (a.len < 31) s.add((a.addr | ~maskOf(a.len)) >>> 0);
    }
  }
  // An address that is also one of ours (e.g. 10.0.2.35/30, the last of its subnet) has both
  // a local and a broadcast route in table local; the local one, inserted first by
  // fib_add_ifaddr, wins the lookup, so it behaves as a local unicast address.
  for (const d of ns.devs) for (const a of d.addrs) s.delete(a.addr);
  return s;
}

/** The main table as the kernel holds it now (cached until link state changes). */
export function mainRoutes(ns: SimNs): FibRoute[] {
  if (ns.fibCache) return ns.fibCache as FibRoute[];
  const out = computeMainRoutes(ns);
  ns.fibCache = out;
  return out;
}

function computeMainRoutes(ns: SimNs): FibRoute[] {
  const out: FibRoute[] = [];
  // routes with the same prefix and metric are listed in the order they were made: the
  // namespace's device order, which is build order (model/build-order, sim/build.ts)
  for (const d of ns.devs) {
    if (!d.up || d.kind === 'loopback') continue;
    for (const a of d.addrs) {
      if (a.peer !== undefined && a.peerLen !== undefined) {
        out.push({ net: networkOf({ addr: a.peer, len: a.peerLen }), len: a.peerLen, dev: d, src: a.addr, metric: 0, kernel: true, onlink: false, type: 'unicast', scope: 'link' });
        continue;
      }
      if (a.len === 32 || a.noprefixroute || a.secondary) continue;
      out.push({ net: networkOf(a), len: a.len, dev: d, src: a.addr, metric: 0, kernel: true, onlink: false, type: 'unicast', scope: 'link' });
    }
  }
  for (const r of ns.staticRoutes) {
    const { c, via, src } = parsedRoute(r);
    if (!c) continue;
    let dev = r.dev ? ns.devs.find((d) => d.id === r.dev) : undefined;
    if (!dev && via !== undefined) dev = connectedDev(out, via);
    const type = r.type ?? 'unicast';
    if (!dev && type === 'unicast') continue;
    if (dev && !dev.up) continue;
    const scope = r.scope ?? (via === undefined && type === 'unicast' ? 'link' : 'global');
    out.push({
      net: networkOf(c), len: c.len, dev: dev ?? (ns.lo as SimDev), via, src,
      metric: r.metric ?? 0, kernel: false, onlink: !!r.onlink, type, scope,
    });
  }
  out.sort((a, b) => a.net - b.net || b.len - a.len || a.metric - b.metric);
  return out;
}

/** A configured route's addresses, parsed from their text once per route (the table is rebuilt on every link change). */
const parsedRoutes = new WeakMap<Route, { c: Cidr | undefined; via: number | undefined; src: number | undefined }>();

function parsedRoute(r: Route): { c: Cidr | undefined; via: number | undefined; src: number | undefined } {
  let p = parsedRoutes.get(r);
  if (!p) {
    p = { c: r.dst === 'default' ? { addr: 0, len: 0 } : parseCidr(r.dst), via: r.via ? parseIp(r.via) : undefined, src: r.src ? parseIp(r.src) : undefined };
    parsedRoutes.set(r, p);
  }
  return p;
}

function connectedDev(routes: FibRoute[], ip: number): SimDev | undefined {
  let best: FibRoute | undefined;
  for (const r of routes) if (contains({ addr: r.net, len: r.len }, ip) && (!best || r.len > best.len)) best = r;
  return best?.dev;
}

/** Longest prefix match in main (lowest metric among equals); `oif` restricts next hops. */
export function fibLookup(ns: SimNs, dst: number, oif?: SimDev): FibRoute | undefined {
  let best: FibRoute | undefined;
  for (const r of mainRoutes(ns)) {
    if (oif && r.dev !== oif) continue;
    if (((dst & maskOf(r.len)) >>> 0) !== r.net) continue;
    if (!best || r.len > best.len || (r.len === best.len && r.metric < best.metric)) best = r;
  }
  return best;
}

/**
 * inet_select_addr: a primary address of `dev` in the subnet of `near` if any, else its
 * first primary address, else the first global address of any other device of the netns.
 */
export function selectSrc(dev: SimDev, near: number): number | undefined {
  // loops, not filter/find: this runs for every ARP request and locally sent packet
  let first: number | undefined;
  for (const a of dev.addrs) {
    if (a.secondary) continue;
    if (contains(a, near)) return a.addr;
    if (first === undefined) first = a.addr;
  }
  if (first !== undefined) return first;
  for (const d of dev.ns.devs) {
    if (d === dev || d.kind === 'loopback') continue;
    const a = d.addrs.find((x) => !x.secondary);
    if (a) return a.addr;
  }
  return undefined;
}

export type OutputRoute =
  /** `dst` is set when routing rewrote the destination (0.0.0.0 becomes the loopback address). */
  | { kind: 'local'; dev: SimDev; src: number; dst?: number }
  | { kind: 'unicast'; dev: SimDev; nexthop: number; src: number | undefined; route?: FibRoute }
  | { kind: 'error'; errno: 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL' };

const LOOPBACK_ADDRESS = 0x7f000001;

/** ip_route_output_key_hash: where a locally generated packet to `dst` goes. */
export function routeOutput(ns: SimNs, dst: number, opts: { oif?: SimDev; src?: number } = {}): OutputRoute {
  if (dst === 0) {
    // A packet to 0.0.0.0 goes to the source address, or to 127.0.0.1 from 127.0.0.1 when
    // there is none, out of the loopback device (route.c ip_route_output_key_hash_rcu). This
    // is how the host-unreachable error for a ping sent without a source address comes back.
    const to = opts.src || LOOPBACK_ADDRESS;
    return { kind: 'local', dev: ns.lo as SimDev, src: to, dst: to };
  }
  if (localOwner(ns, dst)) {
    return { kind: 'local', dev: ns.lo as SimDev, src: opts.src ?? dst };
  }
  if (dst === LIMITED_BROADCAST && opts.oif) {
    return { kind: 'unicast', dev: opts.oif, nexthop: dst, src: opts.src ?? selectSrc(opts.oif, dst) };
  }
  const r = fibLookup(ns, dst, opts.oif);
  if (!r) {
    // With a bound device and no route, the kernel assumes the destination is on-link.
    if (opts.oif) return { kind: 'unicast', dev: opts.oif, nexthop: dst, src: opts.src ?? selectSrc(opts.oif, dst) };
    return { kind: 'error', errno: 'ENETUNREACH' };
  }
  if (r.type === 'unreachable') return { kind: 'error', errno: 'EHOSTUNREACH' };
  if (r.type === 'prohibit') return { kind: 'error', errno: 'EACCES' };
  if (r.type === 'blackhole') return { kind: 'error', errno: 'EINVAL' };
  // a next hop learned from an ICMP redirect replaces the route's gateway (find_exception)
  const learned = r.via !== undefined ? ns.redirectNexthops?.get(dst >>> 0) : undefined;
  const nexthop = learned && learned.dev === r.dev ? learned.gateway : r.via ?? dst;
  return { kind: 'unicast', dev: r.dev, nexthop, src: opts.src ?? r.src ?? selectSrc(r.dev, nexthop), route: r };
}
