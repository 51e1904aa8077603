/**
 * The generic device layer (net/core/dev.c): transmit (`dev_queue_xmit`) and receive
 * (`__netif_receive_skb_core`) with the steps every device shares — admin state and
 * carrier, packet taps, the VLAN step, the rx_handler, then the protocol handlers.
 * Device-specific behaviour is in devices/, protocol handling in stack/, reached through
 * the protocol handler table (`sim.ptypes`, filled by stack/protocols.ts) so that this layer
 * imports no protocol.
 */
import type { LoopCounts, PktType, Sim, SimDev, Skb } from './model';
import type { DropReason, Where } from './engine/trace';
import { isVlanTpid } from './wire/ethernet';
import { macEquals } from './mac-cache';
import { carrierCause } from './link-state';

export type { PktType } from './model';

/**
 * Records a drop in the trace with its reason and a one-sentence explanation. The
 * explanation may be given as a function, rendered only when the trace is read (it must
 * read only values that do not change afterwards); readers always see a `why` string.
 */
export function drop(sim: Sim, dev: SimDev, reason: DropReason, why: string | (() => string), frame?: Uint8Array): void {
  if (typeof why === 'string') sim.trace.push({ t: sim.engine.now, kind: 'drop', at: whereOf(dev), reason, why, frame });
  else sim.trace.pushDrop({ t: sim.engine.now, kind: 'drop', at: whereOf(dev), reason, why: '', frame }, why);
}

/**
 * `drop` with its explanation as a module-level function of two values, rendered on read
 * (`explain(a, b)`): hot functions call this instead of passing a closure, which would
 * make V8 allocate a context on each of their calls.
 */
export function dropWhy<A, B>(sim: Sim, dev: SimDev, reason: DropReason, explain: (a: A, b: B) => string, a: A, b: B, frame?: Uint8Array): void {
  sim.trace.pushDrop({ t: sim.engine.now, kind: 'drop', at: whereOf(dev), reason, why: '', frame }, explain, a, b);
}

// Explanations of the drops below (see dropWhy).
const whyStorm = (name: string) => `${name}: frame is circulating in a layer-2 loop without STP (broadcast storm)`;
const whyXmitDown = (dev: SimDev) => `${dev.name} is admin-down: it transmits nothing (net/core/dev.c __dev_queue_xmit)`;
const whyNoCarrier = (dev: SimDev, cause: string) => `${dev.name} has no carrier because ${cause}: link-watch swapped its queue for noop, every transmit is dropped (net/core/link_watch.c)`;
const whyRxDown = (dev: SimDev) => `${dev.name} is admin-down: frames handed to it are dropped (net/core/dev.c __dev_forward_skb)`;
const whyVlanDown = (vdev: SimDev, vid: number) => `${vdev.name} is down: frames of VLAN ${vid} are dropped (net/8021q/vlan_core.c vlan_do_receive)`;
const whyVlanUnknown = (dev: SimDev, vid: number) => `${dev.name}: no VLAN device for VID ${vid}, the frame is marked for another host and IP/ARP ignore it (net/core/dev.c)`;

/** A transmit on a device without carrier: the drop names the device at fault and its fix. */
function dropNoCarrier(sim: Sim, dev: SimDev, frame: Uint8Array): void {
  const cause = carrierCause(dev);
  sim.trace.pushDrop({ t: sim.engine.now, kind: 'drop', at: whereOf(dev), reason: 'no-carrier', why: '', frame, fix: cause.fix }, whyNoCarrier, dev, cause.text);
}

/** The device's trace location, one shared object per device (names do not change while running). */
export function whereOf(dev: SimDev): Where {
  return dev.where ?? (dev.where = { ns: dev.ns.label, dev: dev.name });
}

/** How often one frame may pass the same switch before it is declared a broadcast storm. */
export const LOOP_VISITS = 4;

/**
 * Counts a switch handling a frame; true (and a trace note, once) when the frame has come
 * round the same switch too often: a layer-2 loop without STP. The frame is then dropped,
 * which bounds the storm the kernel would sustain forever.
 */
export function loopDetected(sim: Sim, skb: Skb, sw: object, where: SimDev | undefined, name: string): boolean {
  const counts = skb.lineage ?? (skb.lineage = []);
  let k = 0;
  while (k < counts.length && counts[k] !== sw) k += 2;
  const n = k < counts.length ? (counts[k + 1] as number) + 1 : 1;
  counts[k] = sw;
  counts[k + 1] = n;
  if (n <= LOOP_VISITS) return false;
  if (!sim.stormDetected) {
    sim.stormDetected = true;
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: where?.ns.label ?? '', text: `broadcast storm: a frame came round ${name} ${n} times, a layer-2 loop without STP; Linux would forward it forever (net/bridge/br_forward.c br_flood), the simulator stops it here` });
  }
  if (where) dropWhy(sim, where, 'storm', whyStorm, name, undefined, skb.data);
  return true;
}

/**
 * Transmit on `dev`: admin state and carrier checks, tx taps, then the driver. Returns
 * false only when the driver itself refused the frame (NET_XMIT_DROP).
 */
export function devXmit(sim: Sim, dev: SimDev, skb: Skb): boolean {
  if (!xmitAllowed(sim, dev, skb.data, ++skb.hops)) return true;
  return dev.xmit(sim, dev, skb) !== false;
}

/**
 * devXmit of a frame not held in an skb (a bridge's flood copies): the same checks, and an
 * skb object only for a driver without `xmitFrame`.
 */
export function devXmitFrame(sim: Sim, dev: SimDev, data: Uint8Array, hops: number, lineage: LoopCounts | undefined): boolean {
  if (!xmitAllowed(sim, dev, data, ++hops)) return true;
  if (dev.xmitFrame) {
    dev.xmitFrame(sim, dev, data, hops, lineage);
    return true;
  }
  return dev.xmit(sim, dev, { data, hops, lineage, forceHost: false }) !== false;
}

/** The admin, carrier and storm checks of devXmit (`hops` counts this hop), then the tx taps. */
function xmitAllowed(sim: Sim, dev: SimDev, data: Uint8Array, hops: number): boolean {
  if (!dev.up) {
    dropWhy(sim, dev, 'dev-down', whyXmitDown, dev, undefined, data);
    return false;
  }
  if (!dev.carrier) {
    dropNoCarrier(sim, dev, data);
    return false;
  }
  if (hops > sim.stormHops) {
    if (!sim.stormDetected) {
      sim.stormDetected = true;
      sim.trace.push({ t: sim.engine.now, kind: 'note', ns: dev.ns.label, text: `broadcast storm: a frame looped through ${sim.stormHops} layer-2 hops (a bridge loop without STP); the simulator stops forwarding it` });
    }
    dropWhy(sim, dev, 'storm', whyStorm, dev.name, undefined, data);
    return false;
  }
  sim.frameEvents++;
  tap(sim, dev, 'frame-tx', data);
  return true;
}

/** Records a frame seen by the packet taps of `dev` (tcpdump). */
export function tap(sim: Sim, dev: SimDev, kind: 'frame-tx' | 'frame-rx', frame: Uint8Array): void {
  if (dev.captured || sim.trace.recordAllFrames) {
    sim.trace.pushFrame(sim.engine.now, kind, whereOf(dev), frame);
  }
}

/** Hands a frame to `dev`'s receive path after one link hop. */
export function deliverLater(sim: Sim, dev: SimDev, skb: Skb): void {
  // The skb's fields ride in the hop lane's columns and the receiver gets a fresh skb: a
  // flood can put a million frames in flight at once, and an object held for each would
  // survive into the old generation. Nothing touches a transmitted skb afterwards.
  sim.engine.call(sim.hopDelay, receiveFields, sim, dev, skb.data, skb.hops, skb.lineage, skb.forceHost);
}

/** deliverLater of a frame given as an skb's fields. */
export function deliverFrameLater(sim: Sim, dev: SimDev, data: Uint8Array, hops: number, lineage: LoopCounts | undefined, forceHost: boolean): void {
  sim.engine.call(sim.hopDelay, receiveFields, sim, dev, data, hops, lineage, forceHost);
}

function receiveFields(sim: Sim, dev: SimDev, data: Uint8Array, hops: number, lineage: LoopCounts | undefined, forceHost: boolean | undefined): void {
  receive(sim, dev, data, hops, lineage, forceHost, undefined);
}

/** Packet type of a frame relative to a device (eth_type_trans). */
export function pktTypeFor(dev: SimDev, frame: Uint8Array): PktType {
  if (frame[0] & 1) {
    return frame[0] === 0xff && frame[1] === 0xff && frame[2] === 0xff && frame[3] === 0xff && frame[4] === 0xff && frame[5] === 0xff
      ? 'broadcast' : 'multicast';
  }
  return macEquals(frame, 0, dev.mac) ? 'host' : 'otherhost';
}

/** The receive path of `dev` (__netif_receive_skb_core), rule 0.1 of kernel-behaviour.md. */
export function netifReceive(sim: Sim, dev: SimDev, skb: Skb): void {
  receive(sim, dev, skb.data, skb.hops, skb.lineage, skb.forceHost, skb);
}

/**
 * netifReceive on the skb's fields: the skb object is made only for an rx_handler (most
 * receiving devices have none, and a frame from the hop lane arrives as fields).
 */
function receive(sim: Sim, dev: SimDev, frame: Uint8Array, hops: number, lineage: LoopCounts | undefined, forceHost: boolean | undefined, skb: Skb | undefined): void {
  if (!dev.up) {
    dropWhy(sim, dev, 'dev-down', whyRxDown, dev, undefined, frame);
    return;
  }
  sim.frameEvents++;
  // a looped-back frame was already seen by lo's taps on transmit (af_packet shows it once)
  if (dev.kind !== 'loopback') tap(sim, dev, 'frame-rx', frame);
  const sockets = dev.ns.arpSockets;
  if (sockets.size > 0) for (const s of sockets) if (s.dev === dev) s.onArp(frame);
  const outerType = (frame[12] << 8) | frame[13];
  const tagged = isVlanTpid(outerType);
  if (tagged) {
    const vid = ((frame[14] << 8) | frame[15]) & 0xfff;
    const vdev = vid === 0 ? undefined : dev.vlans.get(vid);
    if (vdev) {
      // vlan_do_receive: the VLAN device takes its VID before any rx_handler (net/8021q/vlan_core.c)
      const untagged = new Uint8Array(frame.length - 4);
      untagged.set(frame.subarray(0, 12), 0);
      untagged.set(frame.subarray(16), 12);
      if (!vdev.up) {
        dropWhy(sim, vdev, 'dev-down', whyVlanDown, vdev, vid, frame);
        return;
      }
      receive(sim, vdev, untagged, hops, lineage, false, undefined);
      return;
    }
  }
  if (dev.rxHandler) {
    if (dev.rxHandler(sim, dev, skb ?? { data: frame, hops, lineage, forceHost }) === 'consumed') return;
  }
  if (tagged && (((frame[14] << 8) | frame[15]) & 0xfff) !== 0) {
    const vid = ((frame[14] << 8) | frame[15]) & 0xfff;
    dropWhy(sim, dev, 'vlan-unknown', whyVlanUnknown, dev, vid, frame);
    return;
  }
  const off = tagged ? 18 : 14;
  const type = (frame[off - 2] << 8) | frame[off - 1];
  const pt = forceHost ? 'host' : pktTypeFor(dev, frame);
  const handler = sim.ptypes.get(type);
  if (handler) handler(sim, dev, frame, off, pt);
}
