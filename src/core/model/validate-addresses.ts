/**
 * Layer-3 rules as `ip addr` / `ip route` / `ip neigh` enforce them: well-formed prefixes,
 * no duplicate address on a device, route prefixes without host bits, gateways that are
 * on-link, preferred sources that are local, neighbour entries on existing devices.
 */
import { contains, formatPrefix, networkOf, parseCidr, parseIp, type Cidr } from '../net/ipv4';
import type { ValidationContext } from './validate-context';
import type { Device, Host, Namespace } from './types';

const LLADDR = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** Connected prefixes of a namespace: address prefixes of up devices, and dev-only routes. */
export function onLinkPrefixes(cx: ValidationContext, host: Host, ns: Namespace): { prefix: Cidr; dev: string }[] {
  const out: { prefix: Cidr; dev: string }[] = [];
  for (const d of host.devices) {
    if (d.ns !== ns.id || !d.up) continue;
    for (const a of d.addresses) {
      const c = parseCidr(a.peer ?? a.cidr);
      if (c && !(a.noprefixroute && !a.peer)) out.push({ prefix: c, dev: d.id });
    }
  }
  for (const r of ns.routes) {
    const c = r.dst === 'default' ? { addr: 0, len: 0 } : parseCidr(r.dst);
    if (c && r.dev && !r.via && (r.type ?? 'unicast') === 'unicast' && cx.device(host, r.dev)?.up) out.push({ prefix: c, dev: r.dev });
  }
  return out;
}

/** Checks addresses, routes and neighbours of every namespace. */
export function checkAddresses(cx: ValidationContext): void {
  for (const { device: d } of cx.devices.values()) {
    const seen = new Set<string>();
    d.addresses.forEach((a, i) => {
      const c = parseCidr(a.cidr);
      if (!c) return cx.error('bad-address', d.id, cx.devicePath(d, `addresses[${i}].cidr`), `"${a.cidr}" on ${cx.label(d)} is not an IPv4 address/prefix`);
      if (a.peer !== undefined && !parseCidr(a.peer)) cx.error('bad-address', d.id, cx.devicePath(d, `addresses[${i}].peer`), `peer "${a.peer}" on ${cx.label(d)} is not an IPv4 address/prefix`);
      const key = `${c.addr}/${c.len}`;
      if (seen.has(key)) cx.error('duplicate-address', d.id, cx.devicePath(d, `addresses[${i}]`), `${a.cidr} is on ${cx.label(d)} twice (RTNETLINK answers: File exists)`);
      seen.add(key);
    });
  }
  for (const { host, ns } of cx.namespaces.values()) {
    checkSameIpTwice(cx, host, ns);
    checkRoutes(cx, host, ns);
    ns.neighbours.forEach((n, i) => {
      const path = cx.nsPath(ns, `neighbours[${i}]`);
      if (parseIp(n.ip) === undefined) cx.error('bad-address', ns.id, `${path}.ip`, `neighbour "${n.ip}" is not an IPv4 address`);
      // a neighbour's link-layer address may be multicast, so only the syntax is checked
      if (!LLADDR.test(n.lladdr)) cx.error('bad-mac', ns.id, `${path}.lladdr`, `"${n.lladdr}" is not a MAC address (six hex bytes separated by ":")`);
      const dev = cx.device(host, n.dev);
      if (!dev) cx.error('unknown-device', ns.id, `${path}.dev`, `neighbour ${n.ip} is on device "${n.dev}", which does not exist`);
      else if (dev.ns !== ns.id) cx.error('device-other-netns', ns.id, `${path}.dev`, `neighbour ${n.ip} is on ${cx.label(dev)}, which is not in namespace ${cx.where(ns.id)}`);
    });
  }
}

function checkSameIpTwice(cx: ValidationContext, host: Host, ns: Namespace): void {
  const owner = new Map<number, Device>();
  for (const d of host.devices) {
    if (d.ns !== ns.id) continue;
    const mine = new Set<number>();
    for (const a of d.addresses) {
      const c = parseCidr(a.cidr);
      if (!c || mine.has(c.addr)) continue;
      mine.add(c.addr);
      const other = owner.get(c.addr);
      if (other) cx.warn('address-twice-in-netns', d.id, cx.devicePath(d, 'addresses'), `${formatPrefix({ addr: c.addr, len: 32 })} is on both ${cx.label(other)} and ${cx.label(d)} in one namespace; the kernel allows it but answers ARP for it on both, so keep each address on one device`);
      else owner.set(c.addr, d);
    }
  }
}

function localAddresses(host: Host, ns: Namespace): Set<number> {
  const out = new Set<number>();
  for (const d of host.devices) {
    if (d.ns !== ns.id) continue;
    for (const a of d.addresses) {
      const c = parseCidr(a.cidr);
      if (c) out.add(c.addr);
    }
  }
  return out;
}

function checkRoutes(cx: ValidationContext, host: Host, ns: Namespace): void {
  const onLink = onLinkPrefixes(cx, host, ns);
  const local = localAddresses(host, ns);
  const seen = new Set<string>();
  // the prefix routes the kernel adds for the addresses of up devices (fib_add_ifaddr: not for
  // /32, secondaries or noprefixroute), metric 0: a static route with the same prefix and
  // metric is refused whatever its device or gateway (fib_table_insert, NLM_F_EXCL)
  const connected = new Map<string, string>();
  for (const d of host.devices) {
    if (d.ns !== ns.id || !d.up) continue;
    for (const a of d.addresses) {
      const c = parseCidr(a.cidr);
      if (!c || a.peer || a.noprefixroute || c.len === 32) continue;
      const key = `${networkOf(c)}/${c.len}/0`;
      if (!connected.has(key)) connected.set(key, `${a.cidr} on ${cx.label(d)}`);
    }
  }
  ns.routes.forEach((r, i) => {
    const path = cx.nsPath(ns, `routes[${i}]`);
    const dst = r.dst === 'default' ? { addr: 0, len: 0 } : parseCidr(r.dst);
    if (!dst) return cx.error('bad-route', ns.id, `${path}.dst`, `route destination "${r.dst}" is not "default" or an IPv4 prefix`);
    if (networkOf(dst) !== dst.addr) {
      cx.error('route-host-bits', ns.id, `${path}.dst`, `route ${r.dst} has host bits set (Error: Invalid prefix for given prefix length); write ${formatPrefix(dst)}/${dst.len}`);
    }
    const key = `${networkOf(dst)}/${dst.len}/${r.metric ?? 0}`;
    if (seen.has(key)) cx.error('duplicate-route', ns.id, path, `route ${r.dst}${r.metric ? ` metric ${r.metric}` : ''} is added twice (RTNETLINK answers: File exists)`);
    else if (connected.has(key)) cx.error('duplicate-route', ns.id, path, `route ${r.dst}${r.metric ? ` metric ${r.metric}` : ''} is already there: the kernel made it for address ${connected.get(key)} (RTNETLINK answers: File exists); give it a metric or leave it out`);
    seen.add(key);
    const type = r.type ?? 'unicast';
    const dev = r.dev === undefined ? undefined : cx.device(host, r.dev);
    if (r.dev !== undefined) {
      if (!dev) return cx.error('unknown-device', ns.id, `${path}.dev`, `route ${r.dst} uses device "${r.dev}", which does not exist`);
      if (dev.ns !== ns.id) return cx.error('device-other-netns', ns.id, `${path}.dev`, `route ${r.dst} uses ${cx.label(dev)}, which is not in namespace ${cx.where(ns.id)}`);
    }
    if (type !== 'unicast') return;
    if (!r.dev && !r.via) return cx.error('route-no-nexthop', ns.id, path, `route ${r.dst} has neither "via" nor "dev"; give it a gateway or a device`);
    if (dev && !dev.up) {
      cx.error('route-dev-down', ns.id, `${path}.dev`, `route ${r.dst} uses ${cx.label(dev)}, which is down (Error: Nexthop device is not up); bring the device up first`);
    }
    if (r.src !== undefined) {
      const s = parseIp(r.src);
      if (s === undefined) cx.error('bad-address', ns.id, `${path}.src`, `route source "${r.src}" is not an IPv4 address`);
      else if (!local.has(s)) cx.error('route-src-not-local', ns.id, `${path}.src`, `route ${r.dst} prefers source ${r.src}, which is not an address of namespace ${cx.where(ns.id)} (Error: Invalid prefsrc address)`);
    }
    if (r.via === undefined) return;
    const gw = parseIp(r.via);
    if (gw === undefined) return cx.error('bad-address', ns.id, `${path}.via`, `gateway "${r.via}" is not an IPv4 address`);
    if (local.has(gw)) return cx.error('gateway-local', ns.id, `${path}.via`, `gateway ${r.via} of route ${r.dst} is an address of this namespace (Error: Nexthop has invalid gateway)`);
    if (r.onlink) {
      if (!dev) cx.error('onlink-no-dev', ns.id, `${path}.onlink`, `route ${r.dst} is onlink but has no device (Error: Nexthop device required for onlink)`);
      return;
    }
    const reach = onLink.filter((o) => contains(o.prefix, gw) && o.prefix.len < 32 || o.prefix.len === 32 && o.prefix.addr === gw)
      .filter((o) => !dev || o.dev === dev.id);
    if (reach.length === 0) {
      cx.error('gateway-not-onlink', ns.id, `${path}.via`, `gateway ${r.via} of route ${r.dst} is not on any connected network${dev ? ` of ${cx.label(dev)}` : ''} (Error: Nexthop has invalid gateway); add an address covering it, a route to it by device, or "onlink"`);
    }
  });
}
