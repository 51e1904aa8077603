/**
 * VXLAN (drivers/net/vxlan/vxlan_core.c): an Ethernet device whose transmitted frames are
 * put in UDP to a remote endpoint chosen by the device's own forwarding table, and whose
 * received UDP (on its port, with its VNI) comes out of the device as Ethernet frames.
 *
 * - Transmit (`vxlan_xmit`): with `proxy`, ARP never leaves: requests are answered from the
 *   device's neighbour table (`arp_reduce`); otherwise the inner destination MAC is looked
 *   up in the FDB, falling back to the all-zeros default entry (`remote`, `group` or
 *   `bridge fdb append 00:00:00:00:00:00 … dst`); no entry at all drops the frame
 *   (SKB_DROP_REASON_VXLAN_NO_REMOTE). An entry with several destinations sends a copy to
 *   each (head-end replication).
 * - Each copy (`vxlan_xmit_one`): route to the remote from `local` (out of `dev` when given),
 *   a route back out of the VXLAN device itself is refused (circular route); outer TTL is
 *   `ttl`, or the route's hop limit (64), or 1 toward a multicast group; no DF; UDP source
 *   port a hash of the inner flow in the local port range (`udp_flow_src_port`); UDP
 *   checksum on (the kernel default for IPv4, shown by `ip -d link` as `udpcsum`). The
 *   packet then goes through the namespace's IP output like any local packet.
 * - Receive (`vxlan_rcv`, reached from UDP local delivery on the port's tunnel socket, which
 *   exists while a VXLAN device using that port is up): the I flag must be set and the VNI
 *   must belong to an up device on that port; a frame carrying the device's own MAC as source
 *   is a loop and dropped (`vxlan_set_mac`); with learning (the default) the inner source MAC
 *   is recorded against the outer source address (`vxlan_snoop`), except that a permanent
 *   entry is never moved and the frame is then dropped. The inner frame then enters the
 *   device's receive path (taps, bridge port, IP).
 */
import type { VxlanDevice } from '../../model/types';
import { formatIp, isMulticast, parseIp } from '../../net/ipv4';
import type { Sim, SimDev, SimNs, Skb } from '../model';
import { dropWhy, netifReceive, whereOf } from '../dev-core';
import { macAt, macEquals } from '../mac-cache';
import { ZERO_MAC, parseMac, type Mac } from '../wire/mac';
import { ETHERTYPE_ARP } from '../wire/ethernet';
import { ARP_REQUEST } from '../wire/arp';
import { arpReply } from '../wire/frames';
import { IPPROTO_UDP, ipv4Src } from '../wire/ipv4';
import { emitVxlan, parseVxlan, VXLAN_LINUX_DEFAULT_PORT } from '../wire/vxlan';
import { emitUdp, ipv4PseudoSum, UDP_HEADER_LEN } from '../wire/udp';
import { ipSendLocal } from '../stack/ip-output';
import { routeOutput } from '../stack/route';
import { neighLookup } from '../stack/neigh';

/** One entry of the device's FDB: where frames for `mac` are sent. */
export interface VxlanFdb {
  dsts: number[];
  /** Written by the design (permanent): never moved by learning. */
  permanent: boolean;
  updated: number;
}

/** The runtime of a VXLAN device (SimDev.vxlan). */
export interface VxlanState {
  vni: number;
  port: number;
  local?: number;
  underlay?: SimDev;
  learning: boolean;
  proxy: boolean;
  ttl?: number;
  /** `group`: the multicast group joined on the underlay while the device is up (stack/mcast.ts). */
  group?: number;
  fdb: Map<Mac, VxlanFdb>;
}

/** The local port range (net.ipv4.ip_local_port_range default) the source port is drawn from. */
const PORT_MIN = 32768;
const PORT_MAX = 61000;

/** Builds the runtime state from the design (called once the underlay devices exist). */
export function vxlanState(cfg: VxlanDevice, byId: Map<string, SimDev>): VxlanState {
  const fdb = new Map<Mac, VxlanFdb>();
  const add = (mac: Mac, dst: number) => {
    const e = fdb.get(mac);
    if (!e) fdb.set(mac, { dsts: [dst], permanent: true, updated: 0 });
    else if (!e.dsts.includes(dst)) e.dsts.push(dst);
  };
  const def = cfg.remote ?? cfg.group;
  const defIp = def !== undefined ? parseIp(def) : undefined;
  if (defIp !== undefined) add(ZERO_MAC, defIp);
  for (const e of cfg.fdb ?? []) {
    const mac = parseMac(e.mac);
    const ip = parseIp(e.dst);
    if (mac && ip !== undefined) add(mac, ip);
  }
  return {
    vni: cfg.vni, port: cfg.dstport ?? VXLAN_LINUX_DEFAULT_PORT,
    local: cfg.local !== undefined ? parseIp(cfg.local) : undefined,
    underlay: cfg.underlay ? byId.get(cfg.underlay) : undefined,
    learning: cfg.learning !== false, proxy: !!cfg.proxy, ttl: cfg.ttl, fdb,
    group: cfg.group !== undefined ? parseIp(cfg.group) : undefined,
  };
}

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyNoRemote = (dev: SimDev, mac: Mac) => `${dev.name}: no FDB entry for ${mac} and no default (00:00:00:00:00:00) destination: the frame is dropped (drivers/net/vxlan/vxlan_core.c vxlan_xmit, VXLAN_NO_REMOTE)`;
const whyNoRoute = (dev: SimDev, dst: number) => `${dev.name}: no route to the remote endpoint ${formatIp(dst)}; the frame is dropped (vxlan_core.c vxlan_xmit_one, tx_carrier_errors)`;
const whyCircular = (dev: SimDev, dst: number) => `${dev.name}: the route to the remote endpoint ${formatIp(dst)} leads back into ${dev.name} (circular route), the frame is dropped (vxlan_core.c vxlan_get_route)`;
const whyProxy = (dev: SimDev, tip: number) => `${dev.name} has proxy on and no usable neighbour entry for ${formatIp(tip)}: the ARP request is not sent over the tunnel (vxlan_core.c arp_reduce)`;
const whyProxyOther = (dev: SimDev) => `${dev.name} has proxy on: ARP other than requests is not sent over the tunnel (vxlan_core.c arp_reduce)`;
const whyBadHeader = (dev: SimDev) => `${dev.name}: a VXLAN packet without the I flag (or with unknown flags) is dropped (vxlan_core.c vxlan_rcv)`;
const whyUnknownVni = (port: number, vni: number) => `no up VXLAN device with VNI ${vni} on UDP port ${port}: the packet is dropped (vxlan_core.c vxlan_rcv, vxlan_vs_find_vni)`;
const whyLoop = (dev: SimDev) => `${dev.name}: the inner frame carries ${dev.name}'s own MAC as source (a loop or multicast echo); dropped (vxlan_core.c vxlan_set_mac)`;
const whyStatic = (dev: SimDev, mac: Mac) => `${dev.name}: ${mac} arrived from another endpoint but has a permanent FDB entry, which is never moved; dropped (vxlan_core.c vxlan_snoop)`;

/** vxlan_xmit. */
export function vxlanXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const vx = dev.vxlan!;
  const frame = skb.data;
  if (vx.proxy && ((frame[12] << 8) | frame[13]) === ETHERTYPE_ARP) {
    arpReduce(sim, dev, frame);
    return;
  }
  const dst = macAt(frame, 0);
  const f = vx.fdb.get(dst) ?? vx.fdb.get(ZERO_MAC);
  if (!f) {
    dropWhy(sim, dev, 'vxlan-no-remote', whyNoRemote, dev, dst, frame);
    return;
  }
  // vxlan_xmit sends clones to the second and later destinations first and the frame itself
  // to the first one last
  for (let i = 1; i < f.dsts.length; i++) xmitOne(sim, dev, vx, frame, f.dsts[i]);
  xmitOne(sim, dev, vx, frame, f.dsts[0]);
}

/** vxlan_xmit_one toward one remote endpoint. */
function xmitOne(sim: Sim, dev: SimDev, vx: VxlanState, inner: Uint8Array, remote: number): void {
  const ns = dev.ns;
  const r = routeOutput(ns, remote, { oif: vx.underlay, src: vx.local });
  if (r.kind === 'error') {
    dropWhy(sim, dev, 'no-route', whyNoRoute, dev, remote, inner);
    return;
  }
  if (r.dev === dev) {
    dropWhy(sim, dev, 'vxlan-circular', whyCircular, dev, remote, inner);
    return;
  }
  const src = vx.local ?? r.src ?? 0;
  const payload = emitVxlan(vx.vni, inner);
  const udpLen = UDP_HEADER_LEN + payload.length;
  const udp = emitUdp({ srcPort: flowSourcePort(inner), dstPort: vx.port, payload }, ipv4PseudoSum(src, remote, udpLen));
  const ttl = vx.ttl || (isMulticast(remote) ? 1 : 64);
  ipSendLocal(sim, ns, { dst: remote, src, oif: vx.underlay, proto: IPPROTO_UDP, payload: udp, ttl, df: false });
}

/**
 * udp_flow_src_port: a hash of the inner frame's flow scaled into the local port range, so
 * one flow keeps one source port. The kernel's hash (skb_get_hash, flow dissector + siphash
 * keyed at boot) differs run to run; this one is a fixed FNV-1a over the inner addresses.
 */
function flowSourcePort(inner: Uint8Array): number {
  let h = 0x811c9dc5;
  const type = (inner[12] << 8) | inner[13];
  // IPv4: the addresses and protocol (the dissector's keys); otherwise the MACs and type
  const from = type === 0x0800 && inner.length >= 34 ? 14 + 12 : 0;
  const to = type === 0x0800 && inner.length >= 34 ? 14 + 20 : 14;
  for (let i = from; i < to; i++) h = Math.imul(h ^ inner[i], 0x01000193);
  if (type === 0x0800 && inner.length >= 34) h = Math.imul(h ^ inner[14 + 9], 0x01000193);
  return PORT_MIN + Math.floor(((h >>> 0) * (PORT_MAX - PORT_MIN)) / 4294967296);
}

/**
 * arp_reduce: with `proxy`, the device answers an ARP request itself when its neighbour
 * table has a reachable or permanent entry for the target, and the reply comes back in as
 * if received (netif_rx). Every other ARP frame is consumed.
 */
function arpReduce(sim: Sim, dev: SimDev, frame: Uint8Array): void {
  const op = (frame[20] << 8) | frame[21];
  if (frame.length < 42 || op !== ARP_REQUEST) {
    dropWhy(sim, dev, 'vxlan-proxy', whyProxyOther, dev, undefined, frame);
    return;
  }
  const sha = macAt(frame, 22);
  const sip = u32(frame, 28);
  const tip = u32(frame, 38);
  const n = neighLookup(dev, tip);
  const usable = n && n.lladdr && (n.state === 'reachable' || n.state === 'permanent' || n.state === 'noarp');
  if (!usable || isMulticast(tip) || tip >>> 24 === 127) {
    dropWhy(sim, dev, 'vxlan-proxy', whyProxy, dev, tip, frame);
    return;
  }
  // a neighbour whose MAC is bridge-local (an FDB entry without a remote) is not answered
  const f = dev.vxlan!.fdb.get(n.lladdr!);
  if (f && f.dsts.every((d) => d === 0)) {
    dropWhy(sim, dev, 'vxlan-proxy', whyProxy, dev, tip, frame);
    return;
  }
  const reply = arpReply({ src: n.lladdr!, sha: n.lladdr!, senderIp: tip, dst: sha, targetIp: sip });
  sim.engine.call(0, receiveReply, sim, dev, reply);
}

function receiveReply(sim: Sim, dev: SimDev, reply: Uint8Array): void {
  netifReceive(sim, dev, { data: reply, hops: 0, lineage: undefined, forceHost: false });
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** The up VXLAN devices of `ns` listening on UDP `port` (the port's tunnel socket). */
export function vxlanSocketDevs(ns: SimNs, port: number): SimDev[] | undefined {
  let out: SimDev[] | undefined;
  for (const d of ns.devs) if (d.vxlan && d.up && d.vxlan.port === port) (out ??= []).push(d);
  return out;
}

/**
 * vxlan_rcv for a UDP datagram (`udp` from its header on) of packet `pkt` delivered to the
 * tunnel socket of `port` in `ns`, whose devices are `devs`.
 */
export function vxlanRcv(sim: Sim, devs: SimDev[], port: number, pkt: Uint8Array, udp: Uint8Array, inDev: SimDev): void {
  const body = udp.subarray(UDP_HEADER_LEN);
  const v = parseVxlan(body);
  if (!v) {
    dropWhy(sim, inDev, 'vxlan-header', whyBadHeader, devs[0], undefined, pkt);
    return;
  }
  const dev = devs.find((d) => d.vxlan!.vni === v.vni);
  if (!dev) {
    sim.trace.pushDrop({ t: sim.engine.now, kind: 'drop', at: whereOf(inDev), reason: 'vxlan-vni', why: '', frame: pkt }, whyUnknownVni, port, v.vni);
    return;
  }
  const inner = v.inner.slice();
  const srcMac = macAt(inner, 6);
  if (macEquals(inner, 6, dev.mac)) {
    dropWhy(sim, dev, 'vxlan-loop', whyLoop, dev, undefined, inner);
    return;
  }
  const vx = dev.vxlan!;
  if (vx.learning && !(inner[6] & 1)) {
    const outerSrc = ipv4Src(pkt);
    const e = vx.fdb.get(srcMac);
    if (!e) {
      vx.fdb.set(srcMac, { dsts: [outerSrc], permanent: false, updated: sim.engine.now });
      sim.trace.push({ t: sim.engine.now, kind: 'fdb', at: whereOf(dev), bridge: dev.name, mac: srcMac, port: `dst ${formatIp(outerSrc)}`, event: 'learned' });
    } else if (e.dsts[0] !== outerSrc) {
      if (e.permanent) {
        dropWhy(sim, dev, 'vxlan-static', whyStatic, dev, srcMac, inner);
        return;
      }
      e.dsts[0] = outerSrc;
      e.updated = sim.engine.now;
      sim.trace.push({ t: sim.engine.now, kind: 'fdb', at: whereOf(dev), bridge: dev.name, mac: srcMac, port: `dst ${formatIp(outerSrc)}`, event: 'moved' });
    } else e.updated = sim.engine.now;
  }
  netifReceive(sim, dev, { data: inner, hops: 0, lineage: undefined, forceHost: false });
}
