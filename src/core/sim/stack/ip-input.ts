/**
 * IPv4 input (net/ipv4/ip_input.c, route.c ip_route_input_slow, fib_frontend.c
 * fib_validate_source): martian checks, rp_filter, local delivery (weak host model),
 * and forwarding with ip_forward, TTL and ICMP errors.
 */
import { formatIp, isLoopback, isMulticast, LIMITED_BROADCAST } from '../../net/ipv4';
import type { Sim, SimDev, SimNs } from '../model';
import { drop, dropWhy, type PktType } from '../dev-core';
import { ipv4Dst, ipv4Src, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4';
import { tcpRcv, udpRcv } from './transport';
import { natSrc, natsTransport } from './nat';
import { udpTunnelDeliver } from './udp-tunnel';
import { ipTunnelDeliver, IPPROTO_GRE, IPPROTO_IPIP } from '../devices/ip-tunnel';
import { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, UNREACH_NET, EXC_TTL } from '../wire/icmp';
import { confMax, confOr, forwarding } from './sysctl';
import { fibLookup, isBroadcastAddr, localOwner, type FibRoute } from './route';
import { icmpLocalDeliver, icmpSendError, icmpSendRedirect } from './icmp';
import { neighOutput } from './neigh';
import { mcJoined } from './mcast';
import { filterVerdict, natPostrouting, natPrerouting } from './netfilter';
import { ipChecksumFix } from './ip-output';
import { shouldRedirect } from './redirect';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyOtherHost = (dev: SimDev) => `${dev.name}: unicast frame for another MAC is dropped by IP (net/ipv4/ip_input.c ip_rcv_core)`;
const whyMartian = (dev: SimDev, [src, dst, why]: readonly [number, number, string]) => `${dev.name}: packet ${formatIp(src)} > ${formatIp(dst)} dropped as martian: ${why} (net/ipv4/route.c ip_route_input_slow)`;
const whyNoForwarding = (dev: SimDev, dst: number) => `${dev.name}: ${formatIp(dst)} is not local and forwarding is off on ${dev.name}; dropped silently (net/ipv4/route.c ip_error)`;
const whyNotJoined = (dev: SimDev, dst: number) => `${dev.name}: ${formatIp(dst)} is a multicast group ${dev.name} has not joined; dropped (net/ipv4/route.c ip_route_input_rcu, ip_check_mc_rcu)`;
const whyNoRoute = (dev: SimDev, dst: number) => `${dev.name}: no route to ${formatIp(dst)} while forwarding; ICMP net unreachable goes back (net/ipv4/route.c ip_error)`;

export type InputRoute =
  | { kind: 'local' }
  | { kind: 'broadcast' }
  | { kind: 'forward'; dev: SimDev; nexthop: number; route: FibRoute }
  | { kind: 'martian'; why: string }
  | { kind: 'no-forwarding' }
  | { kind: 'not-joined' }
  | { kind: 'unreachable' };

// Results without data are shared (callers only read them): no allocation per packet.
const LOCAL: InputRoute = Object.freeze({ kind: 'local' });
const BROADCAST: InputRoute = Object.freeze({ kind: 'broadcast' });
const NO_FORWARDING: InputRoute = Object.freeze({ kind: 'no-forwarding' });
const UNREACHABLE: InputRoute = Object.freeze({ kind: 'unreachable' });
const NOT_JOINED: InputRoute = Object.freeze({ kind: 'not-joined' });

/** fib_validate_source: null if the source is acceptable on `dev`, else why not. */
export function validateSource(ns: SimNs, src: number, dev: SimDev): string | null {
  const rpf = confMax(dev, 'rp_filter');
  const acceptLocal = confOr(dev, 'accept_local');
  if (localOwner(ns, src) && !acceptLocal) return `source ${formatIp(src)} is one of this namespace's own addresses (martian, accept_local=0)`;
  if (rpf === 0) return null;
  const back = fibLookup(ns, src);
  if (!back) return `rp_filter=${rpf}: no route back to ${formatIp(src)}`;
  const noAddr = dev.addrs.length === 0;
  if ((rpf === 1 || noAddr) && back.dev !== dev) return `rp_filter=${rpf}: the route back to ${formatIp(src)} leaves through ${back.dev.name}, not ${dev.name}`;
  return null;
}

/** ip_route_input_slow: what happens to a packet from `src` to `dst` arriving on `dev`. */
export function inputRoute(ns: SimNs, dst: number, src: number, dev: SimDev): InputRoute {
  if (isMulticast(src) || src === LIMITED_BROADCAST) return { kind: 'martian', why: 'multicast or broadcast source' };
  if (dst === LIMITED_BROADCAST) return BROADCAST;
  if (src === 0) return { kind: 'martian', why: 'source 0.0.0.0' };
  if (dst === 0) return { kind: 'martian', why: 'destination 0.0.0.0' };
  if (isLoopback(src) || isLoopback(dst)) return { kind: 'martian', why: 'loopback address on a non-loopback device' };
  if (localOwner(ns, dst)) {
    const bad = validateSource(ns, src, dev);
    return bad ? { kind: 'martian', why: bad } : LOCAL;
  }
  if (isBroadcastAddr(ns, dst)) {
    const bad = validateSource(ns, src, dev);
    return bad ? { kind: 'martian', why: bad } : BROADCAST;
  }
  if (isMulticast(dst)) return mcJoined(dev, dst) ? BROADCAST : NOT_JOINED;
  if (!forwarding(dev)) return NO_FORWARDING;
  const r = fibLookup(ns, dst);
  if (!r || r.type !== 'unicast') return UNREACHABLE;
  const bad = validateSource(ns, src, dev);
  if (bad) return { kind: 'martian', why: bad };
  return { kind: 'forward', dev: r.dev, nexthop: r.via ?? dst, route: r };
}

/** ip_rcv: an IPv4 packet reached `dev`'s stack. */
export function ipRcv(sim: Sim, dev: SimDev, frame: Uint8Array, off: number, pt: PktType): void {
  if (pt === 'otherhost') {
    dropWhy(sim, dev, 'other-host', whyOtherHost, dev, undefined, frame);
    return;
  }
  const ns = dev.ns;
  // The packet, trimmed to its total length when the frame is longer. The frame must stay as
  // captured: the packet is a copy when the stack may rewrite it — reverse NAT of a tracked
  // flow (natPrerouting) or forwarding (TTL, below) — and otherwise a view, local delivery
  // only reading it.
  const len = frame.length - off;
  if (len < 20 || frame[off] >> 4 !== 4) return;
  const totalLen = (frame[off + 2] << 8) | frame[off + 3];
  const end = totalLen >= 20 && totalLen < len ? off + totalLen : frame.length;
  const copied = ns.conntrack.length > 0 || (ns.firewall.length > 0 && natsTransport(ns));
  const pkt = copied ? frame.slice(off, end) : frame.subarray(off, end);
  if (dev.kind === 'loopback') {
    // looped-back local traffic already carries its output route: straight to local delivery
    localDeliver(sim, dev, pkt, false);
    return;
  }
  if (!natPrerouting(sim, ns, pkt, dev)) return;
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  const r = inputRoute(ns, dst, src, dev);
  switch (r.kind) {
    case 'local':
      localDeliver(sim, dev, pkt, false);
      return;
    case 'broadcast':
      localDeliver(sim, dev, pkt, true);
      return;
    case 'martian':
      dropWhy(sim, dev, 'martian', whyMartian, dev, [src, dst, r.why] as const, frame);
      return;
    case 'no-forwarding':
      dropWhy(sim, dev, 'no-forwarding', whyNoForwarding, dev, dst, frame);
      return;
    case 'not-joined':
      dropWhy(sim, dev, 'not-joined', whyNotJoined, dev, dst, frame);
      return;
    case 'unreachable':
      dropWhy(sim, dev, 'no-route', whyNoRoute, dev, dst, frame);
      icmpSendError(sim, ns, pkt, ICMP_DEST_UNREACH, UNREACH_NET, dev);
      return;
    case 'forward':
      if (sim.trace.recordAllFrames) sim.trace.push({ t: sim.engine.now, kind: 'route', ns: ns.label, dst: formatIp(dst), result: `forward from ${dev.name} to dev ${r.dev.name} nexthop ${formatIp(r.nexthop)}` });
      ipForward(sim, dev, copied ? pkt : pkt.slice(), r.dev, r.nexthop);
  }
}

function localDeliver(sim: Sim, dev: SimDev, pkt: Uint8Array, broadcast: boolean): void {
  const ns = dev.ns;
  if (filterVerdict(sim, ns, 'INPUT', pkt, dev, undefined) !== 'accept') return;
  if (ns.firewall.length > 0 && !natSrc(sim, ns, pkt, 'INPUT', dev, undefined)) return;
  if (pkt[9] === 1) icmpLocalDeliver(sim, ns, dev, pkt, broadcast);
  else if (pkt[9] === IPPROTO_TCP && !broadcast) tcpRcv(sim, ns, dev, pkt);
  else if (pkt[9] === IPPROTO_UDP && !udpTunnelDeliver(sim, ns, dev, pkt)) udpRcv(sim, ns, dev, pkt, broadcast);
  else if ((pkt[9] === IPPROTO_IPIP || pkt[9] === IPPROTO_GRE) && !broadcast) ipTunnelDeliver(sim, ns, dev, pkt);
}

/** ip_forward: TTL, FORWARD chain, redirects, POSTROUTING, then the neighbour layer. */
function ipForward(sim: Sim, inDev: SimDev, pkt: Uint8Array, outDev: SimDev, nexthop: number): void {
  const ns = inDev.ns;
  if (pkt[8] <= 1) {
    drop(sim, inDev, 'ttl', `${inDev.name}: TTL expired while forwarding; ICMP time exceeded goes back (net/ipv4/ip_forward.c)`);
    icmpSendError(sim, ns, pkt, ICMP_TIME_EXCEEDED, EXC_TTL, inDev);
    return;
  }
  pkt[8] -= 1;
  ipChecksumFix(pkt);
  // ip_forward sends the redirect (redirect.ts) before the FORWARD hook, and still forwards
  if (shouldRedirect(ns, inDev, outDev, ipv4Src(pkt))) icmpSendRedirect(sim, ns, pkt, nexthop);
  const v = filterVerdict(sim, ns, 'FORWARD', pkt, inDev, outDev);
  if (v !== 'accept') return;
  const out = natPostrouting(sim, ns, pkt, outDev);
  if (!out) return;
  // arp_solicit takes the packet's source when it is one of ours (a source NAT made it so)
  const osrc = ipv4Src(out);
  neighOutput(sim, outDev, nexthop, out, localOwner(ns, osrc) ? osrc : undefined);
}
