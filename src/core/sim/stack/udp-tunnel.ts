/**
 * UDP local delivery for the kernel's own tunnel sockets (net/ipv4/udp.c __udp4_lib_rcv →
 * udp_queue_rcv_skb → the socket's encap_rcv): a datagram to a port a VXLAN device has open
 * goes to `vxlan_rcv`. A datagram to a port nobody has open gets ICMP port unreachable back,
 * unless it was sent to a broadcast or multicast address (__udp4_lib_rcv, `icmp_send` of
 * ICMP_PORT_UNREACH).
 */
import type { Sim, SimDev, SimNs } from '../model';
import { dropWhy } from '../dev-core';
import { parseUdp, udpChecksumOk, ipv4PseudoSum } from '../wire/udp';
import { ipv4Dst, ipv4Src } from '../wire/ipv4';
import { ICMP_DEST_UNREACH, UNREACH_PORT } from '../wire/icmp';
import { vxlanRcv, vxlanSocketDevs } from '../devices/vxlan';
import { icmpSendError } from './icmp';

const whyBadUdp = (dev: SimDev) => `${dev.name}: UDP datagram with a bad length or checksum is dropped (net/ipv4/udp.c __udp4_lib_rcv)`;
const whyNoSocket = (dev: SimDev, port: number) => `${dev.name}: no socket on UDP port ${port}; ICMP port unreachable goes back (net/ipv4/udp.c __udp4_lib_rcv)`;

/** A UDP packet `pkt` (IPv4 header on) reached local delivery in `ns` through `dev`. */
export function udpTunnelDeliver(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array, broadcast: boolean): void {
  const ihl = (pkt[0] & 15) * 4;
  const udpBytes = pkt.subarray(ihl);
  const udp = parseUdp(udpBytes);
  if (!udp || !udpChecksumOk(udpBytes, ipv4PseudoSum(ipv4Src(pkt), ipv4Dst(pkt), udp.length))) {
    dropWhy(sim, dev, 'not-handled', whyBadUdp, dev, undefined, pkt);
    return;
  }
  const devs = vxlanSocketDevs(ns, udp.dstPort);
  if (devs) {
    vxlanRcv(sim, devs, udp.dstPort, pkt, udpBytes.subarray(0, udp.length), dev);
    return;
  }
  if (broadcast) return;
  dropWhy(sim, dev, 'not-handled', whyNoSocket, dev, udp.dstPort, pkt);
  icmpSendError(sim, ns, pkt, ICMP_DEST_UNREACH, UNREACH_PORT, dev);
}
