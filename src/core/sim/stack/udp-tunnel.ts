/**
 * UDP local delivery for the kernel's own tunnel sockets (net/ipv4/udp.c __udp4_lib_rcv →
 * udp_queue_rcv_skb → the socket's encap_rcv): a datagram to a port a VXLAN device has open
 * goes to `vxlan_rcv`. Any other datagram goes on to the ordinary sockets (transport.ts
 * udpRcv: a listener, or ICMP port unreachable back).
 */
import type { Sim, SimDev, SimNs } from '../model';
import { dropWhy } from '../dev-core';
import { parseUdp, udpChecksumOk, ipv4PseudoSum } from '../wire/udp';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';
import { vxlanRcv, vxlanSocketDevs } from '../devices/vxlan';

const whyBadUdp = (dev: SimDev) => `${dev.name}: UDP datagram with a bad length or checksum is dropped (net/ipv4/udp.c __udp4_lib_rcv)`;

/**
 * A UDP packet `pkt` (IPv4 header on) reached local delivery in `ns` through `dev`. True when
 * it was used here (a tunnel's, or dropped as malformed); false leaves it to the sockets.
 */
export function udpTunnelDeliver(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array): boolean {
  const ihl = (pkt[0] & 15) * 4;
  const udpBytes = pkt.subarray(ihl);
  const udp = parseUdp(udpBytes);
  if (!udp || !udpChecksumOk(udpBytes, ipv4PseudoSum(ipv4Src(pkt), ipv4Dst(pkt), udp.length))) {
    dropWhy(sim, dev, 'not-handled', whyBadUdp, dev, undefined, pkt);
    return true;
  }
  const devs = vxlanSocketDevs(ns, udp.dstPort);
  if (!devs) return false;
  vxlanRcv(sim, devs, udp.dstPort, pkt, udpBytes.subarray(0, udp.length), dev);
  return true;
}
