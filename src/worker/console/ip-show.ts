/**
 * `ip addr`, `ip link`, `ip route`, `ip neigh`, `bridge fdb show` and `sysctl NAME` of one
 * simulated namespace, printed the way iproute2 and procps print them (no `-d`, no JSON).
 */
import { isL3Tunnel, tunnelLinkLine, tunnelMtu } from './ip-tunnel-show';
import { SYSCTL_DEFAULTS } from '../../core/model/types';
import { broadcastOf, formatIp } from '../../core/net/ipv4';
import type { Sim, SimDev, SimNs } from '../../core/sim/model';
import { operstate } from '../../core/sim/link-state';
import { nsRoutes } from '../../core/sim/observe/tables';
import { nsSysctl } from '../../core/sim/stack/sysctl';

/** `mac1@if2` / `veth0@veth1`: the link device as iproute2 names it. */
function linkName(dev: SimDev): string {
  const l = dev.kind === 'veth' ? dev.peer : dev.lower;
  if (!l) return dev.name;
  return `${dev.name}@${l.ns === dev.ns ? l.name : `if${l.ifindex}`}`;
}

function flags(dev: SimDev): string {
  const f: string[] = [];
  if (dev.up && !dev.carrier) f.push('NO-CARRIER');
  if (dev.kind === 'loopback') f.push('LOOPBACK');
  else if (dev.kind === 'tun') f.push('POINTOPOINT', 'MULTICAST');
  else if (isL3Tunnel(dev)) f.push('POINTOPOINT');
  else f.push('BROADCAST', 'MULTICAST');
  if (dev.noarp && dev.kind !== 'loopback' && dev.kind !== 'tun') f.push('NOARP');
  if (dev.cfg.promisc) f.push('PROMISC');
  if (dev.up) f.push('UP');
  if (dev.up && dev.carrier) f.push('LOWER_UP');
  const l = dev.kind === 'veth' ? dev.peer : dev.lower;
  if (l && l.ns === dev.ns && !l.up) f.push('M-DOWN');
  return `<${f.join(',')}>`;
}

function mtu(dev: SimDev): number {
  // a VXLAN made with `dev` takes the underlay's MTU less its 50 bytes of headers (measured: 1450)
  if (dev.cfg.mtu === undefined && dev.ipTunnel) return tunnelMtu(dev)!;
  if (dev.cfg.mtu === undefined && dev.vxlan?.underlay) return (dev.vxlan.underlay.cfg.mtu ?? 1500) - 50;
  return dev.cfg.mtu ?? (dev.kind === 'loopback' ? 65536 : 1500);
}

function qdisc(dev: SimDev): string {
  if (!dev.up) return 'noop';
  return dev.kind === 'physical' ? 'fq_codel' : 'noqueue';
}

function linkLines(dev: SimDev): string[] {
  const master = dev.brPort ? ` master ${dev.brPort.bridge.name}` : '';
  const head = `${dev.ifindex}: ${linkName(dev)}: ${flags(dev)} mtu ${mtu(dev)} qdisc ${qdisc(dev)}${master} state ${operstate(dev)} mode DEFAULT group default qlen 1000`;
  let l2: string;
  if (dev.kind === 'loopback') l2 = '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  else if (dev.kind === 'tun') l2 = '    link/none ';
  else if (isL3Tunnel(dev)) l2 = tunnelLinkLine(dev)!;
  else {
    const other = (dev.kind === 'veth' ? dev.peer : dev.lower);
    l2 = `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff${other && other.ns !== dev.ns ? ' link-netnsid 0' : ''}`;
  }
  return [head, l2];
}

function addrLines(dev: SimDev): string[] {
  const [head, l2] = linkLines(dev);
  const out = [head.replace(' mode DEFAULT', ''), l2];
  for (const a of dev.addrs) {
    const scope = (a.addr >>> 24) === 127 ? 'host' : 'global';
    const brd = a.peer === undefined && a.len < 31 && dev.kind !== 'loopback' ? ` brd ${formatIp(broadcastOf({ addr: a.addr, len: a.len }))}` : '';
    const local = a.peer !== undefined ? `${formatIp(a.addr)} peer ${formatIp(a.peer)}/${a.peerLen ?? 32}` : `${formatIp(a.addr)}/${a.len}`;
    const extra = `${a.secondary ? ' secondary' : ''}${a.noprefixroute ? ' noprefixroute' : ''}`;
    out.push(`    inet ${local}${brd} scope ${scope}${extra} ${dev.name}`, '       valid_lft forever preferred_lft forever');
  }
  return out;
}

function byIndex(ns: SimNs, devName?: string): SimDev[] | string {
  const devs = [...ns.devs].sort((a, b) => a.ifindex - b.ifindex);
  if (devName === undefined) return devs;
  const d = ns.byName.get(devName);
  return d ? [d] : `Device "${devName}" does not exist.`;
}

/** `ip addr show [dev DEV]`. */
export function ipAddr(ns: SimNs, dev?: string): string {
  const devs = byIndex(ns, dev);
  return typeof devs === 'string' ? devs : devs.flatMap(addrLines).join('\n');
}

/** `ip link show [dev DEV]`. */
export function ipLink(ns: SimNs, dev?: string): string {
  const devs = byIndex(ns, dev);
  return typeof devs === 'string' ? devs : devs.flatMap(linkLines).join('\n');
}

/** `ip route show [dev DEV]` (main table). */
export function ipRoute(ns: SimNs, dev?: string): string {
  const lines = nsRoutes(ns);
  return (dev ? lines.filter((l) => l.includes(` dev ${dev} `) || l.endsWith(` dev ${dev}`)).map((l) => l.replace(` dev ${dev}`, '')) : lines).join('\n');
}

/** `ip neigh show [dev DEV]` with raw MACs and NUD states. */
export function ipNeigh(ns: SimNs, dev?: string): string {
  const rows = [...ns.neigh.values()]
    .filter((e) => e.state !== 'noarp' && (!dev || e.dev.name === dev))
    .map((e) => {
      const ll = e.lladdr && e.state !== 'failed' && e.state !== 'incomplete' ? ` lladdr ${e.lladdr}` : '';
      return `${formatIp(e.ip)}${dev ? '' : ` dev ${e.dev.name}`}${ll} ${e.state.toUpperCase()}`;
    });
  return rows.join('\n');
}

/** `bridge fdb show`: learned, local (permanent) and static entries of the namespace's bridges. */
export function bridgeFdb(sim: Sim, ns: SimNs): string {
  const out: string[] = [];
  for (const br of ns.devs) {
    if (!br.bridge) continue;
    for (const e of br.bridge.fdb.values()) {
      if (!e.local && !e.static && sim.engine.now - e.updated > br.bridge.ageingNs) continue;
      const dev = e.port ? e.port.name : br.name;
      const vlan = br.bridge.vlanFiltering && e.vid ? ` vlan ${e.vid}` : '';
      const master = e.port ? ` master ${br.name}` : '';
      out.push(`${e.mac} dev ${dev}${vlan}${master} ${e.local ? 'permanent' : e.static ? 'static' : ''}`.trimEnd());
    }
  }
  // a VXLAN device's own table (`self`): one line per destination, as bridge prints it
  for (const d of ns.devs) {
    if (!d.vxlan) continue;
    for (const [mac, e] of d.vxlan.fdb) {
      for (const dst of e.dsts) out.push(`${mac} dev ${d.name} dst ${formatIp(dst)} self${e.permanent ? ' permanent' : ''}`);
    }
  }
  return out.join('\n');
}

/** `sysctl NAME` as procps prints it, or its error for an unknown key. */
export function sysctlShow(ns: SimNs, name: string): string {
  const m = /^net\.ipv4\.conf\.([^.]+)\.(.+)$/.exec(name);
  if (m && m[1] !== 'all' && m[1] !== 'default') {
    const dev = ns.byName.get(m[1]);
    if (!dev) return `sysctl: cannot stat /proc/sys/${name.replace(/\./g, '/')}: No such file or directory`;
    const own = dev.sysctl[m[2]] ?? nsSysctl(ns, `net.ipv4.conf.default.${m[2]}`);
    return `${name} = ${own}`;
  }
  if (ns.sysctls[name] === undefined && SYSCTL_DEFAULTS[name] === undefined) {
    return `sysctl: cannot stat /proc/sys/${name.replace(/\./g, '/')}: No such file or directory`;
  }
  return `${name} = ${nsSysctl(ns, name)}`;
}

/** `NAME@PEER` and the operstate, padded as `ip -br` pads its first two columns (%-16s %-14s). */
function briefHead(dev: SimDev): string {
  return `${linkName(dev).padEnd(16)} ${operstate(dev).padEnd(14)} `;
}

/** `ip -br addr [show] [dev DEV]`: one line per device, IPv4 addresses only (the simulator has no IPv6). */
export function ipAddrBrief(ns: SimNs, dev?: string): string {
  const devs = byIndex(ns, dev);
  if (typeof devs === 'string') return devs;
  return devs.map((d) => briefHead(d) + d.addrs.map((a) => `${formatIp(a.addr)}/${a.len} `).join('')).join('\n');
}

/** `ip -br link [show] [dev DEV]`: name, operstate, MAC and flags. */
export function ipLinkBrief(ns: SimNs, dev?: string): string {
  const devs = byIndex(ns, dev);
  if (typeof devs === 'string') return devs;
  return devs.map((d) => `${briefHead(d)}${d.kind === 'tun' ? '' : `${d.mac} `}${flags(d)} `).join('\n');
}
