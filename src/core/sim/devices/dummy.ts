/**
 * dummy (drivers/net/dummy.c): NOARP, carrier always on, discards every transmitted
 * frame (counted as sent) and never receives. Its addresses are still local addresses.
 */
import type { Sim, SimDev, Skb } from '../model';
import { dropWhy } from '../dev-core';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyDummy = (dev: SimDev) => `${dev.name}: a dummy device discards everything it transmits (drivers/net/dummy.c dummy_xmit)`;

/** dummy_xmit: the frame is consumed. */
export function dummyXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  dropWhy(sim, dev, 'dummy', whyDummy, dev, undefined, skb.data);
}
