/**
 * Linux bridge (net/bridge/): the rx_handler on ports (br_input.c br_handle_frame,
 * br_handle_frame_finish), forwarding and flooding (br_forward.c should_deliver,
 * br_flood), FDB learning and ageing (br_fdb.c), transmit from the bridge device
 * (br_device.c br_dev_xmit), port states with and without STP (br_stp.c), and VLAN
 * filtering (br_vlan.c). br_netfilter: bridged IPv4 passes the FORWARD chain when
 * net.bridge.bridge-nf-call-iptables is 1.
 */
import type { BridgePortState, FdbEntry, RxResult, Sim, SimDev, Skb } from '../model';
import { devXmitFrame, drop, dropWhy, loopDetected, netifReceive } from '../dev-core';
import { macAt } from '../mac-cache';
import { ETHERTYPE_IPV4, ETHERTYPE_VLAN, popVlan, pushVlan } from '../wire/ethernet';
import { filterVerdict } from '../stack/netfilter';
import { nsSysctl } from '../stack/sysctl';
import { stpBlocked, stpReceive } from './stp';
import { stpRolesChanged } from '../link-state';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyInvalidSrc = (port: SimDev) => `${port.name}: bridge drops a frame with a multicast or zero source MAC (net/bridge/br_input.c br_handle_frame)`;
const whyIngressVlan = (port: SimDev) => `${port.name}: VLAN filtering: the port is not a member of the frame's VLAN (net/bridge/br_vlan.c br_allowed_ingress)`;
const whyLearning = (port: SimDev) => `${port.name}: port is in LEARNING state: source learned, frame dropped (net/bridge/br_input.c)`;
const whyNoHairpin = (br: SimDev, [dst, behind]: readonly [string, string]) => `${br.name}: destination ${dst} sits behind the ingress port ${behind} and hairpin is off (net/bridge/br_forward.c should_deliver)`;

function fdbKey(mac: string, vid: number): string {
  return vid ? `${mac}@${vid}` : mac;
}

function isZeroOrGroup(frame: Uint8Array, off: number): boolean {
  if (frame[off] & 1) return true;
  for (let i = 0; i < 6; i++) if (frame[off + i] !== 0) return false;
  return true;
}

/** The VID a frame belongs to on ingress (vlan filtering), or null if the port refuses it. */
function ingressVid(vlans: Map<number, { pvid: boolean; untagged: boolean }>, frame: Uint8Array): number | null {
  const tpid = (frame[12] << 8) | frame[13];
  if (tpid === ETHERTYPE_VLAN) {
    const vid = ((frame[14] << 8) | frame[15]) & 0xfff;
    if (vid !== 0) return vlans.has(vid) ? vid : null;
  }
  for (const [vid, v] of vlans) if (v.pvid) return vid;
  return null;
}

/** Frame as it must leave a port (or go up to the bridge) in `vid`: tagged or untagged. */
function egressFrame(frame: Uint8Array, vid: number, vlans: Map<number, { pvid: boolean; untagged: boolean }>): Uint8Array | null {
  const v = vlans.get(vid);
  if (!v) return null;
  const tagged = ((frame[12] << 8) | frame[13]) === ETHERTYPE_VLAN;
  if (v.untagged) return tagged ? (popVlan(frame)?.frame ?? frame) : frame;
  return tagged ? frame : pushVlan(frame, { tpid: ETHERTYPE_VLAN, pcp: 0, dei: 0, vid });
}

/** Normalises a frame to carry its VID as a tag while inside the bridge (vlan filtering). */
function internalFrame(frame: Uint8Array, vid: number): Uint8Array {
  const tagged = ((frame[12] << 8) | frame[13]) === ETHERTYPE_VLAN;
  return tagged ? frame : pushVlan(frame, { tpid: ETHERTYPE_VLAN, pcp: 0, dei: 0, vid });
}

function learn(sim: Sim, br: SimDev, port: SimDev, frame: Uint8Array, vid: number): void {
  const st = br.bridge!;
  const p = port.brPort!;
  if (!p.learning || st.ageingNs === 0) return;
  const mac = macAt(frame, 6);
  const key = fdbKey(mac, vid);
  const e = st.fdb.get(key);
  const now = sim.engine.now;
  if (e) {
    if (e.local || e.static) return;
    if (e.port !== port) {
      e.port = port;
      sim.trace.push({ t: now, kind: 'fdb', at: { ns: br.ns.label, dev: port.name }, bridge: br.name, mac, port: port.name, event: 'moved' });
    }
    e.updated = now;
    return;
  }
  st.fdb.set(key, { mac, vid, port, local: false, static: false, updated: now });
  sim.trace.push({ t: now, kind: 'fdb', at: { ns: br.ns.label, dev: port.name }, bridge: br.name, mac, port: port.name, event: 'learned' });
  if (!st.cleanup) armCleanup(sim, br, st.ageingNs);
}

/** Schedules br_fdb_cleanup (apart from learn, which runs per frame and so makes no closure). */
function armCleanup(sim: Sim, br: SimDev, delay: number): void {
  br.bridge!.cleanup = sim.engine.after(delay, () => fdbCleanup(sim, br));
}

/** br_fdb_cleanup: removes dynamic entries not refreshed for ageing_time, then re-arms at the next expiry. */
function fdbCleanup(sim: Sim, br: SimDev): void {
  const st = br.bridge!;
  st.cleanup = undefined;
  const now = sim.engine.now;
  let next = Infinity;
  for (const [k, e] of st.fdb) {
    if (e.local || e.static) continue;
    const expires = e.updated + st.ageingNs;
    if (expires <= now) {
      st.fdb.delete(k);
      sim.trace.push({ t: now, kind: 'fdb', at: { ns: br.ns.label, dev: e.port?.name ?? br.name }, bridge: br.name, mac: e.mac, port: e.port?.name ?? '', event: 'aged' });
    } else if (expires < next) next = expires;
  }
  if (next !== Infinity) armCleanup(sim, br, next - now);
}

function lookup(sim: Sim, br: SimDev, mac: string, vid: number): FdbEntry | undefined {
  const st = br.bridge!;
  let e = st.fdb.get(fdbKey(mac, vid));
  if (!e && vid) {
    const local = st.fdb.get(mac);
    if (local?.local) e = local;
  }
  if (!e) return undefined;
  if (!e.local && !e.static && sim.engine.now - e.updated > st.ageingNs) {
    st.fdb.delete(fdbKey(mac, vid));
    sim.trace.push({ t: sim.engine.now, kind: 'fdb', at: { ns: br.ns.label, dev: e.port?.name ?? br.name }, bridge: br.name, mac, port: e.port?.name ?? '', event: 'aged' });
    return undefined;
  }
  return e;
}

/** A BPDU for the bridge's STP code (apart from bridgeRx, which then needs no closure). */
function stpReceiveOn(sim: Sim, port: SimDev, br: SimDev, frame: Uint8Array): void {
  stpReceive(sim, port, frame, () => stpRolesChanged(sim, br));
}

/** br_handle_frame: the rx_handler installed on every port. */
export function bridgeRx(sim: Sim, port: SimDev, skb: Skb): RxResult {
  const p = port.brPort as BridgePortState;
  const br = p.bridge;
  const frame = skb.data;
  // A DISABLED port (bridge down, or port without carrier) drops what arrives like BLOCKING
  // does: br_handle_frame only passes FORWARDING/LEARNING frames on (measured on 6.18: an ARP
  // request reaching a port of a down bridge is answered by nobody, not by the port's stack).
  if (isZeroOrGroup(frame, 6)) {
    dropWhy(sim, port, 'bridge-invalid-src', whyInvalidSrc, port, undefined, frame);
    return 'consumed';
  }
  if (frame[0] === 0x01 && frame[1] === 0x80 && frame[2] === 0xc2 && frame[3] === 0 && frame[4] === 0 && (frame[5] & 0xf0) === 0) {
    if (frame[5] === 0 && !br.bridge!.stp) { /* forwarded like normal traffic */ } else {
      // with STP on, a BPDU goes to the bridge's STP code (br_stp_rcv via the port's LLC layer)
      if (frame[5] === 0) stpReceiveOn(sim, port, br, frame);
      return 'pass';
    }
  }
  const st = br.bridge!;
  let vid = 0;
  let data = frame;
  if (st.vlanFiltering) {
    const v = ingressVid(p.vlans, frame);
    if (v === null) {
      dropWhy(sim, port, 'bridge-vlan', whyIngressVlan, port, undefined, frame);
      return 'consumed';
    }
    vid = v;
    data = internalFrame(frame, vid);
  }
  if (p.state === 'learning') {
    learn(sim, br, port, frame, vid);
    dropWhy(sim, port, 'bridge-port-state', whyLearning, port, undefined, frame);
    return 'consumed';
  }
  if (p.state !== 'forwarding') {
    drop(sim, port, 'bridge-port-state', `${port.name}: port is ${p.state.toUpperCase()}: the bridge drops the frame (net/bridge/br_input.c br_handle_frame)`, frame);
    return 'consumed';
  }
  if (loopDetected(sim, skb, br, port, br.name)) return 'consumed';
  learn(sim, br, port, frame, vid);
  // bridgeForward reads the skb's data, hops and lineage only: the received skb serves
  // unless VLAN filtering made a new frame
  bridgeForward(sim, br, data === frame ? skb : { data, hops: skb.hops, lineage: skb.lineage, forceHost: false }, port, vid);
  return 'consumed';
}

/** br_handle_frame_finish: deliver up, forward to a known port, or flood. */
function bridgeForward(sim: Sim, br: SimDev, skb: Skb, ingress: SimDev | null, vid: number): void {
  const frame = skb.data;
  const group = (frame[0] & 1) === 1;
  if (group) {
    flood(sim, br, skb, ingress, vid);
    if (ingress) passUp(sim, br, skb, vid, false);
    return;
  }
  const dst = macAt(frame, 0);
  const e = lookup(sim, br, dst, vid);
  if (e && e.local) {
    if (ingress) passUp(sim, br, skb, vid, true);
    return;
  }
  if (e && e.port) {
    if (shouldDeliver(e.port, ingress)) forwardTo(sim, br, e.port, skb, ingress, vid);
    else dropWhy(sim, e.port, 'bridge-no-egress', whyNoHairpin, br, [dst, e.port.name] as const, frame);
    if (ingress && br.promisc) passUp(sim, br, skb, vid, false);
    return;
  }
  flood(sim, br, skb, ingress, vid);
  if (ingress && br.promisc) passUp(sim, br, skb, vid, false);
}

function shouldDeliver(to: SimDev, ingress: SimDev | null): boolean {
  const p = to.brPort!;
  if (p.state !== 'forwarding') return false;
  if (to === ingress && !p.hairpin) return false;
  if (ingress && ingress.brPort?.isolated && p.isolated) return false;
  return true;
}

function flood(sim: Sim, br: SimDev, skb: Skb, ingress: SimDev | null, vid: number): void {
  // br_add_if adds a port at the head of port_list (list_add_rcu), and br_flood walks that
  // list: the most recently enslaved port gets its copy first.
  const ports = br.bridge!.ports;
  for (let i = ports.length - 1; i >= 0; i--) {
    const port = ports[i];
    if (!shouldDeliver(port, ingress)) continue;
    if (!port.brPort!.flood && !(skb.data[0] & 1)) continue;
    // forwardTo reads skb and transmits a fresh one, so each port can be given the same skb
    forwardTo(sim, br, port, skb, ingress, vid);
  }
}

function forwardTo(sim: Sim, br: SimDev, port: SimDev, skb: Skb, ingress: SimDev | null, vid: number): void {
  let data = skb.data;
  if (br.bridge!.vlanFiltering) {
    const out = egressFrame(data, vid, port.brPort!.vlans);
    if (!out) {
      drop(sim, port, 'bridge-vlan', `${port.name}: VLAN filtering: the port is not a member of VLAN ${vid} (net/bridge/br_vlan.c br_allowed_egress)`, data);
      return;
    }
    data = out;
  }
  if (ingress && br.ns.firewall.length > 0 && nsSysctl(br.ns, 'net.bridge.bridge-nf-call-iptables') !== 0) {
    const off = ((data[12] << 8) | data[13]) === ETHERTYPE_VLAN ? 18 : 14;
    if (((data[off - 2] << 8) | data[off - 1]) === ETHERTYPE_IPV4) {
      if (filterVerdict(sim, br.ns, 'FORWARD', data.subarray(off), br, br) !== 'accept') return;
    }
  }
  devXmitFrame(sim, port, data, skb.hops, skb.lineage);
}

/** br_pass_frame_up: the frame is received again with the bridge device as its device. */
function passUp(sim: Sim, br: SimDev, skb: Skb, vid: number, forceHost: boolean): void {
  let data = skb.data;
  if (br.bridge!.vlanFiltering) {
    const out = egressFrame(data, vid, br.bridge!.selfVlans);
    if (!out) return;
    data = out;
  }
  netifReceive(sim, br, { data, hops: skb.hops, lineage: skb.lineage, forceHost });
}

/** br_dev_xmit: the host's stack sends through the bridge device. */
export function bridgeXmit(sim: Sim, br: SimDev, skb: Skb): void {
  const st = br.bridge!;
  let vid = 0;
  let data = skb.data;
  if (st.vlanFiltering) {
    const v = ingressVid(st.selfVlans, data);
    if (v === null) return;
    vid = v;
    data = internalFrame(data, vid);
  }
  bridgeForward(sim, br, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false }, null, vid);
}

/** Port state as br_stp / br_if would have it now (STP off: enabled ports forward at once). */
export function portStateNow(sim: Sim, port: SimDev, enabledAt: number): BridgePortState['state'] {
  const p = port.brPort!;
  const br = p.bridge;
  if (!br.up || !port.up || !port.carrier) return 'disabled';
  if (!br.bridge!.stp) return 'forwarding';
  if (stpBlocked(port)) return 'blocking';
  const since = sim.engine.now - enabledAt;
  const fd = br.bridge!.forwardDelayNs;
  return since < fd ? 'listening' : since < 2 * fd ? 'learning' : 'forwarding';
}
