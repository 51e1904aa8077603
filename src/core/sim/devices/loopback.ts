/**
 * loopback (drivers/net/loopback.c): every transmitted frame is received again on lo.
 * In a new netns lo is down with no address; 127.0.0.1/8 appears when it comes up
 * (devinet.c inetdev_event). Carrier is always on; operstate UNKNOWN when up.
 */
import type { Sim, SimDev, Skb } from '../model';
import { deliverLater } from '../dev-core';

/** loopback_xmit. */
export function loopbackXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  skb.hops = 0;
  deliverLater(sim, dev, skb);
}
