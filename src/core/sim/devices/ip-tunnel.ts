/**
 * ipip, GRE and gretap tunnels (net/ipv4/ip_tunnel.c, ipip.c, ip_gre.c).
 *
 * - Transmit (`ip_tunnel_xmit`): the inner packet (ipip, gre: an IPv4 packet without link
 *   header; gretap: an Ethernet frame) is routed to `remote` from `local`, bound to `dev`
 *   when given. No remote means no destination and the packet is dropped (the kernel takes
 *   a gateway from the route then; not modelled). A route back out of the tunnel itself is
 *   refused (recursion, tx_carrier_errors). The outer header: protocol 4 (ipip) or 47
 *   (GRE, with a key word when `okey`, protocol 0x0800 or 0x6558 for Ethernet), TTL `ttl`
 *   or the inner packet's (`inherit`, the default), DF set unless `nopmtudisc`.
 * - Receive (`ip_tunnel_lookup`): among the up tunnels of the packet's type (ipip, GRE
 *   with an IPv4 payload, GRE with Ethernet), the first whose local and remote match the
 *   outer destination and source, then remote only (local any), then local only (remote
 *   any), then neither; the key must match (`ip_tunnel_key_match`: a keyed tunnel takes
 *   only its key, an unkeyed one only unkeyed packets). No tunnel: the kernel answers ICMP
 *   port unreachable (tunnel4.c tunnel4_rcv, ip_gre.c gre_rcv PACKET_REJECT).
 */
import type { IpTunnelDevice } from '../../model/tunnel-types';
import { formatIp, parseIp } from '../../net/ipv4';
import type { Sim, SimDev, SimNs, Skb } from '../model';
import { dropWhy, netifReceive, tap } from '../dev-core';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';
import { ipSendLocal } from '../stack/ip-output';
import { routeOutput } from '../stack/route';
import { ipRcv } from '../stack/ip-input';
import { icmpSendError } from '../stack/icmp';

export const IPPROTO_IPIP = 4;
export const IPPROTO_GRE = 47;
const GRE_KEY = 0x2000;
const ETH_P_IP = 0x0800;
const ETH_P_TEB = 0x6558;

/** The runtime of a tunnel device (SimDev.ipTunnel). */
export interface IpTunnelState {
  kind: IpTunnelDevice['kind'];
  local: number;
  remote: number;
  ttl: number;
  ikey?: number;
  okey?: number;
  underlay?: SimDev;
  df: boolean;
}

export function ipTunnelState(cfg: IpTunnelDevice, byId: Map<string, SimDev>): IpTunnelState {
  return {
    kind: cfg.kind,
    local: cfg.local !== undefined ? parseIp(cfg.local) ?? 0 : 0,
    remote: cfg.remote !== undefined ? parseIp(cfg.remote) ?? 0 : 0,
    ttl: cfg.ttl ?? 0,
    ikey: cfg.ikey, okey: cfg.okey,
    underlay: cfg.underlay ? byId.get(cfg.underlay) : undefined,
    df: cfg.pmtudisc !== false,
  };
}

const whyNoRemote = (dev: SimDev) => `${dev.name} has no remote address, so the packet has no outer destination; dropped (net/ipv4/ip_tunnel.c ip_tunnel_xmit)`;
const whyNoRoute = (dev: SimDev, dst: number) => `${dev.name}: no route to the tunnel's remote ${formatIp(dst)}; dropped (ip_tunnel.c ip_tunnel_xmit, tx_carrier_errors)`;
const whyRecursion = (dev: SimDev, dst: number) => `${dev.name}: the route to the remote ${formatIp(dst)} leads back into ${dev.name}; dropped (ip_tunnel.c ip_tunnel_xmit, "rt->dst.dev == dev")`;
const whyNoMatch = (dev: SimDev, what: string) => `no up ${what} tunnel in ${dev.ns.label} matches this packet's addresses and key; the kernel answers ICMP port unreachable (net/ipv4/ip_tunnel.c ip_tunnel_lookup, tunnel4.c / ip_gre.c gre_rcv)`;

/** ip_tunnel_xmit (ipip_tunnel_xmit, ipgre_xmit, gre_tap_xmit). */
export function ipTunnelXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const t = dev.ipTunnel!;
  const inner = skb.data;
  if (!t.remote) {
    dropWhy(sim, dev, 'tunnel-no-remote', whyNoRemote, dev, undefined, inner);
    return;
  }
  const r = routeOutput(dev.ns, t.remote, { oif: t.underlay, src: t.local || undefined });
  if (r.kind === 'error') {
    dropWhy(sim, dev, 'no-route', whyNoRoute, dev, t.remote, inner);
    return;
  }
  if (r.dev === dev) {
    dropWhy(sim, dev, 'tunnel-recursion', whyRecursion, dev, t.remote, inner);
    return;
  }
  const innerIp = t.kind === 'gretap' ? ((inner[12] << 8) | inner[13]) === ETH_P_IP ? inner.subarray(14) : undefined : inner;
  // ttl inherit (0): the inner IPv4 packet's TTL, else the route's hop limit (ip4_dst_hoplimit, 64)
  const ttl = t.ttl || (innerIp && innerIp.length >= 20 ? innerIp[8] : 64);
  let payload = inner;
  if (t.kind !== 'ipip') {
    const keyLen = t.okey !== undefined ? 4 : 0;
    payload = new Uint8Array(4 + keyLen + inner.length);
    const proto = t.kind === 'gretap' ? ETH_P_TEB : ETH_P_IP;
    payload[0] = keyLen ? GRE_KEY >> 8 : 0;
    payload[2] = proto >> 8; payload[3] = proto & 0xff;
    if (keyLen) {
      const k = t.okey! >>> 0;
      payload[4] = k >>> 24; payload[5] = (k >>> 16) & 0xff; payload[6] = (k >>> 8) & 0xff; payload[7] = k & 0xff;
    }
    payload.set(inner, 4 + keyLen);
  }
  const src = t.local || r.src || 0;
  ipSendLocal(sim, dev.ns, { dst: t.remote, src, oif: t.underlay, proto: t.kind === 'ipip' ? IPPROTO_IPIP : IPPROTO_GRE, payload, ttl, df: t.df });
}

/** ip_tunnel_key_match. */
function keyMatch(t: IpTunnelState, key: number | undefined): boolean {
  return t.ikey !== undefined ? key === t.ikey : key === undefined;
}

/** ip_tunnel_lookup over the namespace's up tunnels of one type. */
function lookup(ns: SimNs, kind: IpTunnelState['kind'], remote: number, local: number, key: number | undefined): SimDev | undefined {
  const mine = ns.devs.filter((d) => d.ipTunnel && d.ipTunnel.kind === kind && d.up && keyMatch(d.ipTunnel, key));
  return mine.find((d) => d.ipTunnel!.local === local && d.ipTunnel!.remote === remote)
    ?? mine.find((d) => d.ipTunnel!.local === 0 && d.ipTunnel!.remote === remote)
    ?? mine.find((d) => d.ipTunnel!.local === local && d.ipTunnel!.remote === 0)
    ?? mine.find((d) => d.ipTunnel!.local === 0 && d.ipTunnel!.remote === 0);
}

/**
 * Local delivery of protocol 4 or 47 (`pkt` from its IPv4 header on) in `ns` through `dev`.
 * True when a tunnel took it or it was answered with port unreachable.
 */
export function ipTunnelDeliver(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array): boolean {
  const ihl = (pkt[0] & 15) * 4;
  const body = pkt.subarray(ihl);
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  if (pkt[9] === IPPROTO_IPIP) {
    const t = lookup(ns, 'ipip', src, dst, undefined);
    if (!t) return reject(sim, ns, dev, pkt, 'ipip');
    deliverInner(sim, t, body.slice(), false);
    return true;
  }
  if (body.length < 4) return false;
  const flags = (body[0] << 8) | body[1];
  // only version 0 with no flags beyond the key (checksum and sequence are not modelled)
  if ((flags & ~GRE_KEY) !== 0) return false;
  const proto = (body[2] << 8) | body[3];
  const hasKey = (flags & GRE_KEY) !== 0;
  const key = hasKey ? ((body[4] << 24) | (body[5] << 16) | (body[6] << 8) | body[7]) >>> 0 : undefined;
  const inner = body.subarray(hasKey ? 8 : 4);
  const kind = proto === ETH_P_TEB ? 'gretap' : 'gre';
  if (proto !== ETH_P_TEB && proto !== ETH_P_IP) return reject(sim, ns, dev, pkt, 'GRE');
  const t = lookup(ns, kind, src, dst, key);
  if (!t) return reject(sim, ns, dev, pkt, kind === 'gretap' ? 'gretap' : 'GRE');
  deliverInner(sim, t, inner.slice(), kind === 'gretap');
  return true;
}

function reject(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array, what: string): boolean {
  dropWhy(sim, dev, 'tunnel-no-match', whyNoMatch, dev, what, pkt);
  icmpSendError(sim, ns, pkt, 3, 3, dev);
  return true;
}

function deliverInner(sim: Sim, t: SimDev, inner: Uint8Array, ethernet: boolean): void {
  if (ethernet) {
    netifReceive(sim, t, { data: inner, hops: 0, lineage: undefined, forceHost: false });
    return;
  }
  sim.frameEvents++;
  tap(sim, t, 'frame-rx', inner);
  ipRcv(sim, t, inner, 0, 'host');
}
