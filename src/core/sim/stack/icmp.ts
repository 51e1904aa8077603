/**
 * ICMP (net/ipv4/icmp.c): echo replies (source = the address the request was sent to,
 * TTL 64, not for broadcast), error generation (icmp_send: never about ICMP errors or
 * broadcasts; source chosen by the route back), and delivery to local ping sockets.
 */
import { formatIp, isMulticast, LIMITED_BROADCAST } from '../../net/ipv4';
import { icmpErrorAllowed, redirectAllowed } from './icmp-ratelimit';
import type { Sim, SimDev, SimNs } from '../model';
import { emitIcmp, icmpQuote, isIcmpErrorType, parseIcmp } from '../wire/icmp';
import { ipv4Dst, ipv4Src, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4';
import { transportIcmpError } from './transport';
import { ICMP_ERROR_TOS } from '../wire/frames';
import { ipSendLocal } from './ip-output';
import { isBroadcastAddr, localOwner } from './route';
import { natOriginalOf } from './netfilter';
import { ipDoRedirect } from './redirect';

/** An ICMP message reached local delivery in `ns`. */
export function icmpLocalDeliver(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array, broadcast: boolean): void {
  const ihl = (pkt[0] & 15) * 4;
  const parsed = parseIcmp(pkt.subarray(ihl));
  if (!parsed) return;
  const m = parsed.msg;
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  if (m.kind === 'echo-request') {
    if (broadcast) return; // icmp_echo_ignore_broadcasts=1
    const payload = emitIcmp({ kind: 'echo-reply', code: 0, id: m.id, seq: m.seq, data: m.data });
    ipSendLocal(sim, ns, { dst: src, src: dst, proto: IPPROTO_ICMP, payload });
    return;
  }
  if (m.kind === 'echo-reply') {
    for (const s of ns.icmpSockets) if (s.id === m.id) s.onEchoReply(src, pkt);
    return;
  }
  if (m.kind === 'dest-unreach' || m.kind === 'time-exceeded' || m.kind === 'redirect') {
    const q = m.quote;
    if (q.length >= 28 && (q[9] === IPPROTO_TCP || q[9] === IPPROTO_UDP)) {
      for (const l of ns.icmpErrorListeners ?? []) l(src, parsed.type, m.code, q);
      if (m.kind !== 'redirect') transportIcmpError(sim, ns, src, parsed.type, m.code, q);
      return;
    }
    if (q.length < 28 || q[9] !== IPPROTO_ICMP) return;
    const qihl = (q[0] & 15) * 4;
    if (q.length < qihl + 8 || q[qihl] !== 8) return;
    const id = (q[qihl + 4] << 8) | q[qihl + 5];
    const gw = m.kind === 'redirect' ? m.gateway : undefined;
    let socket = false;
    for (const s of ns.icmpSockets) {
      if (s.id !== id) continue;
      socket = true;
      s.onError(src, parsed.type, m.code, gw);
    }
    // ping_err → ipv4_sk_redirect: the socket's route learns the new gateway
    if (socket && m.kind === 'redirect') ipDoRedirect(sim, ns, dev, src, m.code, m.gateway, q);
  }
}

/** icmp_send: reports a problem with `orig` (an IPv4 packet) to its sender. */
export function icmpSendError(sim: Sim, ns: SimNs, offending: Uint8Array, type: number, code: number, _inDev: SimDev | undefined): void {
  const orig = natOriginalOf(ns, offending) ?? offending;
  const osrc = ipv4Src(orig);
  const odst = ipv4Dst(orig);
  // A source of 0.0.0.0 is no reason to stay silent: a locally generated packet sent without
  // a source address gets its error too, routed to 127.0.0.1 (see routeOutput); packets
  // arriving with that source never get this far (martian).
  if (osrc === LIMITED_BROADCAST || isMulticast(osrc)) return;
  if (odst === LIMITED_BROADCAST || isMulticast(odst) || isBroadcastAddr(ns, odst)) return;
  if (orig[9] === IPPROTO_ICMP) {
    const ihl = (orig[0] & 15) * 4;
    if (isIcmpErrorType(orig[ihl])) return; // never an error about an error
  }
  if (!icmpErrorAllowed(sim, ns, osrc, type, !!localOwner(ns, osrc))) {
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: ns.label, text: `ICMP type ${type} to ${formatIp(osrc)} suppressed by the per-destination rate limit (net/ipv4/icmp.c icmpv4_xrlim_allow)` });
    return;
  }
  const src = localOwner(ns, odst) ? odst : undefined;
  const quote = icmpQuote(orig);
  const payload = type === 11
    ? emitIcmp({ kind: 'time-exceeded', code, quote })
    : emitIcmp({ kind: 'dest-unreach', code, mtu: 0, quote });
  ipSendLocal(sim, ns, { dst: osrc, src, proto: IPPROTO_ICMP, payload, tos: ICMP_ERROR_TOS });
}

/** ip_rt_send_redirect: an ICMP host redirect (type 5 code 1) telling the sender of `orig` to use `gateway`. */
export function icmpSendRedirect(sim: Sim, ns: SimNs, orig: Uint8Array, gateway: number): void {
  const osrc = ipv4Src(orig);
  if (!redirectAllowed(sim, ns, osrc)) return;
  const payload = emitIcmp({ kind: 'redirect', code: 1, gateway, quote: icmpQuote(orig, ((orig[0] & 15) * 4) + 8) });
  ipSendLocal(sim, ns, { dst: osrc, proto: IPPROTO_ICMP, payload, tos: ICMP_ERROR_TOS });
}
