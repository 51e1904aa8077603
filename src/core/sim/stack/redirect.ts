/**
 * ICMP redirects, both ends (net/ipv4/route.c).
 *
 * Sending: __mkroute_input marks IPSKB_DOREDIRECT when a forwarded packet leaves by the
 * device it came in on, send_redirects allows it (IN_DEV_TX_REDIRECTS, all || dev), and
 * fib_validate_source returned 1: the route back to the sender is a direct route on that
 * device (its next hop has host scope). shared_media defaults to 1, so the next hop need not
 * share a subnet with the sender. ip_forward then sends the redirect before the FORWARD hook.
 *
 * Receiving: a redirect reaching a socket's error handler (ping_err → ipv4_sk_redirect) runs
 * __ip_do_redirect: it counts only when it comes from the gateway the route to the quoted
 * destination uses now, accept_redirects allows it (IN_DEV_RX_REDIRECTS: all && dev on a
 * forwarding device, all || dev otherwise), and the new gateway is a unicast address other
 * than the old one (shared_media 1: inet_addr_type is RTN_UNICAST). Then the neighbour entry
 * of the new gateway is looked up or made: not valid yet, it starts resolving
 * (neigh_event_send: the ARP request that follows a redirect); valid, the destination gets a
 * next-hop exception (update_or_create_fnhe) that output routing uses from then on
 * (route.ts routeOutput; the kernel keeps it ip_rt_gc_timeout, 300 s, longer than any probe
 * file runs, so it is kept for the whole run).
 */
import { isMulticast, LIMITED_BROADCAST } from '../../net/ipv4';
import type { Sim, SimDev, SimNs } from '../model';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';
import { neighEventSend } from './neigh';
import { confOr, forwarding, nsSysctl } from './sysctl';
import { fibLookup, isBroadcastAddr, localOwner, routeOutput } from './route';

/** fib_validate_source's 1: the route back to `src` is direct on `dev`. */
function sourceOnLink(ns: SimNs, dev: SimDev, src: number): boolean {
  const best = fibLookup(ns, src);
  if (best && best.dev === dev) return best.via === undefined && best.type === 'unicast';
  const onDev = fibLookup(ns, src, dev);
  return !!onDev && onDev.via === undefined && onDev.type === 'unicast';
}

/**
 * Whether ip_forward sends a redirect for a packet from `src` forwarded out of the device it
 * came in on. A namespace with rules in its nat table sends none: measured on Linux 6.18
 * (fixtures/conformance-fuzz/redirect-nat-suppressed, fuzz-seed-1011: a MASQUERADE or DNAT
 * rule that matches nothing is enough; a filter or conntrack rule is not). The source line
 * that stops it is not traced here; the measurement is the rule.
 */
export function shouldRedirect(ns: SimNs, inDev: SimDev, outDev: SimDev, src: number): boolean {
  if (outDev !== inDev || !confOr(inDev, 'send_redirects')) return false;
  if (ns.firewall.some((r) => r.table === 'nat')) return false;
  return sourceOnLink(ns, inDev, src);
}

/** IN_DEV_RX_REDIRECTS. */
function acceptsRedirects(dev: SimDev): boolean {
  const all = nsSysctl(dev.ns, 'net.ipv4.conf.all.accept_redirects') !== 0;
  const own = (dev.sysctl.accept_redirects ?? nsSysctl(dev.ns, 'net.ipv4.conf.default.accept_redirects')) !== 0;
  return forwarding(dev) ? all && own : all || own;
}

/** __ip_do_redirect for a redirect from `from` about `quote` (the quoted IP header). */
export function ipDoRedirect(sim: Sim, ns: SimNs, dev: SimDev, from: number, code: number, gateway: number, quote: Uint8Array): void {
  if ((code & 7) > 3) return;
  const qsrc = ipv4Src(quote);
  const qdst = ipv4Dst(quote);
  const rt = routeOutput(ns, qdst, { src: localOwner(ns, qsrc) ? qsrc : undefined });
  // rt_gw4 == old_gw: the route (or an earlier exception) goes through the redirect's sender
  if (rt.kind !== 'unicast' || rt.nexthop === qdst || rt.nexthop !== from) return;
  if (gateway === from || !acceptsRedirects(dev)) return;
  if (isMulticast(gateway) || gateway === LIMITED_BROADCAST || gateway >>> 24 === 0) return;
  if (localOwner(ns, gateway) || isBroadcastAddr(ns, gateway)) return;
  // inet_addr_type: an address no route reaches is not unicast either
  const r = fibLookup(ns, gateway);
  if (!r || r.type !== 'unicast') return;
  if (!neighEventSend(sim, rt.dev, gateway)) return;
  (ns.redirectNexthops ??= new Map()).set(qdst >>> 0, { dev: rt.dev, gateway });
}
