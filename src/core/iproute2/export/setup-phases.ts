/**
 * The setup commands of one machine in the fixed phase order: namespaces, NICs moved into
 * namespaces, devices (parents first, each made in its own namespace), link settings,
 * masters and port flags, addresses, links up, routes, neighbours, sysctls, iptables. What the header already states (NIC addresses, MACs, the
 * external machines' default routes) is not repeated.
 */
import { CT_STATES, type Address, type Device, type FirewallRule, type Host, type Id, type Namespace, type Route } from '../../model/types';
import { parseIp } from '../../net/ipv4';
import { checkGateway, isLocalAddress } from '../import/kernel';
import { createCommands, moveCommand } from './device-commands';
import { afterEnslave, beforeEnslave } from './bond-vrf-commands';
import type { MachinePlan, NsAccess } from './machine-plan';
import type { ScriptWriter } from './script-writer';
import { keyword, sh, shq } from './shell-quote';

/** What the world (header) already provides, so the script does not do it twice. */
export interface Coverage {
  address(d: Device, a: Address): boolean;
  mac(d: Device): boolean;
  /** The device is already up when the script starts. */
  up(d: Device): boolean;
  route(r: Route): boolean;
}

const isConfDefault = (key: string): boolean => /^net\.ipv[46]\.conf\.default\./.test(key);

const CHAINS = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** Writes every setup phase of the planned machine. */
export function emitSetup(w: ScriptWriter, p: MachinePlan, cover: Coverage, opts: { namespaces: boolean }): void {
  const { host } = p;
  const acc = (ns: Id): NsAccess => p.access.get(ns)!;
  const devs = p.order.filter((d) => p.access.has(d.ns));

  if (opts.namespaces) {
    w.section('Namespaces');
    for (const ns of host.namespaces) if (!ns.root) w.cmd(sh`ip netns add ${ns.name}`, ns.id);
  }

  w.section('Physical NICs into their namespaces (first, while only lo is there)');
  for (const d of p.moves) {
    const line = moveCommand(p, d);
    if (line) w.cmd(line, d.id, d.ns);
  }

  // A device copies conf/default when it is made, and a later write reaches only the devices
  // that never had a setting of their own (an address marks them all set, devinet.c
  // ipv4_devconf_setall), so the defaults go first: every device then starts from them.
  w.section('Defaults copied by the devices made below');
  for (const ns of host.namespaces) {
    if (!p.access.has(ns.id)) continue;
    for (const [k, v] of Object.entries(ns.sysctls)) if (isConfDefault(k)) w.cmd(`${acc(ns.id).exec}sysctl -q -w ${shq(`${k}=${v}`)}`, ns.id);
  }

  w.section('Devices, each made in its own namespace (lower devices before the devices stacked on them)');
  for (const d of p.creates) {
    const peer = d.kind === 'veth' ? d.peer : '';
    const parent = 'parent' in d ? d.parent : '';
    for (const line of createCommands(p, d)) w.cmd(line, d.id, peer, parent);
  }

  w.section('Link settings');
  for (const d of devs) {
    const ip = acc(d.ns).ip;
    if (d.mac && !cover.mac(d) && d.kind !== 'ipvlan') w.cmd(`${ip} ${sh`link set dev ${d.name} address ${d.mac}`}`, d.id);
    if (d.mtu !== undefined) w.cmd(`${ip} ${sh`link set dev ${d.name} mtu ${d.mtu}`}`, d.id);
    if (d.promisc) w.cmd(`${ip} ${sh`link set dev ${d.name}`} promisc on`, d.id);
    if (d.alias !== undefined) w.cmd(`${ip} ${sh`link set dev ${d.name} alias ${d.alias}`}`, d.id);
  }

  w.section('Bridge ports and their flags');
  for (const d of devs) {
    const master = d.master ? p.byId.get(d.master) : undefined;
    if (!master) continue;
    const a = acc(d.ns);
    for (const l of beforeEnslave(a.ip, d, master)) w.cmd(l, d.id);
    w.cmd(`${a.ip} ${sh`link set dev ${d.name} master ${master.name}`}`, d.id, master.id);
    const flags = portFlags(d);
    if (flags) w.cmd(`${a.exec}${sh`bridge link set dev ${d.name}`}${flags}`, d.id);
    if (master.kind === 'bridge' && d.port?.vlans) {
      const pvid = master.vlanDefaultPvid ?? 1;
      const vlans = d.port.vlans;
      const isDefault = (v: { vid: number; pvid?: boolean; untagged?: boolean }) => pvid !== 0 && v.vid === pvid && !!v.pvid && !!v.untagged;
      for (const v of vlans) {
        if (isDefault(v)) continue;
        w.cmd(`${a.exec}${sh`bridge vlan add dev ${d.name} vid ${v.vid}`}${v.pvid ? ' pvid' : ''}${v.untagged ? ' untagged' : ''}`, d.id);
      }
      if (pvid !== 0 && !vlans.some((v) => v.vid === pvid)) w.cmd(`${a.exec}${sh`bridge vlan del dev ${d.name} vid ${pvid}`}`, d.id);
    }
  }
  for (const m of devs) for (const l of afterEnslave(acc(m.ns).ip, m, p.byId)) w.cmd(l, m.id);

  w.section('Addresses');
  for (const d of devs) {
    for (const a of d.addresses) {
      if (cover.address(d, a)) continue;
      const peer = a.peer ? sh` peer ${a.peer}` : '';
      const npr = a.noprefixroute ? ' noprefixroute' : '';
      w.cmd(`${acc(d.ns).ip} ${sh`addr add ${a.cidr}`}${peer}${npr} ${sh`dev ${d.name}`}`, d.id);
    }
  }

  w.section('Links up (lower devices first)');
  for (const d of devs) {
    const ip = acc(d.ns).ip;
    const wasUp = cover.up(d);
    if (d.up && !wasUp) w.cmd(`${ip} ${sh`link set dev ${d.name}`} up`, d.id);
    else if (!d.up && wasUp) w.cmd(`${ip} ${sh`link set dev ${d.name}`} down`, d.id);
  }

  w.section('Routes');
  for (const ns of host.namespaces) {
    if (!p.access.has(ns.id)) continue;
    ns.routes.forEach((route, i) => {
      if (cover.route(route)) return;
      const r = resolvedRoute(host, ns, i);
      w.cmd(`${acc(ns.id).ip} route add ${routeSpec(p, r)}`, ns.id, r.dev ?? '');
    });
  }

  w.section('Neighbours');
  for (const ns of host.namespaces) {
    if (!p.access.has(ns.id)) continue;
    for (const n of ns.neighbours) {
      const dev = p.byId.get(n.dev);
      if (!dev) continue;
      // replace, not add: once the links are up, traffic (a VXLAN's own IPv6, an ARP) can
      // already have made an entry for the address, and `add` would then fail with File exists
      w.cmd(`${acc(ns.id).ip} ${sh`neigh replace ${n.ip} lladdr ${n.lladdr} dev ${dev.name}`} nud ${keyword(n.state, ['permanent', 'noarp', 'reachable', 'stale'])}`, ns.id, dev.id);
    }
  }

  w.section('Sysctls');
  for (const ns of host.namespaces) {
    if (!p.access.has(ns.id)) continue;
    for (const [k, v] of Object.entries(ns.sysctls)) if (!isConfDefault(k)) w.cmd(`${acc(ns.id).exec}sysctl -q -w ${shq(`${k}=${v}`)}`, ns.id);
    for (const d of devs) {
      if (d.ns !== ns.id) continue;
      // in key order: the order a script set them in says nothing the kernel keeps
      for (const [k, v] of Object.entries(d.sysctls ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) w.cmd(interfaceSysctl(acc(ns.id), d.name, k, v), d.id);
    }
  }

  w.section('Firewall');
  for (const ns of host.namespaces) {
    if (!p.access.has(ns.id)) continue;
    for (const [tc, policy] of Object.entries(ns.policies ?? {})) {
      const [table, chain] = tc.split('/');
      w.cmd(`${acc(ns.id).exec}iptables -t ${keyword(table, ['filter', 'nat'])} -P ${keyword(chain, CHAINS)} ${keyword(policy, ['ACCEPT', 'DROP'])}`, ns.id);
    }
    for (const r of ns.firewall) w.cmd(`${acc(ns.id).exec}iptables ${firewallSpec(r, '-A')}`, ns.id);
  }
  const listening = host.namespaces.filter((ns) => p.access.has(ns.id) && ns.listeners?.length);
  if (listening.length) w.section('Listeners (netcat in the background; they end with their namespace\'s processes)');
  for (const ns of listening) {
    for (const l of ns.listeners ?? []) {
      const port = Number.isInteger(l.port) && l.port >= 1 && l.port <= 65535 ? l.port : 0;
      w.cmd(`${acc(ns.id).exec}nc -l${l.proto === 'udp' ? ' -u' : ''}${l.keep ? ' -k' : ''} -p ${port} >/dev/null </dev/null &`, ns.id);
    }
  }
}

/**
 * Route `i` of `ns` with the device its gateway is reached through written out, as the
 * kernel resolves it when the route is added (longest connected prefix, earlier routes by
 * device) and as `ip route` shows it; the script reads back as the same route.
 */
export function resolvedRoute(host: Host, ns: Namespace, i: number): Route {
  const r = ns.routes[i];
  if (r.dev || !r.via || r.onlink || (r.type ?? 'unicast') !== 'unicast') return r;
  const gw = parseIp(r.via);
  // a gateway that is one of the namespace's own addresses is written as the user gave it
  if (gw === undefined || isLocalAddress(host, ns.id, gw)) return r;
  const found = checkGateway(host, { ...ns, routes: ns.routes.slice(0, i) }, gw);
  return 'dev' in found ? { ...r, dev: found.dev } : r;
}

function portFlags(d: Device): string {
  const f = d.port;
  if (!f) return '';
  let s = '';
  if (f.hairpin) s += ' hairpin on';
  if (f.learning === false) s += ' learning off';
  if (f.flood === false) s += ' flood off';
  if (f.isolated) s += ' isolated on';
  return s;
}

/** `[TYPE] DST [via GW] [dev D] [src S] [metric M] [scope S] [onlink]`, quoted. */
export function routeSpec(p: MachinePlan, r: Route): string {
  const parts: string[] = [];
  if (r.type && r.type !== 'unicast') parts.push(keyword(r.type, ['blackhole', 'unreachable', 'prohibit']));
  parts.push(shq(r.dst));
  if (r.via) parts.push(sh`via ${r.via}`);
  const dev = r.dev ? p.byId.get(r.dev) : undefined;
  if (dev) parts.push(sh`dev ${dev.name}`);
  if (r.src) parts.push(sh`src ${r.src}`);
  if (r.metric !== undefined) parts.push(sh`metric ${r.metric}`);
  if (r.scope) parts.push(`scope ${keyword(r.scope, ['global', 'link', 'host'])}`);
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}

/**
 * `sysctl -w net.ipv4.conf.DEV.KEY=V`. sysctl reads dots as separators, so a device name with
 * a dot uses the slash form; a name with "=" cannot go through sysctl at all and is written
 * to /proc/sys directly.
 */
export function interfaceSysctl(a: NsAccess, dev: string, key: string, value: number): string {
  if (dev.includes('=')) return `${sh`printf '%s\\n' ${value}`} | ${a.exec}${sh`tee ${`/proc/sys/net/ipv4/conf/${dev}/${key}`}`} >/dev/null`;
  const name = dev.includes('.') ? `net/ipv4/conf/${dev}/${key}` : `net.ipv4.conf.${dev}.${key}`;
  return `${a.exec}sysctl -q -w ${shq(`${name}=${value}`)}`;
}

/** `-t T -A CHAIN [-p P] [! -s S] … -j TARGET`, quoted; `op` is -A or -D. */
export function firewallSpec(r: FirewallRule, op: '-A' | '-D'): string {
  const parts = [`-t ${keyword(r.table, ['filter', 'nat'])}`, `${op} ${keyword(r.chain, CHAINS)}`];
  const match = (flag: string, v: string | undefined) => {
    if (v === undefined) return;
    parts.push(v.startsWith('!') ? `! ${flag} ${shq(v.slice(1))}` : `${flag} ${shq(v)}`);
  };
  if (r.proto && r.proto !== 'all') match('-p', r.proto);
  match('-s', r.src);
  match('-d', r.dst);
  match('-i', r.in);
  match('-o', r.out);
  match('--sport', r.sport);
  match('--dport', r.dport);
  if (r.ctstate?.length) parts.push(`-m conntrack ${r.ctstateNeg ? '! ' : ''}--ctstate ${r.ctstate.map((x) => keyword(x, CT_STATES)).join(',')}`);
  parts.push(`-j ${keyword(r.target, ['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE', 'DNAT', 'SNAT', 'REDIRECT'])}`);
  if (r.target === 'REJECT' && r.rejectWith) parts.push(sh`--reject-with ${r.rejectWith}`);
  if (r.toDestination !== undefined) parts.push(sh`--to-destination ${r.toDestination}`);
  if (r.toSource !== undefined) parts.push(sh`--to-source ${r.toSource}`);
  if (r.toPorts !== undefined) parts.push(sh`--to-ports ${r.toPorts}`);
  return parts.join(' ');
}
