/**
 * 802.1Q VLAN devices (net/8021q/vlan_dev.c): transmit adds the tag (VID, priority 0)
 * and leaves through the parent with the VLAN device's MAC as source. Receive happens
 * in the generic path (dev-core.ts netifReceive: vlan_do_receive before any rx_handler).
 */
import type { Sim, SimDev, Skb } from '../model';
import { devXmit, drop } from '../dev-core';
import { ETHERTYPE_QINQ, ETHERTYPE_VLAN, pushVlan } from '../wire/ethernet';

/** vlan_dev_hard_start_xmit. */
export function vlanXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const lower = dev.lower;
  if (!lower) {
    drop(sim, dev, 'dev-down', `${dev.name}: VLAN device without a parent`, skb.data);
    return;
  }
  const tpid = dev.cfg.kind === 'vlan' && dev.cfg.protocol === '802.1ad' ? ETHERTYPE_QINQ : ETHERTYPE_VLAN;
  devXmit(sim, lower, { data: pushVlan(skb.data, { tpid, pcp: 0, dei: 0, vid: dev.vid }), hops: skb.hops, lineage: skb.lineage, forceHost: false });
}
