/**
 * How `ip link` prints ipip/GRE/gretap devices: ipip and gre are point-to-point without
 * a link-layer address (`link/ipip LOCAL peer REMOTE`, `link/gre …`), their MTU the
 * underlay's 1500 less the outer headers (1480 ipip, 1476 gre, 1462 gretap; ip_tunnel.c
 * ip_tunnel_bind_dev); `-d` adds the tunnel's own line as iproute2's link_iptnl.c/link_gre.c do.
 */
import { formatIp } from '../../core/net/ipv4';
import { tunnelOverhead } from '../../core/model/tunnel-types';
import type { SimDev } from '../../core/sim/model';

/** Whether `dev` is an L3 tunnel (no Ethernet header). */
export function isL3Tunnel(dev: SimDev): boolean {
  return dev.kind === 'ipip' || dev.kind === 'gre';
}

/** The default MTU of a tunnel, or undefined for other devices. */
export function tunnelMtu(dev: SimDev): number | undefined {
  const t = dev.ipTunnel;
  if (!t) return undefined;
  const lower = t.underlay?.cfg.mtu ?? 1500;
  return lower - tunnelOverhead({ kind: t.kind, ikey: t.ikey, okey: t.okey });
}

/** `link/ipip 192.168.1.1 peer 192.168.1.2` for ipip and gre; undefined for gretap (an Ethernet device). */
export function tunnelLinkLine(dev: SimDev): string | undefined {
  const t = dev.ipTunnel;
  if (!t || !isL3Tunnel(dev)) return undefined;
  const any = (a: number) => (a ? formatIp(a) : '0.0.0.0');
  return `    link/${t.kind} ${any(t.local)} peer ${any(t.remote)}`;
}

/** The `ip -d link` detail line: `ipip remote B local A ttl inherit …`, `gre remote B local A ttl 64 key 7 …`. */
export function tunnelDetailLine(dev: SimDev): string | undefined {
  const t = dev.ipTunnel;
  if (!t) return undefined;
  const any = (a: number) => (a ? formatIp(a) : 'any');
  const ttl = t.ttl ? String(t.ttl) : 'inherit';
  const keys = t.ikey !== undefined && t.ikey === t.okey ? ` key ${t.ikey}`
    : `${t.ikey !== undefined ? ` ikey ${t.ikey}` : ''}${t.okey !== undefined ? ` okey ${t.okey}` : ''}`;
  const dev0 = t.underlay ? ` dev ${t.underlay.name}` : '';
  return `    ${t.kind} remote ${any(t.remote)} local ${any(t.local)}${dev0} ttl ${ttl} tos inherit${keys}${t.df ? ' pmtudisc' : ' nopmtudisc'}`;
}
