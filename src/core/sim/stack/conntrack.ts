/**
 * Connection tracking state for the conntrack/state matches (net/netfilter/nf_conntrack_core.c,
 * nf_conntrack_proto_icmp.c, xt_conntrack.c). A netns tracks only once one of its rules asks
 * for a state (nf_ct_netns_get), so namespaces without such rules pay nothing per packet.
 *
 * A flow is keyed by its original and its reply tuple. A packet's state, as resolve_normal_ct
 * gives it: in the reply direction ESTABLISHED; in the original direction ESTABLISHED once a
 * reply has been seen, NEW until then (also a loopback packet met again on INPUT); an ICMP
 * error quoting a packet of a tracked flow RELATED (icmp_error_message), an untracked one
 * INVALID; an ICMP reply without a flow INVALID (only requests open one: icmp_new). A flow
 * enters the table when its first packet is accepted (__nf_conntrack_confirm). Every packet
 * of a flow refreshes its idle timeout (nf_ct_refresh_acct); an expired flow is gone.
 */
import type { CtState, FirewallRule } from '../../model/types';
import type { SimNs } from '../model';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';

interface CtFlow { seenReply: boolean; proto: number; key: string; rkey: string; expires: number }
interface CtHit { flow: CtFlow; reply: boolean }

/** ICMP request type → reply type, for the types that open a flow. */
const ICMP_REPLY_OF: Record<number, number> = { 8: 0, 13: 14, 15: 16, 17: 18 };
const ICMP_REQUEST_OF: Record<number, number> = { 0: 8, 14: 13, 16: 15, 18: 17 };
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

const S = 1_000_000_000;
/** Idle timeouts (ns): nf_conntrack_icmp_timeout 30 s, udp 30 s / 120 s once replied (udp_timeout_stream), tcp established 5 days, generic 600 s. */
function timeout(f: CtFlow): number {
  if (f.proto === 1) return 30 * S;
  if (f.proto === 17) return (f.seenReply ? 120 : 30) * S;
  if (f.proto === 6) return 432_000 * S;
  return 600 * S;
}

/** The live flow under `key`, dropping it if its timeout ran out. */
function lookup(table: Map<string, CtHit>, key: string, now: number): CtHit | undefined {
  const hit = table.get(key);
  if (hit && hit.flow.expires <= now) {
    table.delete(hit.flow.key);
    table.delete(hit.flow.rkey);
    return undefined;
  }
  return hit;
}

const tracking = new WeakMap<readonly FirewallRule[], boolean>();

/** True if a rule of this netns matches on conntrack state. */
export function tracks(ns: SimNs): boolean {
  let on = tracking.get(ns.firewall);
  if (on === undefined) {
    on = ns.firewall.some((r) => r.ctstate !== undefined);
    tracking.set(ns.firewall, on);
  }
  return on;
}

/** Original-direction and reply tuple keys of the IPv4 packet at `off`, or null if it carries none (ICMP errors, replies). */
function tuples(pkt: Uint8Array, off: number): { key: string; rkey: string; request: boolean } | null {
  const proto = pkt[off + 9];
  const src = ipv4Src(pkt, off);
  const dst = ipv4Dst(pkt, off);
  const l4 = off + (pkt[off] & 15) * 4;
  if (proto === 1) {
    const type = pkt[l4];
    const id = (pkt[l4 + 4] << 8) | pkt[l4 + 5];
    const rtype = ICMP_REPLY_OF[type];
    if (rtype !== undefined) return { key: `1:${src}:${dst}:${id}:${type}`, rkey: `1:${dst}:${src}:${id}:${rtype}`, request: true };
    const qtype = ICMP_REQUEST_OF[type];
    if (qtype !== undefined) return { key: `1:${src}:${dst}:${id}:${type}`, rkey: `1:${dst}:${src}:${id}:${qtype}`, request: false };
    return null;
  }
  if ((proto === 6 || proto === 17) && pkt.length >= l4 + 4) {
    const sp = (pkt[l4] << 8) | pkt[l4 + 1];
    const dp = (pkt[l4 + 2] << 8) | pkt[l4 + 3];
    return { key: `${proto}:${src}:${sp}:${dst}:${dp}`, rkey: `${proto}:${dst}:${dp}:${src}:${sp}`, request: true };
  }
  return { key: `${proto}:${src}:${dst}`, rkey: `${proto}:${dst}:${src}`, request: true };
}

/** The packet's conntrack state in `ns`, and how to confirm it if it is accepted. */
export interface CtResult { state: CtState; confirm?: () => void }

export function ctState(ns: SimNs, pkt: Uint8Array, now: number): CtResult {
  const table = (ns.ct ??= new Map<string, CtHit>());
  if (pkt[9] === 1) {
    const type = pkt[(pkt[0] & 15) * 4];
    if (ICMP_ERRORS.has(type)) {
      const q = (pkt[0] & 15) * 4 + 8;
      if (pkt.length < q + 20) return { state: 'INVALID' };
      const inner = tuples(pkt, q);
      return { state: inner && lookup(table, inner.key, now) ? 'RELATED' : 'INVALID' };
    }
  }
  const t = tuples(pkt, 0);
  if (!t) return { state: 'INVALID' };
  const hit = lookup(table, t.key, now);
  if (hit) {
    if (hit.reply) hit.flow.seenReply = true;
    hit.flow.expires = now + timeout(hit.flow);
    if (hit.reply) return { state: 'ESTABLISHED' };
    return { state: hit.flow.seenReply ? 'ESTABLISHED' : 'NEW' };
  }
  if (!t.request) return { state: 'INVALID' };
  return {
    state: 'NEW',
    confirm: () => {
      if (table.has(t.key)) return;
      const flow: CtFlow = { seenReply: false, proto: pkt[9], key: t.key, rkey: t.rkey, expires: 0 };
      flow.expires = now + timeout(flow);
      table.set(t.key, { flow, reply: false });
      table.set(t.rkey, { flow, reply: true });
    },
  };
}

/** xt_conntrack --ctstate / xt_state --state: is the packet's state in the rule's list (or, negated, not)? */
export function ctMatches(r: FirewallRule, state: CtState): boolean {
  const hit = (r.ctstate as CtState[]).includes(state);
  return r.ctstateNeg ? !hit : hit;
}
