/**
 * veth (drivers/net/veth.c): a transmit on one end is a receive on the peer
 * (veth_xmit → __dev_forward_skb), dropped if the peer is not admin-up. No MAC filter:
 * the peer's rx_handler sees every frame; IP drops unicast for other MACs (rule 0.2).
 * Carrier is on for both ends only while both are admin-up (veth_open / veth_close).
 */
import type { LoopCounts, Sim, SimDev, Skb } from '../model';
import { deliverFrameLater, deliverLater, dropWhy } from '../dev-core';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyPeerDown = (dev: SimDev) => `${dev.name}: veth peer is down, the frame is dropped (drivers/net/veth.c veth_xmit)`;

/** veth_xmit. */
export function vethXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const peer = dev.peer;
  if (!peer || !peer.up) {
    dropWhy(sim, dev, 'dev-down', whyPeerDown, dev, undefined, skb.data);
    return;
  }
  deliverLater(sim, peer, skb);
}

/** veth_xmit on an skb's fields (SimDev.xmitFrame). */
export function vethXmitFrame(sim: Sim, dev: SimDev, data: Uint8Array, hops: number, lineage: LoopCounts | undefined): void {
  const peer = dev.peer;
  if (!peer || !peer.up) {
    dropWhy(sim, dev, 'dev-down', whyPeerDown, dev, undefined, data);
    return;
  }
  deliverFrameLater(sim, peer, data, hops, lineage, false);
}

/** Carrier of a veth end: both ends admin-up. */
export function vethCarrier(dev: SimDev): boolean {
  return dev.up && !!dev.peer && dev.peer.up;
}
