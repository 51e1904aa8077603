/**
 * IPv4 multicast on Ethernet, as far as VXLAN's multicast underlay needs it.
 *
 * - Output: a multicast next hop is never resolved by ARP; its MAC is 01:00:5e followed by
 *   the group's low 23 bits (net/ipv4/arp.c `arp_mc_map`, ip_eth_mc_map), the neighbour entry
 *   NOARP.
 * - Input: a packet to a group is taken only when the receiving device has joined the group
 *   (net/ipv4/route.c ip_route_input_rcu → `ip_check_mc_rcu`); every device is in 224.0.0.1
 *   (all-hosts, igmp.c ip_mc_init_dev), and an up VXLAN device with `group G dev D` joins G on
 *   D (drivers/net/vxlan/vxlan_multicast.c vxlan_igmp_join, from vxlan_open). Without
 *   multicast forwarding (mrouted) anything else is dropped.
 */
import type { SimDev } from '../model';
import type { Mac } from '../wire/mac';
import { HEX2 } from '../wire/mac';

const ALL_HOSTS = 0xe0000001;

/** ip_eth_mc_map: the Ethernet address of an IPv4 group. */
export function ipMcastMac(group: number): Mac {
  return `01:00:5e:${HEX2[(group >>> 16) & 0x7f]}:${HEX2[(group >>> 8) & 0xff]}:${HEX2[group & 0xff]}`;
}

/** ip_check_mc_rcu: has `dev` joined `group`? */
export function mcJoined(dev: SimDev, group: number): boolean {
  if (group >>> 0 === ALL_HOSTS) return true;
  return dev.ns.devs.some((d) => d.up && d.vxlan?.group === group >>> 0 && d.vxlan.underlay === dev);
}
