/** Wire codecs: MACs, Ethernet (+VLAN tags), ARP, IPv4, ICMP, UDP and frame builders. */
export * from './mac';
export * from './ethernet';
export * from './arp';
export * from './checksum';
export * from './ipv4';
export * from './icmp';
export * from './frames';
export * from './udp';
export * from './tcp';
export * from './vxlan';
