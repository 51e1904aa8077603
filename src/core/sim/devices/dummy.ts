/**
 * dummy (drivers/net/dummy.c): NOARP, carrier always on, discards every transmitted
 * frame (counted as sent) and never receives. Its addresses are still local addresses.
 */
import type { Sim, SimDev, Skb } from '../model';
import { drop } from '../dev-core';

/** dummy_xmit: the frame is consumed. */
export function dummyXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  drop(sim, dev, 'dummy', () => `${dev.name}: a dummy device discards everything it transmits (drivers/net/dummy.c dummy_xmit)`, skb.data);
}
