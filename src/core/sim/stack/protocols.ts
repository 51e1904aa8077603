/**
 * The IPv4 protocol family's handlers, registered with the device layer the way inet_init
 * does (`dev_add_pack(&arp_packet_type)`, `dev_add_pack(&ip_packet_type)`): ARP and IPv4
 * by ethertype. Other ethertypes have no handler and end in the device layer.
 */
import type { ProtocolHandler } from '../model';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../wire/ethernet';
import { arpRcv } from './arp';
import { ipRcv } from './ip-input';

export function inetPacketTypes(): Map<number, ProtocolHandler> {
  return new Map<number, ProtocolHandler>([
    [ETHERTYPE_ARP, arpRcv],
    [ETHERTYPE_IPV4, ipRcv],
  ]);
}
