/**
 * IPv4-in-IPv4 (`ipip`), GRE (`gre`) and Ethernet over GRE (`gretap`) tunnels:
 * `ip link add NAME type ipip|gre|gretap [local A] [remote B] [ttl N] [key K] [dev D]`
 * (net/ipv4/ip_tunnel.c, ipip.c, ip_gre.c). Addresses are text so an IPv6 outer header
 * (ip6tnl, ip6gre) can use the same fields with a family of its own.
 */
import type { DeviceCommon, Id } from './types';

export type IpTunnelKind = 'ipip' | 'gre' | 'gretap';
export const IP_TUNNEL_KINDS: readonly IpTunnelKind[] = ['ipip', 'gre', 'gretap'];

export interface IpTunnelDevice extends DeviceCommon {
  kind: IpTunnelKind;
  /** `local`: outer source address; absent is any (the route's source). */
  local?: string;
  /** `remote`: outer destination; absent is any (receives from every peer, sends only by a route's gateway). */
  remote?: string;
  /** `ttl` of outer packets, 1..255; absent is `inherit` (0: the inner packet's TTL). */
  ttl?: number;
  /** GRE `ikey` (key expected on received packets); `key K` sets both keys. Not for ipip. */
  ikey?: number;
  /** GRE `okey` (key written on sent packets). */
  okey?: number;
  /** `dev`: the underlay device the outer packets are bound to. */
  underlay?: Id;
  /** `nopmtudisc` is `pmtudisc: false`: outer packets without DF. Absent is the kernel default (DF set). */
  pmtudisc?: boolean;
}

/** Bytes the kernel's tunnel adds (dev->hard_header_len / needed_headroom → the default MTU 1500 less this). */
export function tunnelOverhead(d: Pick<IpTunnelDevice, 'kind' | 'ikey' | 'okey'>): number {
  if (d.kind === 'ipip') return 20;
  const key = d.okey !== undefined ? 4 : 0;
  // gretap carries the inner Ethernet header too (14 bytes): 1462 = 1500 - 20 - 4 - 14
  return 20 + 4 + key + (d.kind === 'gretap' ? 14 : 0);
}

export function isIpTunnelKind(kind: string): kind is IpTunnelKind {
  return (IP_TUNNEL_KINDS as readonly string[]).includes(kind);
}
