/**
 * macvlan and macvtap (drivers/net/macvlan.c, drivers/net/macvtap.c): transmit by mode
 * (macvlan_queue_xmit: bridge-mode shortcuts between bridge-mode siblings, everything
 * else out through the lower device), and the rx_handler on the lower device
 * (macvlan_handle_frame: source-mode copies first, broadcasts by the sender's mode,
 * unicast by destination MAC with no check of the sender's mode; passthru takes all).
 */
import type { MacvlanDevice } from '../../model/types';
import type { MacvlanPort, RxResult, Sim, SimDev, Skb } from '../model';
import { devXmit, drop, netifReceive } from '../dev-core';
import { macAt } from '../mac-cache';
import { micros } from '../engine/time';

function modeOf(dev: SimDev): MacvlanDevice['mode'] {
  return (dev.cfg as MacvlanDevice).mode;
}

function findByMac(port: MacvlanPort, mac: string): SimDev | undefined {
  for (const c of port.children) if (c.mac === mac) return c;
  return undefined;
}

/** macvlan_queue_xmit. */
export function macvlanXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const lower = dev.lower;
  const port = lower?.macvlanPort;
  const data = skb.data;
  if (!lower || !port) {
    drop(sim, dev, 'macvlan', `${dev.name}: macvlan without a lower device`, data);
    return;
  }
  if (modeOf(dev) === 'bridge') {
    if (data[0] & 1) {
      // macvlan_broadcast(…, MACVLAN_MODE_BRIDGE): a copy to every other up bridge-mode sibling
      for (const c of port.children) {
        if (c === dev || !c.up || modeOf(c) !== 'bridge') continue;
        const copy = data;
        sim.engine.after(sim.hopDelay, () => childReceive(sim, c, { data: copy, hops: skb.hops, lineage: skb.lineage, forceHost: false }));
      }
    } else {
      const dest = findByMac(port, macAt(data, 0));
      if (dest && modeOf(dest) === 'bridge') {
        // dev_forward_skb(lowerdev): injected into the lower's receive path (its taps see rx)
        sim.engine.after(sim.hopDelay, () => netifReceive(sim, lower, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false }));
        return;
      }
    }
  }
  devXmit(sim, lower, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
}

function childReceive(sim: Sim, child: SimDev, skb: Skb, forceHost = false): void {
  if (!child.up) {
    drop(sim, child, 'macvlan', `${child.name} is down: a frame for it is dropped, not passed to the parent (drivers/net/macvlan.c macvlan_handle_frame)`, skb.data);
    return;
  }
  netifReceive(sim, child, { data: skb.data, hops: skb.hops, lineage: skb.lineage, forceHost });
}

/** macvlan_forward_source: copies for source-mode children listing the sender; true if a nodst child stops the frame. */
function forwardSource(sim: Sim, port: MacvlanPort, skb: Skb, src: string): boolean {
  let stop = false;
  for (const c of port.children) {
    if (modeOf(c) !== 'source' || !c.up) continue;
    const cfg = c.cfg as MacvlanDevice;
    if (!(cfg.sourceMacs ?? []).some((m) => m.toLowerCase() === src)) continue;
    childReceive(sim, c, { data: skb.data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
    if (cfg.nodst) stop = true;
  }
  return stop;
}

/** Latency of the macvlan broadcast work queue (a kworker run after the receive softirq). */
const BROADCAST_WORK_DELAY = micros(50);

/** macvlan_handle_frame: the rx_handler of a device with macvlan/macvtap children. */
export function macvlanRx(sim: Sim, lower: SimDev, skb: Skb): RxResult {
  const port = lower.macvlanPort as MacvlanPort;
  const data = skb.data;
  const srcMac = macAt(data, 6);
  if (data[0] & 1) {
    if (forwardSource(sim, port, skb, srcMac)) return 'consumed';
    const src = findByMac(port, srcMac);
    if (src && modeOf(src) !== 'vepa' && modeOf(src) !== 'bridge') {
      // a private/passthru/source child's own broadcast coming back: only to that child
      for (const c of port.children) {
        if (c !== src && c.up) drop(sim, c, 'macvlan', `${c.name}: macvlan ${modeOf(src)} mode never delivers a sibling's broadcast; ${src.name}'s frame coming back goes to ${src.name} only (drivers/net/macvlan.c macvlan_handle_frame)`, data);
      }
      childReceive(sim, src, skb);
      return 'consumed';
    }
    const modes: string[] = !src ? ['private', 'vepa', 'passthru', 'bridge'] : modeOf(src) === 'vepa' ? ['vepa', 'bridge'] : ['vepa'];
    const targets = port.children.filter((c) => c !== src && c.up && modes.includes(modeOf(c)));
    if (targets.length > 0) {
      // macvlan_broadcast_enqueue: delivered later from a work queue (macvlan_process_broadcast),
      // after the softirq that let the lower's own stack answer; measured, a whole exchange
      // through the lower (its ARP reply, the echo and its reply) finishes before a child sees
      // the broadcast.
      sim.engine.after(BROADCAST_WORK_DELAY, () => {
        for (const c of targets) childReceive(sim, c, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
      });
    }
    return 'pass';
  }
  if (forwardSource(sim, port, skb, srcMac)) return 'consumed';
  const child = port.passthru ? port.children[0] : findByMac(port, macAt(data, 0));
  if (!child || modeOf(child) === 'source') return 'pass';
  childReceive(sim, child, skb, true);
  return 'consumed';
}

/**
 * tap_handle_frame: a macvtap hands frames to its /dev/tapN queue, but with no process
 * attached there is no queue and the handler returns RX_HANDLER_PASS, so the macvtap's
 * own stack gets them (measured: it answers ARP like a macvlan, macvtap-no-reader).
 */
export function macvtapRx(_sim: Sim, _dev: SimDev, _skb: Skb): RxResult {
  return 'pass';
}
