/**
 * ARP (net/ipv4/arp.c): sending requests (arp_solicit, with arp_announce), and
 * arp_rcv/arp_process — answering for local addresses under the weak host model
 * (arp_ignore, arp_filter, rp_filter through the input route), proxy ARP, and updating
 * the neighbour cache (requests for us create STALE entries; replies update existing ones).
 */
import { contains, formatIp, isLoopback, isMulticast } from '../../net/ipv4';
import type { NeighEntry, Sim, SimDev } from '../model';
import { ARP_LEN, ARP_REPLY, ARP_REQUEST } from '../wire/arp';
import { arpReply, arpRequest } from '../wire/frames';
import { BROADCAST_MAC } from '../wire/mac';
import { devXmit, drop, dropWhy, type PktType } from '../dev-core';
import { confMax, confOr, forwarding } from './sysctl';
import { localOwner, routeOutput, selectSrc } from './route';
import { inputRoute, type InputRoute } from './ip-input';
import { neighLookup, neighUpdate } from './neigh';
import { macAt } from '../mac-cache';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyNoarp = (dev: SimDev) => `${dev.name} has the NOARP flag: ARP arriving on it is discarded (net/ipv4/arp.c arp_rcv)`;
const whyOtherHost = (dev: SimDev) => `${dev.name}: ARP frame addressed to another host's MAC is ignored (net/ipv4/arp.c arp_rcv)`;

/** Transmits an ARP reply built earlier (a delayed proxy-ARP answer). */
function sendReply(sim: Sim, dev: SimDev, reply: Uint8Array): void {
  devXmit(sim, dev, { data: reply, hops: 0, lineage: undefined, forceHost: false });
}

/** Sends the ARP request for a neighbour entry: broadcast while resolving, unicast when re-probing. */
export function arpSolicit(sim: Sim, e: NeighEntry, unicast: boolean): void {
  const dev = e.dev;
  const announce = confMax(dev, 'arp_announce');
  let sip: number | undefined;
  // a re-probe from the timer has no queued packet to take the source from (neigh_probe)
  const cand = unicast ? undefined : e.solicitSrc;
  if (cand !== undefined && announce === 0 && localOwner(dev.ns, cand)) sip = cand;
  else if (cand !== undefined && announce === 1 && sameSubnetLocal(dev, e.ip, cand)) sip = cand;
  if (sip === undefined) sip = selectSrc(dev, e.ip) ?? 0;
  const frame = arpRequest({ src: dev.mac, senderIp: sip, targetIp: e.ip, dst: unicast && e.lladdr ? e.lladdr : BROADCAST_MAC });
  devXmit(sim, dev, { data: frame, hops: 0, lineage: undefined, forceHost: false });
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** arp_announce 1: `cand` is local and on a subnet of `dev` that also holds `ip`. */
function sameSubnetLocal(dev: SimDev, ip: number, cand: number): boolean {
  for (const a of dev.addrs) if (contains(a, ip) && localOwner(dev.ns, cand) && contains(a, cand)) return true;
  return false;
}

/** `dev` has `tip` as an address (whose subnet holds `sip`, when given). */
function hasAddr(dev: SimDev, tip: number, sip?: number): boolean {
  for (const a of dev.addrs) if (a.addr === tip && (sip === undefined || contains(a, sip))) return true;
  return false;
}

/** Stands for an input route that is neither local nor forwarding (arpRcv). */
const NOT_LOCAL = Object.freeze({ kind: 'no-forwarding' }) as InputRoute;

// (loops, not closures: this runs for every ARP packet, see dev-core.ts dropWhy)
function arpIgnore(dev: SimDev, sip: number, tip: number): boolean {
  const mode = confMax(dev, 'arp_ignore');
  switch (mode) {
    case 0: return false;
    case 1: return !hasAddr(dev, tip);
    case 2: return !hasAddr(dev, tip, sip);
    case 3: return false;
    case 8: return true;
    default: return mode > 8;
  }
}

/** arp_rcv + arp_process for a frame that reached `dev`'s protocol handlers. */
export function arpRcv(sim: Sim, dev: SimDev, frame: Uint8Array, off: number, pt: PktType): void {
  if (dev.noarp || dev.kind === 'loopback') {
    dropWhy(sim, dev, 'noarp', whyNoarp, dev, undefined, frame);
    return;
  }
  if (pt === 'otherhost') {
    dropWhy(sim, dev, 'other-host', whyOtherHost, dev, undefined, frame);
    return;
  }
  // read in place (the checks of wire/arp.ts parseArp); the sender MAC is only formatted when used
  if (frame.length - off < ARP_LEN) return;
  if (frame[off] !== 0 || frame[off + 1] !== 1 || frame[off + 2] !== 0x08 || frame[off + 3] !== 0 || frame[off + 4] !== 6 || frame[off + 5] !== 4) return;
  const op = (frame[off + 6] << 8) | frame[off + 7];
  const sip = u32(frame, off + 14);
  const tip = u32(frame, off + 24);
  if (isMulticast(tip) || isLoopback(tip)) return;
  const ns = dev.ns;
  if (op === ARP_REQUEST) {
    if (sip === 0) {
      // duplicate address detection probe: answer if the target is local
      if (localOwner(ns, tip) && !arpIgnore(dev, sip, tip)) {
        devXmit(sim, dev, { data: arpReply({ src: dev.mac, senderIp: tip, dst: macAt(frame, off + 8), targetIp: sip }), hops: 0, lineage: undefined, forceHost: false });
      }
      return;
    }
    // Only a local target or proxy ARP answers; for anything else (most requests in a
    // broadcast domain) the input route is not needed: it can only be 'local' for a local
    // target and 'forward' on a forwarding device.
    const r = localOwner(ns, tip) || forwarding(dev) ? inputRoute(ns, tip, sip, dev) : NOT_LOCAL;
    if (r.kind === 'local') {
      if (arpIgnore(dev, sip, tip)) {
        drop(sim, dev, 'arp-ignore', `${dev.name}: arp_ignore=${confMax(dev, 'arp_ignore')} forbids answering for ${formatIp(tip)} on this interface (net/ipv4/arp.c arp_ignore)`, frame);
        return;
      }
      if (confOr(dev, 'arp_filter')) {
        const back = routeOutput(ns, sip, { src: tip });
        if (back.kind !== 'unicast' || back.dev !== dev) return;
      }
      const sha = macAt(frame, off + 8);
      neighUpdate(sim, dev, sip, sha, 'stale', true);
      devXmit(sim, dev, { data: arpReply({ src: dev.mac, senderIp: tip, dst: sha, targetIp: sip }), hops: 0, lineage: undefined, forceHost: false });
      return;
    }
    if (r.kind === 'forward' && forwarding(dev) && confOr(dev, 'proxy_arp') && r.dev !== dev) {
      const sha = macAt(frame, off + 8);
      neighUpdate(sim, dev, sip, sha, 'stale', true);
      const reply = arpReply({ src: dev.mac, senderIp: tip, dst: sha, targetIp: sip });
      // broadcast requests are answered after a random delay of up to proxy_delay (0.8 s)
      const delay = pt === 'host' ? 0 : Math.floor(sim.rng.next() * 0.8e9);
      sim.engine.call(delay, sendReply, sim, dev, reply);
      return;
    }
  }
  // neighUpdate without `create` changes nothing unless an entry exists
  const known = neighLookup(dev, sip);
  if (!known) return;
  const sha = macAt(frame, off + 8);
  const state = op === ARP_REPLY && pt === 'host' ? 'reachable' : 'stale';
  neighUpdate(sim, dev, sip, sha, state, false, known);
}
