/**
 * The broader semantics of the design generator (generate.ts with `broad`): what people
 * write once the basic plumbing works, and where Linux has rules of its own.
 *
 * - routes whose gateway is anywhere: the namespace's own address, an address of another
 *   subnet, an address on a device that is down, `onlink`, several routes to one prefix
 *   with metrics;
 * - per-interface sysctls in combination (arp_ignore, arp_announce, arp_filter, rp_filter,
 *   proxy_arp, accept_local, send_redirects, accept_redirects, forwarding), on `all`,
 *   `default` (after the devices exist, so it changes none of them) and on one device;
 * - more external hosts, a second LAN behind a NIC of its own, hosts with two subnets;
 * - filter rules beside MASQUERADE (FORWARD policy DROP with a conntrack exception,
 *   per-interface drops, INPUT/OUTPUT rules);
 * - ICMP redirects: a client whose gateway is the host, which forwards out of the same NIC
 *   to a router on that LAN, with or without send_redirects.
 */
import type { Dev, FuzzElement, Rng } from './generate';

export interface BroadContext {
  r: Rng;
  add: (e: FuzzElement) => string;
  devs: Dev[];
  addrs: { ns: string; ip: string; el: string }[];
  nss: string[];
  nsNeeds: (ns: string) => string[];
  nics: number;
  peers: number;
}

const ipIn = (ns: string) => (ns === 'host' ? 'ip' : `ip -n ${ns}`);
const execIn = (ns: string, cmd: string) => (ns === 'host' ? cmd : `ip netns exec ${ns} ${cmd}`);

/** Per-interface IPv4 settings and the values people give them. */
const SYSCTLS: Record<string, readonly number[]> = {
  arp_ignore: [0, 1, 1, 2, 3, 8],
  arp_announce: [0, 1, 2, 2],
  arp_filter: [0, 1],
  rp_filter: [0, 1, 1, 2],
  proxy_arp: [0, 1],
  accept_local: [0, 1],
  send_redirects: [0, 1],
  accept_redirects: [0, 1],
  forwarding: [0, 1],
};

/** Adds the broader elements; returns external hosts made here and probes they need first. */
export function addBroad(c: BroadContext): { peers: string[]; probes: string[] } {
  const { r, add } = c;
  const peers: string[] = [];
  const probes: string[] = [];
  const hostAddr = (name: string, ips: string[], el: string) => {
    for (const ip of ips) c.addrs.push({ ns: name, ip, el });
  };

  // a second LAN behind a NIC of its own, with hosts that may route through this machine
  if (r.chance(0.4)) {
    const el = add({ id: 'phys-eth2', needs: [], header: ['# phys: eth2 172.16.0.1/24 lan=wan'] });
    c.devs.push({ name: 'eth2', ns: 'host', el, subnet: '172.16.0', bridgeable: false });
    hostAddr('host', ['172.16.0.1'], el);
    for (let i = 1; i <= r.int(1, 2); i++) {
      const name = `wan${i}`;
      const ip = `172.16.0.${10 + i}`;
      const via = r.chance(0.6) ? ' via 172.16.0.1' : '';
      const hel = add({ id: `host-${name}`, needs: [el], ns: name, header: [`# host: ${name} ${ip}/24 lan=wan${via}`] });
      hostAddr(name, [ip], hel);
      peers.push(name);
    }
  }
  // a host on eth0's LAN in two subnets
  if (r.chance(0.4)) {
    const name = 'peer3';
    const ips = ['192.168.0.53', `10.0.${r.pick([1, 3])}.${r.int(2, 9)}`];
    const via = r.chance(0.5) ? ' via 192.168.0.171' : '';
    const el = add({ id: `host-${name}`, needs: [], ns: name, header: [`# host: ${name} ${ips[0]}/24 ${ips[1]}/24 lan=eth0${via}`] });
    hostAddr(name, ips, el);
    peers.push(name);
  }

  // ICMP redirects: cl1's gateway is this machine, which forwards to 10.0.9.0/24 through
  // gw1 on the same LAN (ip_forward → __mkroute_input sets IPSKB_DOREDIRECT)
  if (r.chance(0.4)) {
    const gw = add({ id: 'host-gw1', needs: [], ns: 'gw1', header: ['# host: gw1 192.168.0.60/24 10.0.9.1/24 lan=eth0'] });
    const cl = add({ id: 'host-cl1', needs: [], ns: 'cl1', header: ['# host: cl1 192.168.0.61/24 lan=eth0 via 192.168.0.171'] });
    hostAddr('gw1', ['192.168.0.60', '10.0.9.1'], gw);
    const lines = ['sysctl -qw net.ipv4.conf.eth0.forwarding=1', 'ip route add 10.0.9.0/24 via 192.168.0.60'];
    if (r.chance(0.3)) lines.push(`sysctl -qw net.ipv4.conf.${r.pick(['all', 'eth0'])}.send_redirects=0`);
    const el = add({ id: 'redirect-route', needs: [gw, cl], lines });
    peers.push('gw1', 'cl1');
    if (r.chance(0.5)) probes.push(`capture cl1 eth0`);
    // one ping: whether a second one is redirected again depends on how soon it follows the
    // first (ip_rt_send_redirect's 20 ms << n back-off), a race of the harness
    probes.push('ping cl1 10.0.9.1');
    void el;
  }

  const devsIn = (ns: string) => c.devs.filter((d) => d.ns === ns);

  // routes whose gateway is anywhere
  for (const ns of c.nss) {
    const local = devsIn(ns);
    if (!local.length || !r.chance(0.5)) continue;
    const n = r.int(1, 3);
    let prev = '';
    for (let k = 0; k < n; k++) {
      const d = r.pick(local);
      const same = prev && r.chance(0.4);
      const dst = same ? prev : r.pick(['default', '10.0.3.0/24', '10.0.9.0/24', `${d.subnet}.0/24`, ...c.addrs.filter((a) => a.ns !== ns).map((a) => `${a.ip}/32`)]);
      prev = dst;
      const own = c.addrs.filter((a) => a.ns === ns);
      const other = c.addrs.filter((a) => a.ns !== ns);
      const kind = r.pick(['peer', 'peer', 'own', 'subnet', 'onlink', 'dev'] as const);
      let via = '';
      if (kind === 'own' && own.length) via = r.pick(own).ip;
      else if (kind === 'peer' && other.length) via = r.pick(other.filter((a) => a.ip.startsWith(`${d.subnet}.`)).concat(other.slice(0, 1))).ip;
      else if (kind === 'subnet' || kind === 'onlink') via = `${r.pick(['10.0.1', '10.0.2', '10.0.3', '192.168.0'])}.${r.int(1, 254)}`;
      const parts = [`${ipIn(ns)} route add ${dst}`];
      if (via) parts.push(`via ${via}`);
      if (!via || kind === 'onlink' || r.chance(0.5)) parts.push(`dev ${d.name}`);
      if (kind === 'onlink' && via) parts.push('onlink');
      if (same || r.chance(0.3)) parts.push(`metric ${r.pick([10, 50, 100, 200])}`);
      add({ id: `groute-${ns}-${k}`, needs: [d.el, ...c.nsNeeds(ns)], lines: [parts.join(' ')] });
    }
  }

  // per-interface sysctls, in combination
  for (const ns of c.nss) {
    if (!r.chance(0.5)) continue;
    const local = devsIn(ns);
    for (let k = 0; k < r.int(1, 4); k++) {
      const key = r.pick(Object.keys(SYSCTLS));
      const v = r.pick(SYSCTLS[key]);
      const d = local.length && r.chance(0.6) ? r.pick(local) : undefined;
      const on = d ? d.name : r.pick(['all', 'all', 'default']);
      add({ id: `sysctl-${ns}-${k}`, needs: [...(d ? [d.el] : []), ...c.nsNeeds(ns)], lines: [execIn(ns, `sysctl -qw net.ipv4.conf.${on}.${key}=${v}`)] });
    }
  }

  // filter rules beside MASQUERADE
  for (const ns of c.nss) {
    if (!r.chance(0.3)) continue;
    const local = devsIn(ns);
    const dev = () => (local.length ? r.pick(local) : undefined);
    const lines: string[] = [];
    const needs = [...c.nsNeeds(ns)];
    const needing = (d: Dev | undefined) => {
      if (d) needs.push(d.el);
      return d?.name;
    };
    for (let k = 0; k < r.int(1, 3); k++) {
      const t = r.int(0, 5);
      if (t === 0) {
        const o = needing(dev());
        lines.push(`iptables -t nat -A POSTROUTING${o ? ` -o ${o}` : ''} -j MASQUERADE`);
      } else if (t === 1) {
        lines.push('iptables -P FORWARD DROP', 'iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT');
        const i = needing(dev());
        if (i) lines.push(`iptables -A FORWARD -i ${i} -j ACCEPT`);
      } else if (t === 2) {
        const i = needing(dev());
        if (i) lines.push(`iptables -A FORWARD -${r.pick(['i', 'o'])} ${i} -j ${r.pick(['DROP', 'REJECT', 'ACCEPT'])}`);
      } else if (t === 3) {
        lines.push(`iptables -A INPUT -p icmp -s ${r.pick(['10.0.1.0/24', '10.0.2.0/24', '192.168.0.0/24'])} -j ${r.pick(['DROP', 'REJECT'])}`);
      } else if (t === 4 && c.addrs.length) {
        lines.push(`iptables -A OUTPUT -d ${r.pick(c.addrs).ip} -j ${r.pick(['DROP', 'REJECT'])}`);
      } else {
        lines.push(`iptables -t nat -A POSTROUTING -s ${r.pick(['10.0.1.0/24', '10.0.2.0/24'])} ! -d ${r.pick(['10.0.1.0/24', '10.0.2.0/24'])} -j MASQUERADE`);
      }
    }
    if (lines.length) add({ id: `filter-${ns}`, needs, lines: lines.map((l) => execIn(ns, l)) });
  }
  return { peers, probes };
}
