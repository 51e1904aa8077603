/**
 * NAT of TCP and UDP connections (net/netfilter/nf_nat_core.c, nf_nat_proto.c,
 * xt_nat.c, nf_nat_redirect.c, nf_nat_masquerade.c). A connection is keyed by its original
 * tuple and, once its first packet has passed the last hook, by its reply tuple. The nat
 * chains see only a connection's first packet; every later packet of either direction gets
 * the same mapping: destination manipulation at PREROUTING and OUTPUT (DNAT, REDIRECT, and
 * the reverse of SNAT on replies), source manipulation at POSTROUTING and INPUT (SNAT,
 * MASQUERADE, and the reverse of DNAT on replies). ICMP errors quoting a translated packet
 * are translated too (nf_nat_icmp_reply_translation).
 */
import type { FirewallRule } from '../../model/types';
import { parseNatTo, parsePortRange } from '../../model/nat-spec';
import type { Sim, SimDev, SimNs } from '../model';
import { drop } from '../dev-core';
import { formatIp } from '../../net/ipv4';
import { ipv4Dst, ipv4Src, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4';
import { setTcpChecksum, tcpPseudoSum, TCP_ACK, TCP_RST, TCP_SYN } from '../wire/tcp';
import { internetChecksum } from '../wire/checksum';
import { ipChecksumFix } from './ip-output';
import { selectSrc } from './route';
import { ruleMatches as natRuleMatches } from './netfilter';

interface Tuple { src: number; sport: number; dst: number; dport: number }
interface Flow { proto: number; o: Tuple; r: Tuple; dnat: boolean; snat: boolean; confirmed: boolean }
interface Hit { flow: Flow; reply: boolean }

const flows = new WeakMap<SimNs, Map<string, Hit>>();
/** The connection each packet in flight belongs to, from its first hook to its last. */
const inFlight = new WeakMap<Uint8Array, Hit>();
const natRules = new WeakMap<readonly FirewallRule[], boolean>();

/** True when the netns has nat rules that can rewrite TCP/UDP. */
export function natsTransport(ns: SimNs): boolean {
  let on = natRules.get(ns.firewall);
  if (on === undefined) {
    on = ns.firewall.some((r) => r.table === 'nat' && r.target !== 'ACCEPT' && r.proto !== 'icmp');
    natRules.set(ns.firewall, on);
  }
  return on;
}

const tkey = (p: number, t: Tuple) => `${p}:${t.src}:${t.sport}:${t.dst}:${t.dport}`;

function l4(pkt: Uint8Array): number { return (pkt[0] & 15) * 4; }

function tupleOf(pkt: Uint8Array, off = 0): Tuple {
  const o = off + (pkt[off] & 15) * 4;
  return { src: ipv4Src(pkt, off), dst: ipv4Dst(pkt, off), sport: (pkt[o] << 8) | pkt[o + 1], dport: (pkt[o + 2] << 8) | pkt[o + 3] };
}

function set32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 255; b[o + 2] = (v >>> 8) & 255; b[o + 3] = v & 255;
}

/** Rewrites the packet at `off` (addresses and ports) and fixes its checksums. */
function rewrite(pkt: Uint8Array, off: number, src: number, sport: number, dst: number, dport: number, checksums: boolean): void {
  set32(pkt, off + 12, src);
  set32(pkt, off + 16, dst);
  const o = off + (pkt[off] & 15) * 4;
  pkt[o] = sport >>> 8; pkt[o + 1] = sport & 255;
  pkt[o + 2] = dport >>> 8; pkt[o + 3] = dport & 255;
  const sub = pkt.subarray(off);
  ipChecksumFix(sub);
  if (!checksums) return;
  const len = ((pkt[off + 2] << 8) | pkt[off + 3]) - (o - off);
  if (pkt[off + 9] === IPPROTO_TCP) setTcpChecksum(pkt, o, Math.min(len, pkt.length - o), tcpPseudoSum(src, dst, len));
  else if (pkt[off + 9] === IPPROTO_UDP && ((pkt[o + 6] << 8) | pkt[o + 7]) !== 0) {
    pkt[o + 6] = 0; pkt[o + 7] = 0;
    let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_UDP + len;
    for (let i = 0; i + 1 < len; i += 2) sum += (pkt[o + i] << 8) | pkt[o + i + 1];
    if (len & 1) sum += pkt[o + len - 1] << 8;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    const c = ~sum & 0xffff || 0xffff;
    pkt[o + 6] = c >>> 8; pkt[o + 7] = c & 255;
  }
}

/** tcp_new: a segment without a connection opens one unless it is a reset or part of a handshake's reply. */
function canOpen(pkt: Uint8Array): boolean {
  if (pkt[9] !== IPPROTO_TCP) return true;
  const f = pkt[l4(pkt) + 13];
  if (f & TCP_RST) return false;
  return !((f & TCP_SYN) && (f & TCP_ACK));
}

function ports(pkt: Uint8Array): boolean {
  return (pkt[9] === IPPROTO_TCP || pkt[9] === IPPROTO_UDP) && pkt.length >= l4(pkt) + 8;
}

/** Destination manipulation: nat PREROUTING (`inDev`) or OUTPUT (`outDev`). False if dropped. */
export function natDst(sim: Sim, ns: SimNs, pkt: Uint8Array, chain: 'PREROUTING' | 'OUTPUT', inDev: SimDev | undefined, outDev: SimDev | undefined): boolean {
  if (!ports(pkt)) return natIcmpError(ns, pkt, 'dst');
  const table = flows.get(ns);
  if (!table && !natsTransport(ns)) return true;
  const t = tupleOf(pkt);
  const p = pkt[9];
  const hit = table?.get(tkey(p, t));
  if (hit) {
    inFlight.set(pkt, hit);
    const f = hit.flow;
    if (!hit.reply && f.dnat) rewrite(pkt, 0, t.src, t.sport, f.r.src, f.r.sport, true);
    else if (hit.reply && f.snat) rewrite(pkt, 0, t.src, t.sport, f.o.src, f.o.sport, true);
    return true;
  }
  if (!natsTransport(ns) || !canOpen(pkt)) return true;
  const flow: Flow = { proto: p, o: { ...t }, r: { src: t.dst, sport: t.dport, dst: t.src, dport: t.sport }, dnat: false, snat: false, confirmed: false };
  for (const r of ns.firewall) {
    if (r.table !== 'nat' || r.chain !== chain || !natRuleMatches(r, pkt, inDev, outDev)) continue;
    if (r.target === 'ACCEPT') break;
    if (r.target === 'DNAT') {
      const to = parseNatTo(r.toDestination ?? '');
      if (!to) continue;
      flow.r.src = to.addr ?? t.dst;
      flow.r.sport = to.ports?.first ?? t.dport;
    } else if (r.target === 'REDIRECT') {
      // nf_nat_redirect_ipv4: to 127.0.0.1 from OUTPUT, else to the first address of the in device
      const addr = chain === 'OUTPUT' ? 0x7f000001 : inDev?.addrs[0]?.addr;
      if (addr === undefined) {
        drop(sim, inDev ?? ns.lo as SimDev, 'firewall', `REDIRECT: ${inDev?.name ?? 'the in device'} has no IPv4 address to redirect to (net/netfilter/nf_nat_redirect.c)`);
        return false;
      }
      flow.r.src = addr;
      flow.r.sport = parsePortRange(r.toPorts ?? '')?.first ?? t.dport;
    } else continue;
    flow.dnat = true;
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: ns.label, text: `${r.target} ${formatIp(t.dst)}:${t.dport} to ${formatIp(flow.r.src)}:${flow.r.sport} for ${formatIp(t.src)}:${t.sport}` });
    break;
  }
  const map = table ?? new Map<string, Hit>();
  if (!table) flows.set(ns, map);
  const h: Hit = { flow, reply: false };
  map.set(tkey(p, flow.o), h);
  inFlight.set(pkt, h);
  if (flow.dnat) rewrite(pkt, 0, t.src, t.sport, flow.r.src, flow.r.sport, true);
  return true;
}

/** Source manipulation: nat POSTROUTING (`outDev`) or INPUT (local delivery). False if dropped. */
export function natSrc(sim: Sim, ns: SimNs, pkt: Uint8Array, chain: 'POSTROUTING' | 'INPUT', inDev: SimDev | undefined, outDev: SimDev | undefined): boolean {
  if (!ports(pkt)) return natIcmpError(ns, pkt, 'src');
  const hit = inFlight.get(pkt);
  if (!hit) return true;
  inFlight.delete(pkt);
  const f = hit.flow;
  const t = tupleOf(pkt);
  if (hit.reply) {
    if (f.dnat) rewrite(pkt, 0, f.o.dst, f.o.dport, t.dst, t.dport, true);
    return true;
  }
  if (!f.confirmed) {
    for (const r of ns.firewall) {
      if (r.table !== 'nat' || r.chain !== chain || !natRuleMatches(r, pkt, inDev, outDev)) continue;
      if (r.target === 'ACCEPT') break;
      let addr: number | undefined;
      let prange = r.toPorts ? parsePortRange(r.toPorts) : undefined;
      if (r.target === 'MASQUERADE' && outDev) {
        addr = selectSrc(outDev, t.dst);
        if (addr === undefined || outDev.addrs.length === 0) {
          drop(sim, outDev, 'firewall', `MASQUERADE: ${outDev.name} has no address to masquerade with (net/netfilter/nf_nat_masquerade.c)`);
          return false;
        }
      } else if (r.target === 'SNAT') {
        const to = parseNatTo(r.toSource ?? '');
        if (!to) continue;
        addr = to.addr ?? t.src;
        prange = to.ports;
      } else continue;
      f.r.dst = addr;
      f.r.dport = chooseSourcePort(ns, f, prange);
      f.snat = true;
      sim.trace.push({ t: sim.engine.now, kind: 'note', ns: ns.label, text: `${r.target} ${formatIp(t.src)}:${t.sport} as ${formatIp(f.r.dst)}:${f.r.dport}${outDev ? ` on ${outDev.name}` : ''}` });
      break;
    }
    f.confirmed = true;
    flows.get(ns)?.set(tkey(f.proto, f.r), { flow: f, reply: true });
  }
  if (f.snat) rewrite(pkt, 0, f.r.dst, f.r.dport, t.dst, t.dport, true);
  return true;
}

/** nf_nat_used_tuple / get_unique_tuple: keep the port unless another connection's reply uses it. */
function chooseSourcePort(ns: SimNs, f: Flow, range: { first: number; last: number } | undefined): number {
  const map = flows.get(ns);
  const free = (port: number) => !map?.has(tkey(f.proto, { ...f.r, dport: port }));
  if (!range) return free(f.o.sport) ? f.o.sport : nextFree(free, 1024, 65535, f.o.sport);
  if (f.o.sport >= range.first && f.o.sport <= range.last && free(f.o.sport)) return f.o.sport;
  return nextFree(free, range.first, range.last, range.first);
}

function nextFree(free: (p: number) => boolean, first: number, last: number, start: number): number {
  for (let i = 0; i <= last - first; i++) {
    const p = first + ((start - first + i) % (last - first + 1));
    if (free(p)) return p;
  }
  return start;
}

/**
 * An ICMP error quoting a translated packet: the quote is put back as its sender knows it
 * and the outer address follows (nf_nat_icmp_reply_translation). `dst` hooks undo SNAT
 * (errors coming back from the far side), `src` hooks undo DNAT (errors from the server).
 */
function natIcmpError(ns: SimNs, pkt: Uint8Array, hook: 'dst' | 'src'): boolean {
  if (pkt[9] !== 1) return true;
  const table = flows.get(ns);
  if (!table) return true;
  const o = l4(pkt);
  const type = pkt[o];
  if (type !== 3 && type !== 11) return true;
  const q = o + 8;
  if (pkt.length < q + 28 || (pkt[q + 9] !== IPPROTO_TCP && pkt[q + 9] !== IPPROTO_UDP)) return true;
  const qt = tupleOf(pkt, q);
  // the quoted packet went the other way: it matches the flow's tuple as sent on this side
  for (const h of table.values()) {
    const f = h.flow;
    if (h.reply || f.proto !== pkt[q + 9]) continue;
    if (hook === 'dst' && f.snat && qt.src === f.r.dst && qt.sport === f.r.dport && qt.dst === f.r.src && qt.dport === f.r.sport) {
      rewrite(pkt, q, f.o.src, f.o.sport, qt.dst, qt.dport, false);
      set32(pkt, 16, f.o.src);
    } else if (hook === 'src' && f.dnat && qt.src === f.o.src && qt.sport === f.o.sport && qt.dst === f.r.src && qt.dport === f.r.sport) {
      rewrite(pkt, q, qt.src, qt.sport, f.o.dst, f.o.dport, false);
      if (ipv4Src(pkt) === f.r.src) set32(pkt, 12, f.o.dst);
    } else continue;
    pkt[o + 2] = 0; pkt[o + 3] = 0;
    const c = internetChecksum(pkt, o, pkt.length - o);
    pkt[o + 2] = c >>> 8; pkt[o + 3] = c & 255;
    ipChecksumFix(pkt);
    return true;
  }
  return true;
}
