/**
 * The neighbour subsystem for ARP (net/core/neighbour.c, net/ipv4/arp.c): entries per
 * (device, address), the NUD state machine with the kernel's timers (3 broadcast probes
 * 1 s apart then FAILED; REACHABLE for a random 15–45 s; STALE → DELAY on use → PROBE
 * with unicast re-probes after 5 s), and the queue of packets waiting for resolution.
 */
import { formatIp, isMulticast } from '../../net/ipv4';
import { ipMcastMac } from './mcast';
import type { NeighEntry, NudState, Sim, SimDev } from '../model';
import { ETHERTYPE_IPV4 } from '../wire/ethernet';
import { writeEthHeader } from '../mac-cache';
import { BROADCAST_MAC, type Mac } from '../wire/mac';
import { devXmit, drop, whereOf } from '../dev-core';
import type { NeighStateText } from '../engine/trace';
import { arpSolicit } from './arp';
import { icmpSendError } from './icmp';
import { isBroadcastAddr } from './route';
import { ICMP_DEST_UNREACH, UNREACH_HOST } from '../wire/icmp';

const SECOND = 1e9;
export const RETRANS_NS = 1 * SECOND;
export const DELAY_FIRST_PROBE_NS = 5 * SECOND;
export const MCAST_SOLICIT = 3;
export const UCAST_SOLICIT = 3;
export const LOCKTIME_NS = 1 * SECOND;

/** Key of (dev, ip) in `ns.neigh`: a number, exact below 2^53 (ifindex < 2^21). */
export function neighKey(dev: SimDev, ip: number): number {
  return dev.ifindex * 4294967296 + (ip >>> 0);
}

/** The entry for (dev, ip), if any. */
export function neighLookup(dev: SimDev, ip: number): NeighEntry | undefined {
  return dev.neighByIp?.get(ip | 0);
}

function create(sim: Sim, dev: SimDev, ip: number, state: NudState): NeighEntry {
  const e: NeighEntry = {
    dev, ip, state, updated: sim.engine.now, confirmed: 0, used: sim.engine.now, probes: 0, queue: [],
    lladdr: undefined, timer: undefined, onTimer: undefined, solicitSrc: undefined,
  };
  dev.ns.neigh.set(neighKey(dev, ip), e);
  (dev.neighByIp ?? (dev.neighByIp = new Map())).set(ip | 0, e);
  return e;
}

/** `ip neigh` spelling of each state. */
const STATE_TEXT: Record<NudState, NeighStateText> = {
  incomplete: 'INCOMPLETE', reachable: 'REACHABLE', stale: 'STALE', delay: 'DELAY',
  probe: 'PROBE', failed: 'FAILED', permanent: 'PERMANENT', noarp: 'NOARP',
};

function setState(sim: Sim, e: NeighEntry, state: NudState): void {
  if (e.state === state) return;
  e.state = state;
  sim.trace.pushNeigh(sim.engine.now, whereOf(e.dev), e.ip, STATE_TEXT[state], e.lladdr);
}

function arm(sim: Sim, e: NeighEntry, delay: number): void {
  e.timer = sim.engine.rearm(e.timer, delay, e.onTimer ?? (e.onTimer = timerOf(sim, e)));
}

/** The entry's timer callback, made once per entry (apart from arm, which runs per packet). */
function timerOf(sim: Sim, e: NeighEntry): () => void {
  return () => timer(sim, e);
}

/** A random reachable time: base 30 s scaled by [0.5, 1.5) (neigh_rand_reach_time). */
function reachableTime(sim: Sim): number {
  return Math.floor((0.5 + sim.rng.next()) * 30 * SECOND);
}

function timer(sim: Sim, e: NeighEntry): void {
  e.timer = undefined;
  const now = sim.engine.now;
  switch (e.state) {
    case 'reachable':
      if (now <= e.used + DELAY_FIRST_PROBE_NS) {
        setState(sim, e, 'delay');
        arm(sim, e, DELAY_FIRST_PROBE_NS);
      } else setState(sim, e, 'stale');
      return;
    case 'delay':
      if (now <= e.confirmed + DELAY_FIRST_PROBE_NS) {
        setState(sim, e, 'reachable');
        arm(sim, e, reachableTime(sim));
      } else {
        setState(sim, e, 'probe');
        e.probes = 0;
        e.probes++;
        arpSolicit(sim, e, true);
        arm(sim, e, RETRANS_NS);
      }
      return;
    case 'probe':
      if (e.probes >= UCAST_SOLICIT) return fail(sim, e);
      e.probes++;
      arpSolicit(sim, e, true);
      arm(sim, e, RETRANS_NS);
      return;
    case 'incomplete':
      if (e.probes >= UCAST_SOLICIT + MCAST_SOLICIT) return fail(sim, e);
      e.probes++;
      arpSolicit(sim, e, false);
      arm(sim, e, RETRANS_NS);
      return;
    default:
  }
}

/** neigh_invalidate: FAILED, and every queued packet is reported host-unreachable to its sender. */
function fail(sim: Sim, e: NeighEntry): void {
  setState(sim, e, 'failed');
  const q = e.queue;
  e.queue = [];
  for (const p of q) {
    drop(sim, e.dev, 'neigh-failed', `${e.dev.name}: no ARP reply for ${formatIp(e.ip)} after ${MCAST_SOLICIT} requests; the queued packet is dropped and reported host-unreachable (net/ipv4/route.c ipv4_link_failure)`);
    icmpSendError(sim, e.dev.ns, p.ip, ICMP_DEST_UNREACH, UNREACH_HOST, undefined);
  }
}

/** Builds the Ethernet frame for an IP packet and transmits it on `dev`. */
export function sendIpFrame(sim: Sim, dev: SimDev, dst: Mac, ip: Uint8Array): void {
  const frame = new Uint8Array(14 + ip.length);
  writeEthHeader(frame, dst, dev.mac, ETHERTYPE_IPV4);
  frame.set(ip, 14);
  devXmit(sim, dev, { data: frame, hops: 0, lineage: undefined, forceHost: false });
}

/** neigh_output: sends `ip` to `nexthop` on `dev`, resolving its MAC first if needed. */
export function neighOutput(sim: Sim, dev: SimDev, nexthop: number, ip: Uint8Array, src: number | undefined): void {
  if (dev.kind === 'tun' || dev.kind === 'ipip' || dev.kind === 'gre') {
    // point-to-point without link-layer header: nothing to resolve
    devXmit(sim, dev, { data: ip, hops: 0, lineage: undefined, forceHost: false });
    return;
  }
  if (isBroadcastAddr(dev.ns, nexthop)) {
    sendIpFrame(sim, dev, BROADCAST_MAC, ip);
    return;
  }
  if (isMulticast(nexthop)) {
    sendIpFrame(sim, dev, ipMcastMac(nexthop), ip);
    return;
  }
  let e = neighLookup(dev, nexthop);
  if (dev.noarp) {
    if (!e) {
      e = create(sim, dev, nexthop, 'noarp');
      e.lladdr = dev.mac;
    }
    sendIpFrame(sim, dev, e.lladdr ?? dev.mac, ip);
    return;
  }
  const now = sim.engine.now;
  if (!e) e = create(sim, dev, nexthop, 'failed');
  e.used = now;
  switch (e.state) {
    case 'permanent':
    case 'noarp':
    case 'reachable':
    case 'delay':
    case 'probe':
      sendIpFrame(sim, dev, e.lladdr as Mac, ip);
      return;
    case 'stale':
      setState(sim, e, 'delay');
      arm(sim, e, DELAY_FIRST_PROBE_NS);
      sendIpFrame(sim, dev, e.lladdr as Mac, ip);
      return;
    case 'incomplete':
      e.queue.push({ ip });
      return;
    case 'failed':
      e.queue.push({ ip });
      e.solicitSrc = src;
      setState(sim, e, 'incomplete');
      e.probes = UCAST_SOLICIT + 1;
      arpSolicit(sim, e, false);
      arm(sim, e, RETRANS_NS);
      return;
  }
}

/**
 * neigh_event_send without a packet: an entry that is not valid starts resolving (INCOMPLETE,
 * a broadcast request now), as __ip_do_redirect does for a new gateway; a valid one is left.
 * Returns whether the entry was valid.
 */
export function neighEventSend(sim: Sim, dev: SimDev, ip: number): boolean {
  let e = neighLookup(dev, ip);
  if (!e) e = create(sim, dev, ip, 'failed');
  if (e.state !== 'failed') return e.state !== 'incomplete';
  setState(sim, e, 'incomplete');
  e.probes = UCAST_SOLICIT + 1;
  arpSolicit(sim, e, false);
  arm(sim, e, RETRANS_NS);
  return false;
}

/**
 * neigh_update from received ARP (arp_process): `state` is REACHABLE for a unicast reply
 * to us, STALE otherwise; `create` for requests aimed at one of our addresses.
 */
export function neighUpdate(sim: Sim, dev: SimDev, ip: number, lladdr: Mac, state: 'reachable' | 'stale', create_: boolean, known?: NeighEntry): void {
  // `known`: the entry for (dev, ip) when the caller has just looked it up
  let e = known ?? neighLookup(dev, ip);
  const now = sim.engine.now;
  if (!e) {
    if (!create_) return;
    if (isBroadcastAddr(dev.ns, ip)) {
      // arp_constructor: an entry for one of the namespace's broadcast addresses is NOARP with
      // the broadcast MAC, and ARP never changes it (ip neigh show hides it)
      create(sim, dev, ip, 'noarp').lladdr = BROADCAST_MAC;
      return;
    }
    e = create(sim, dev, ip, 'failed');
  }
  if (e.state === 'permanent' || e.state === 'noarp') return;
  const valid = e.state === 'reachable' || e.state === 'stale' || e.state === 'delay' || e.state === 'probe';
  if (valid && e.lladdr !== lladdr) {
    // within the lock time the first answer wins (NEIGH_VAR LOCKTIME)
    if (now <= e.updated + LOCKTIME_NS) return;
  }
  let next: NudState = state;
  if (valid && e.lladdr === lladdr && state === 'stale') next = e.state;
  const changed = e.lladdr !== lladdr;
  e.lladdr = lladdr;
  if (changed || next !== e.state) e.updated = now;
  if (next === 'reachable') {
    e.confirmed = now;
    setState(sim, e, 'reachable');
    arm(sim, e, reachableTime(sim));
  } else if (next === 'stale') {
    sim.engine.cancel(e.timer);
    setState(sim, e, 'stale');
  } else {
    setState(sim, e, next);
  }
  if (e.queue.length > 0) {
    const q = e.queue;
    e.queue = [];
    for (const p of q) neighOutput(sim, dev, ip, p.ip, undefined);
  }
}

/** Installs a configured (permanent / noarp / reachable / stale) entry. */
export function neighStatic(sim: Sim, dev: SimDev, ip: number, lladdr: Mac, state: NudState): void {
  const e = create(sim, dev, ip, state);
  e.lladdr = lladdr;
  if (state === 'reachable') {
    e.confirmed = sim.engine.now;
    arm(sim, e, reachableTime(sim));
  }
}

/** Flushes a device's entries (device down or carrier lost; arp_evict_nocarrier). */
export function neighFlushDev(sim: Sim, dev: SimDev): void {
  for (const [k, e] of dev.ns.neigh) {
    if (e.dev === dev && e.state !== 'permanent') {
      sim.engine.cancel(e.timer);
      dev.ns.neigh.delete(k);
      dev.neighByIp?.delete(e.ip | 0);
    }
  }
}
