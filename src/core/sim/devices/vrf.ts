/**
 * VRF devices (drivers/net/vrf.c). The device itself is modelled for links and carrier;
 * routing through the VRF's table (the l3mdev rule) is not simulated yet, so a frame the
 * stack hands to the VRF device is dropped with that reason rather than routed by a guess.
 */
import type { Sim, SimDev, Skb } from '../model';
import { dropWhy } from '../dev-core';

const whyVrf = (dev: SimDev) => `${dev.name}: routing in a VRF's own table (l3mdev, drivers/net/vrf.c) is not simulated`;

export function vrfXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  dropWhy(sim, dev, 'vrf', whyVrf, dev, undefined, skb.data);
}
