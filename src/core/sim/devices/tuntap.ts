/**
 * tun/tap (drivers/net/tun.c). `ip tuntap add` makes a persistent device with no queue
 * attached, so the carrier is off (tun_net_initialize / __tun_detach): it shows
 * NO-CARRIER, transmits are dropped, nothing is received. With a reader attached
 * (`attached`), transmitted frames go to the reader, which answers nothing here.
 */
import type { Sim, SimDev, Skb } from '../model';
import { dropWhy } from '../dev-core';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyNoReader = (dev: SimDev) => `${dev.name}: the frame is queued to the process reading the ${dev.kind} device and leaves the simulated network (drivers/net/tun.c tun_net_xmit)`;

/** tun_net_xmit. */
export function tunXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  dropWhy(sim, dev, 'no-reader', whyNoReader, dev, undefined, skb.data);
}
