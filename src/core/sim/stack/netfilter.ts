/**
 * iptables as far as the design models it (net/netfilter, net/ipv4/netfilter): the
 * filter table (DROP, REJECT, ACCEPT, chain policies) and nat MASQUERADE with a minimal
 * ICMP-echo conntrack (nf_nat_masquerade.c: the new source is the out device's address
 * for the next hop; the echo id is kept unless it collides; replies are translated back
 * in PREROUTING).
 */
import { formatIp, maskOf, parseCidr } from '../../net/ipv4';
import type { FirewallRule } from '../../model/types';
import type { Sim, SimDev, SimNs } from '../model';
import { drop } from '../dev-core';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';
import { internetChecksum } from '../wire/checksum';
import { ICMP_DEST_UNREACH, UNREACH_PORT, UNREACH_HOST_PROHIBITED, UNREACH_NET_PROHIBITED, UNREACH_ADMIN_PROHIBITED, UNREACH_HOST, UNREACH_NET } from '../wire/icmp';
import { icmpSendError } from './icmp';
import { ipChecksumFix } from './ip-output';
import { selectSrc } from './route';
import { ctMatches, ctState, tracks, type CtResult } from './conntrack';
import { parsePortMatch, type PortMatch } from '../../model/nat-spec';
import { natDst, natSrc } from './nat';

type Chain = 'INPUT' | 'OUTPUT' | 'FORWARD';

/** A rule's matches as parsed values: the text of `-p/-s/-d/-i/-o` is read once per rule. */
interface CompiledMatch {
  /** Protocol number, -1 for none that exists, undefined for any. */
  proto?: number;
  protoNeg: boolean;
  src?: AddrMatch;
  dst?: AddrMatch;
  in?: IfMatch;
  out?: IfMatch;
  /** `--dport` / `--sport` (xt_tcpudp); a text that is no port matches nothing. */
  dport?: PortMatch | null;
  sport?: PortMatch | null;
}
/** `-s`/`-d`: a prefix (null when the text is not one: it matches nothing), maybe negated. */
interface AddrMatch { neg: boolean; net: number; mask: number; valid: boolean }
/** `-i`/`-o`: a name or a `prefix+` wildcard, maybe negated. */
interface IfMatch { neg: boolean; name: string; wildcard: boolean }

const compiled = new WeakMap<FirewallRule, CompiledMatch>();

function negated(text: string): { neg: boolean; rest: string } {
  return text.startsWith('!') ? { neg: true, rest: text.slice(1).trim() } : { neg: false, rest: text };
}

function compileAddr(pattern: string | undefined): AddrMatch | undefined {
  if (pattern === undefined) return undefined;
  const { neg, rest } = negated(pattern);
  const c = parseCidr(rest);
  const mask = c ? maskOf(c.len) : 0;
  return { neg, net: c ? (c.addr & mask) >>> 0 : 0, mask, valid: !!c };
}

function compileIf(pattern: string | undefined): IfMatch | undefined {
  if (pattern === undefined) return undefined;
  const { neg, rest } = negated(pattern);
  const wildcard = rest.endsWith('+');
  return { neg, name: wildcard ? rest.slice(0, -1) : rest, wildcard };
}

function compile(r: FirewallRule): CompiledMatch {
  let m = compiled.get(r);
  if (m) return m;
  let proto: number | undefined;
  let protoNeg = false;
  if (r.proto && r.proto !== 'all') {
    const { neg, rest } = negated(r.proto);
    protoNeg = neg;
    proto = rest === 'icmp' ? 1 : rest === 'tcp' ? 6 : rest === 'udp' ? 17 : -1;
  }
  m = { proto, protoNeg, src: compileAddr(r.src), dst: compileAddr(r.dst), in: compileIf(r.in), out: compileIf(r.out) };
  if (r.dport !== undefined) m.dport = parsePortMatch(r.dport) ?? null;
  if (r.sport !== undefined) m.sport = parsePortMatch(r.sport) ?? null;
  compiled.set(r, m);
  return m;
}

function ifMatch(m: IfMatch | undefined, dev: SimDev | undefined): boolean {
  if (!m) return true;
  const name = dev?.name ?? '';
  const hit = m.wildcard ? name.startsWith(m.name) : name === m.name;
  return m.neg ? !hit : hit;
}

function addrMatch(m: AddrMatch | undefined, ip: number): boolean {
  if (!m) return true;
  const hit = m.valid && ((ip & m.mask) >>> 0) === m.net;
  return m.neg ? !hit : hit;
}

function portMatch(m: PortMatch | null | undefined, pkt: Uint8Array, at: 0 | 2): boolean {
  if (m === undefined) return true;
  if (m === null || (pkt[9] !== 6 && pkt[9] !== 17)) return false;
  const o = (pkt[0] & 15) * 4 + at;
  const p = (pkt[o] << 8) | pkt[o + 1];
  return (p >= m.first && p <= m.last) !== m.neg;
}

export function ruleMatches(r: FirewallRule, pkt: Uint8Array, inDev: SimDev | undefined, outDev: SimDev | undefined): boolean {
  const m = compile(r);
  if (m.proto !== undefined && (m.proto === pkt[9]) === m.protoNeg) return false;
  if (!portMatch(m.dport, pkt, 2) || !portMatch(m.sport, pkt, 0)) return false;
  return addrMatch(m.src, ipv4Src(pkt)) && addrMatch(m.dst, ipv4Dst(pkt)) && ifMatch(m.in, inDev) && ifMatch(m.out, outDev);
}

const REJECT_CODES: Record<string, number> = {
  'icmp-port-unreachable': UNREACH_PORT, 'port-unreach': UNREACH_PORT,
  'icmp-host-unreachable': UNREACH_HOST, 'host-unreach': UNREACH_HOST,
  'icmp-net-unreachable': UNREACH_NET, 'net-unreach': UNREACH_NET,
  'icmp-host-prohibited': UNREACH_HOST_PROHIBITED, 'host-prohib': UNREACH_HOST_PROHIBITED,
  'icmp-net-prohibited': UNREACH_NET_PROHIBITED, 'net-prohib': UNREACH_NET_PROHIBITED,
  'icmp-admin-prohibited': UNREACH_ADMIN_PROHIBITED, 'admin-prohib': UNREACH_ADMIN_PROHIBITED,
};

/** Runs a filter chain; 'accept' or the verdict that stopped the packet (already acted on). */
export function filterVerdict(sim: Sim, ns: SimNs, chain: Chain, pkt: Uint8Array, inDev: SimDev | undefined, outDev: SimDev | undefined): 'accept' | 'drop' {
  if (ns.firewall.length === 0) {
    const p = ns.policies;
    if (p['filter/INPUT'] === undefined && p['filter/OUTPUT'] === undefined && p['filter/FORWARD'] === undefined) return 'accept';
  }
  const where = (inDev ?? outDev ?? ns.lo) as SimDev;
  // conntrack runs before the filter table (NF_IP_PRI_CONNTRACK) on every chain of a
  // tracking netns; a new flow is kept only if the packet gets through
  const ct = tracks(ns) ? ctState(ns, pkt, sim.engine.now) : undefined;
  for (const r of ns.firewall) {
    if (r.table !== 'filter' || r.chain !== chain || !ruleMatches(r, pkt, inDev, outDev)) continue;
    if (r.ctstate !== undefined && !ctMatches(r, (ct as CtResult).state)) continue;
    if (r.target === 'ACCEPT') { ct?.confirm?.(); return 'accept'; }
    if (r.target === 'DROP') {
      drop(sim, where, 'firewall', `iptables filter ${chain} rule -j DROP matched ${formatIp(ipv4Src(pkt))} > ${formatIp(ipv4Dst(pkt))} (net/ipv4/netfilter/ip_tables.c)`);
      return 'drop';
    }
    if (r.target === 'REJECT') {
      drop(sim, where, 'firewall', `iptables filter ${chain} rule -j REJECT matched; an ICMP error goes back to the sender (net/ipv4/netfilter/ipt_REJECT.c)`);
      icmpSendError(sim, ns, pkt, ICMP_DEST_UNREACH, REJECT_CODES[r.rejectWith ?? 'icmp-port-unreachable'] ?? UNREACH_PORT, inDev);
      return 'drop';
    }
  }
  if (ns.policies[`filter/${chain}`] === 'DROP') {
    drop(sim, where, 'firewall', `iptables filter ${chain} policy DROP${ct ? ` (conntrack state ${ct.state})` : ''} (net/ipv4/netfilter/ip_tables.c)`);
    return 'drop';
  }
  ct?.confirm?.();
  return 'accept';
}

/** ICMP types that can open a conntrack connection (echo, timestamp, info, address mask requests). */
const ICMP_NEW_TYPES = new Set([8, 13, 15, 17]);

function icmpEchoId(pkt: Uint8Array): number | undefined {
  if (pkt[9] !== 1) return undefined;
  const ihl = (pkt[0] & 15) * 4;
  const t = pkt[ihl];
  if (t !== 8 && t !== 0) return undefined;
  return (pkt[ihl + 4] << 8) | pkt[ihl + 5];
}

function setU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 255; b[o + 2] = (v >>> 8) & 255; b[o + 3] = v & 255;
}

function fixIcmpChecksum(pkt: Uint8Array): void {
  const ihl = (pkt[0] & 15) * 4;
  pkt[ihl + 2] = 0;
  pkt[ihl + 3] = 0;
  const c = internetChecksum(pkt, ihl, pkt.length - ihl);
  pkt[ihl + 2] = c >>> 8;
  pkt[ihl + 3] = c & 255;
}

/** nat POSTROUTING: MASQUERADE of new ICMP echo flows; returns the (possibly rewritten) packet, or null if dropped. */
export function natPostrouting(sim: Sim, ns: SimNs, pkt: Uint8Array, outDev: SimDev): Uint8Array | null {
  if (ns.firewall.length === 0) return pkt;
  if (pkt[9] === 6 || pkt[9] === 17 || (pkt[9] === 1 && (pkt[(pkt[0] & 15) * 4] === 3 || pkt[(pkt[0] & 15) * 4] === 11) && pkt[(pkt[0] & 15) * 4 + 17] !== 1)) {
    return natSrc(sim, ns, pkt, 'POSTROUTING', undefined, outDev) ? pkt : null;
  }
  // nat chains see only the first packet of a NEW connection. Conntrack never classes an
  // ICMP reply or error as NEW (nf_conntrack_proto_icmp.c icmp_new: only echo, timestamp,
  // info and address-mask requests open a connection), so e.g. the echo reply a host
  // sends for a request it received is never masqueraded.
  if (pkt[9] === 1 && !ICMP_NEW_TYPES.has(pkt[(pkt[0] & 15) * 4])) return pkt;
  const id = icmpEchoId(pkt);
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  if (id !== undefined && pkt[(pkt[0] & 15) * 4] === 8) {
    const known = ns.conntrack.find((c) => c.origSrc === src && c.origDst === dst && c.origId === id);
    if (known) return rewriteSrc(pkt, known.natSrc, known.natId);
  }
  for (const r of ns.firewall) {
    if (r.table !== 'nat' || r.chain !== 'POSTROUTING' || !ruleMatches(r, pkt, undefined, outDev)) continue;
    if (r.target !== 'MASQUERADE') continue;
    const natSrc = selectSrc(outDev, dst);
    if (natSrc === undefined || outDev.addrs.length === 0) {
      drop(sim, outDev, 'firewall', `MASQUERADE: ${outDev.name} has no address to masquerade with (net/netfilter/nf_nat_masquerade.c)`);
      return null;
    }
    if (id === undefined) return rewriteSrc(pkt, natSrc, undefined);
    let natId = id;
    while (ns.conntrack.some((c) => c.natSrc === natSrc && c.natId === natId && c.origDst === dst)) natId = (natId + 1) & 0xffff;
    ns.conntrack.push({ proto: 1, origSrc: src, origDst: dst, origId: id, natSrc, natId });
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: ns.label, text: `MASQUERADE ${formatIp(src)} > ${formatIp(dst)} as ${formatIp(natSrc)} on ${outDev.name}` });
    return rewriteSrc(pkt, natSrc, natId);
  }
  return pkt;
}

function rewriteSrc(pkt: Uint8Array, src: number, id: number | undefined): Uint8Array {
  const out = pkt.slice();
  setU32(out, 12, src);
  if (id !== undefined) {
    const ihl = (out[0] & 15) * 4;
    out[ihl + 4] = id >>> 8;
    out[ihl + 5] = id & 255;
    fixIcmpChecksum(out);
  }
  ipChecksumFix(out);
  return out;
}

/** nat PREROUTING: translates replies of masqueraded flows back (in place); false if dropped. */
export function natPrerouting(sim: Sim, ns: SimNs, pkt: Uint8Array, inDev?: SimDev): boolean {
  if (ns.firewall.length > 0 && !natDst(sim, ns, pkt, 'PREROUTING', inDev, undefined)) return false;
  if (ns.conntrack.length === 0 || pkt[9] !== 1) return true;
  const ihl = (pkt[0] & 15) * 4;
  const type = pkt[ihl];
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  if (type === 0) {
    const id = (pkt[ihl + 4] << 8) | pkt[ihl + 5];
    const c = ns.conntrack.find((x) => x.natSrc === dst && x.origDst === src && x.natId === id);
    if (!c) return true;
    setU32(pkt, 16, c.origSrc);
    pkt[ihl + 4] = c.origId >>> 8;
    pkt[ihl + 5] = c.origId & 255;
    fixIcmpChecksum(pkt);
    ipChecksumFix(pkt);
    return true;
  }
  if (type === 3 || type === 11) {
    // an ICMP error about a masqueraded echo: translate the outer destination and the
    // quoted packet back (nf_nat_icmp_reply_translation)
    const q = ihl + 8;
    if (pkt.length < q + 28 || pkt[q + 9] !== 1) return true;
    const qihl = (pkt[q] & 15) * 4;
    const qsrc = ipv4Src(pkt, q);
    const qdst = ipv4Dst(pkt, q);
    const qid = (pkt[q + qihl + 4] << 8) | pkt[q + qihl + 5];
    const c = ns.conntrack.find((x) => x.natSrc === qsrc && x.origDst === qdst && x.natId === qid && x.natSrc === dst);
    if (!c) return true;
    setU32(pkt, 16, c.origSrc);
    setU32(pkt, q + 12, c.origSrc);
    pkt[q + qihl + 4] = c.origId >>> 8;
    pkt[q + qihl + 5] = c.origId & 255;
    const inner = pkt.subarray(q);
    ipChecksumFix(inner);
    fixIcmpChecksum(pkt);
    ipChecksumFix(pkt);
  }
  return true;
}

/**
 * A locally generated ICMP error about a packet this namespace masqueraded (e.g. ARP for
 * the next hop failed after POSTROUTING): conntrack relates it to the flow and the NAT
 * OUTPUT hook sends it to the original client, quoting the packet as the client sent it.
 * Returns the untranslated offending packet, or undefined if no flow matches.
 */
export function natOriginalOf(ns: SimNs, orig: Uint8Array): Uint8Array | undefined {
  if (ns.conntrack.length === 0) return undefined;
  const id = icmpEchoId(orig);
  if (id === undefined) return undefined;
  const src = ipv4Src(orig);
  const dst = ipv4Dst(orig);
  const c = ns.conntrack.find((x) => x.natSrc === src && x.origDst === dst && x.natId === id);
  if (!c) return undefined;
  const out = orig.slice();
  setU32(out, 12, c.origSrc);
  const ihl = (out[0] & 15) * 4;
  out[ihl + 4] = c.origId >>> 8;
  out[ihl + 5] = c.origId & 255;
  fixIcmpChecksum(out);
  ipChecksumFix(out);
  return out;
}
