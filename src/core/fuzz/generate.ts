/**
 * Seeded random designs for differential fuzzing (kernel vs simulator). A design is a list
 * of elements, each rendering to header or script lines as a person would type them; an
 * element names the elements it depends on, so that the minimiser can drop any subset and
 * the rest still renders (dependents of a dropped element are dropped with it).
 *
 * Covered: physical NICs and LAN peers (header), namespaces (loopback up or not), veth
 * pairs across namespaces, bridges (STP on or off) with hairpin, forced port states and
 * ports up or down, macvlan children of every
 * mode but source, addresses from a few small subnets (/24, /25, /30, /32), links up or
 * left down, default and static routes, forwarding and MASQUERADE; netcat TCP listeners,
 * DNAT of port 8080, FORWARD policy DROP with an ESTABLISHED rule, tcp and traceroute probes
 * (UDP probes are left out: whether nc -zu sees the port unreachable before its second write
 * is a race on the kernel); with `vxlan`, a VXLAN overlay between two namespaces over
 * whatever underlay addresses they have (its own random stream, so a seed's design is
 * otherwise the same).
 */
import type { MacvlanMode } from '../model/types';
import { addBroad } from './broad';

export interface FuzzElement {
  id: string;
  /** Ids of elements that must be present for this one to render. */
  needs: string[];
  /** `# phys:` / `# host:` lines. */
  header?: string[];
  /** Script lines. */
  lines?: string[];
  /** The namespace (or external host) this element creates, which probes may run in. */
  ns?: string;
}

export interface FuzzCase {
  seed: number;
  elements: FuzzElement[];
  /** probes.txt lines (ping/arping/capture). */
  probes: string[];
}

export interface GenerateOptions {
  /** Upper bound on ping probes (pairs are sampled when there are more). Default 14. */
  maxProbes?: number;
  /** Also draw netcat listeners, DNAT, FORWARD DROP and tcp/traceroute probes (exploration). */
  transport?: boolean;
  /**
   * Also draw the broader semantics of broad.ts (gateways anywhere, per-interface sysctls,
   * more external hosts and LANs, filter rules beside MASQUERADE, ICMP redirects). Off, the
   * designs of a seed are those the fixed CI seeds were chosen with.
   */
  broad?: boolean;
  /**
   * Add a VXLAN overlay to some designs (exploration only, `fuzz:kernel -- --vxlan`): the
   * kernel's VXLAN devices send IPv6 noise through the underlay at random moments, which moves
   * underlay neighbour timers, so these designs are not yet stable enough for the gating sample.
   */
  vxlan?: boolean;
}

/** mulberry32: a small deterministic generator (no Math.random in core). */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const SUBNETS = ['10.0.1', '10.0.2', '192.168.0'] as const;
const MASKS = [24, 24, 25, 30, 32] as const;
const MODES: MacvlanMode[] = ['private', 'vepa', 'bridge', 'bridge', 'passthru'];

export type Rng = ReturnType<typeof rng>;

export interface Dev {
  name: string;
  ns: string;
  /** Creation element id. */
  el: string;
  subnet: string;
  bridgeable: boolean;
}

/** `ip` prefix for a namespace (`host` is the script's own). */
export function ipIn(ns: string): string {
  return ns === 'host' ? 'ip' : `ip -n ${ns}`;
}

export function execIn(ns: string, cmd: string): string {
  return ns === 'host' ? cmd : `ip netns exec ${ns} ${cmd}`;
}

/** A random valid design and probes covering its address pairs (sampled to maxProbes). */
export function generateFuzzCase(seed: number, options: GenerateOptions = {}): FuzzCase {
  const r = rng(seed);
  const els: FuzzElement[] = [];
  const devs: Dev[] = [];
  const addrs: { ns: string; ip: string; el: string }[] = [];
  const add = (e: FuzzElement) => {
    els.push(e);
    return e.id;
  };
  const addr = (d: Dev) => {
    const host = d.subnet === '192.168.0' ? r.int(100, 220) : r.int(1, 250);
    const ip = `${d.subnet}.${host}`;
    if (addrs.some((a) => a.ip === ip)) return;
    const mask = r.pick(MASKS);
    const id = add({ id: `addr-${d.name}-${ip}`, needs: [d.el], lines: [`${ipIn(d.ns)} addr add ${ip}/${mask} dev ${d.name}`] });
    addrs.push({ ns: d.ns, ip, el: id });
  };
  const up = (d: Dev, p = 0.85) => {
    if (r.chance(p)) add({ id: `up-${d.name}`, needs: [d.el], lines: [`${ipIn(d.ns)} link set ${d.name} up`] });
  };

  // the world: one or two NICs on one or two switches, LAN peers
  const nics = r.int(1, 2);
  for (let i = 0; i < nics; i++) {
    const name = `eth${i}`;
    const lan = i > 0 && r.chance(0.5) ? 'lan=eth0' : '';
    const ip = `192.168.0.${171 + i}/24`;
    const flags = [r.chance(0.3) ? 'hairpin' : '', r.chance(0.1) ? 'down' : ''].filter(Boolean);
    const el = add({ id: `phys-${name}`, needs: [], header: [['# phys:', name, ip, lan, ...flags].filter(Boolean).join(' ')] });
    devs.push({ name, ns: 'host', el, subnet: '192.168.0', bridgeable: false });
    addrs.push({ ns: 'host', ip: ip.split('/')[0], el });
  }
  const peers = r.int(0, 2);
  for (let i = 0; i < peers; i++) {
    const name = `peer${i + 1}`;
    const ip = `192.168.0.${50 + i}`;
    const via = r.chance(0.5) ? ' via 192.168.0.171' : '';
    const el = add({ id: `host-${name}`, needs: [], ns: name, header: [`# host: ${name} ${ip}/24 lan=eth0${via}`] });
    addrs.push({ ns: name, ip, el });
  }

  // namespaces
  const nss = ['host'];
  const nsEl: Record<string, string> = { host: '' };
  for (let i = 1; i <= r.int(1, 3); i++) {
    const ns = `ns${i}`;
    nsEl[ns] = add({ id: `netns-${ns}`, needs: [], ns, lines: [`ip netns add ${ns}`] });
    if (r.chance(0.6)) add({ id: `lo-${ns}`, needs: [nsEl[ns]], lines: [`ip -n ${ns} link set lo up`] });
    nss.push(ns);
  }
  const nsNeeds = (ns: string) => (nsEl[ns] ? [nsEl[ns]] : []);

  // veth pairs
  for (let i = 0; i < r.int(1, 3); i++) {
    const a = `v${2 * i}`;
    const b = `v${2 * i + 1}`;
    const na = r.chance(0.6) ? 'host' : r.pick(nss);
    const nb = r.pick(nss.filter((n) => n !== na).concat(r.chance(0.1) ? [na] : []));
    const lines = [`ip link add ${a} type veth peer name ${b}`];
    if (na !== 'host') lines.push(`ip link set ${a} netns ${na}`);
    if (nb !== 'host') lines.push(`ip link set ${b} netns ${nb}`);
    const el = add({ id: `veth-${a}`, needs: [...nsNeeds(na), ...nsNeeds(nb)], lines });
    const subnet = r.pick(SUBNETS.slice(0, 2));
    devs.push({ name: a, ns: na, el, subnet, bridgeable: true }, { name: b, ns: nb, el, subnet, bridgeable: true });
  }

  // a bridge taking some veth ends of its namespace
  if (r.chance(0.5)) {
    const ns = r.pick(nss);
    const stp = r.chance(0.15) ? ' stp_state 1' : '';
    const el = add({ id: 'bridge-br0', needs: nsNeeds(ns), lines: [`${ipIn(ns)} link add br0 type bridge${stp}`] });
    const br: Dev = { name: 'br0', ns, el, subnet: r.pick(SUBNETS.slice(0, 2)), bridgeable: false };
    for (const d of devs.filter((x) => x.ns === ns && x.bridgeable)) {
      if (!r.chance(0.6)) continue;
      d.bridgeable = false;
      d.subnet = br.subnet;
      const port = add({ id: `port-${d.name}`, needs: [el, d.el], lines: [`${ipIn(ns)} link set ${d.name} master br0`] });
      if (r.chance(0.25)) add({ id: `hairpin-${d.name}`, needs: [port], lines: [execIn(ns, `bridge link set dev ${d.name} hairpin on`)] });
      // a port forced to disabled (0) or blocking (4); only allowed with STP off
      if (r.chance(0.1)) add({ id: `state-${d.name}`, needs: [port], lines: [execIn(ns, `bridge link set dev ${d.name} state ${r.pick([0, 4])}`)] });
    }
    devs.push(br);
  }

  // macvlan children of a NIC (or of a veth end), moved to namespaces
  const parents = devs.filter((d) => d.name.startsWith('eth') || (d.bridgeable && r.chance(0.2)));
  for (let i = 0; i < r.int(0, 3) && parents.length; i++) {
    const p = r.pick(parents);
    const name = `mv${i}`;
    const mode = r.pick(MODES);
    const ns = r.pick(nss);
    const lines = [`${ipIn(p.ns)} link add link ${p.name} name ${name} type macvlan mode ${mode}`];
    if (ns !== p.ns) lines.push(`${ipIn(p.ns)} link set ${name} netns ${ns}`);
    const el = add({ id: `macvlan-${name}`, needs: [p.el, ...nsNeeds(ns), ...nsNeeds(p.ns)], lines });
    devs.push({ name, ns, el, subnet: p.subnet, bridgeable: false });
  }

  // addresses and links up (NICs are up from the header unless `down`)
  for (const d of devs) {
    if (d.name.startsWith('eth')) continue;
    if (r.chance(0.75)) addr(d);
    if (r.chance(0.1)) addr({ ...d, subnet: r.pick(SUBNETS) });
    up(d);
  }

  // routes, forwarding, NAT
  for (const ns of nss) {
    const local = devs.filter((d) => d.ns === ns && !d.name.startsWith('eth'));
    if (local.length && r.chance(0.35)) {
      const d = r.pick(local);
      const gw = addrs.find((a) => a.ns !== ns && a.ip.startsWith(`${d.subnet}.`));
      const line = gw && r.chance(0.7)
        ? `${ipIn(ns)} route add default via ${gw.ip}`
        : `${ipIn(ns)} route add default dev ${d.name}`;
      add({ id: `route-default-${ns}`, needs: [d.el, ...nsNeeds(ns)], lines: [line] });
    }
    if (local.length && r.chance(0.2)) {
      const d = r.pick(local);
      const dst = `${r.pick(SUBNETS)}.${r.pick([0, 0, 128])}/${r.pick([24, 25, 32])}`.replace(/\.128\/24$/, '.0/24');
      add({ id: `route-${ns}-${dst}`, needs: [d.el, ...nsNeeds(ns)], lines: [`${ipIn(ns)} route add ${dst} dev ${d.name}`] });
    }
    if (r.chance(0.3)) add({ id: `forward-${ns}`, needs: nsNeeds(ns), lines: [execIn(ns, 'sysctl -qw net.ipv4.ip_forward=1')] });
    if (r.chance(0.15)) {
      const src = `${r.pick(SUBNETS.slice(0, 2))}.0/24`;
      add({ id: `nat-${ns}`, needs: nsNeeds(ns), lines: [execIn(ns, `iptables -t nat -A POSTROUTING -s ${src} -j MASQUERADE`)] });
    }
  }

  const extraPeers: string[] = [];
  const extraProbes: string[] = [];
  if (options.broad) {
    const b = addBroad({ r, add, devs, addrs, nss, nsNeeds, nics, peers });
    extraPeers.push(...b.peers);
    extraProbes.push(...b.probes);
  }
  if (options.vxlan) vxlanOverlay(rng(seed ^ 0x5f3759df), add, addrs, nsNeeds);

  // probes: every (namespace, address) pair, sampled down to maxProbes
  const sources = [...nss, ...Array.from({ length: peers }, (_, i) => `peer${i + 1}`), ...extraPeers];
  let pairs: string[] = [];
  for (const s of sources) for (const a of addrs) pairs.push(`ping ${s} ${a.ip}`);
  const max = options.maxProbes ?? 14;
  while (pairs.length > max) pairs.splice(r.int(0, pairs.length - 1), 1);
  pairs = [...extraProbes, ...pairs];
  pairs = pairs.length ? pairs : ['ping host 127.0.0.1'];
  const captures: string[] = [];
  const capDev = devs.filter((d) => d.ns === 'host');
  if (capDev.length && r.chance(0.5)) captures.push(`capture host ${r.pick(capDev).name}`);
  // transport: drawn from a stream of their own, so the elements above stay what each seed gave
  const t = rng(seed ^ 0x5eed7c9);
  const extra: string[] = [];
  for (const ns of options.transport ? nss : []) {
    if (t.chance(0.3)) {
      const port = t.pick(PORTS);
      add({ id: `listen-${ns}-${port}`, needs: nsNeeds(ns), lines: [`${execIn(ns, `nc ${t.chance(0.5) ? '-k ' : ''}-l -p ${port}`)} >/dev/null &`] });
    }
    if (t.chance(0.12)) {
      const to = t.pick(addrs);
      if (to) add({ id: `dnat-${ns}`, needs: [...nsNeeds(ns), to.el], lines: [execIn(ns, `iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination ${to.ip}:${t.pick(PORTS)}`)] });
    }
    if (t.chance(0.08)) add({ id: `fwd-drop-${ns}`, needs: nsNeeds(ns), lines: [execIn(ns, 'iptables -P FORWARD DROP'), execIn(ns, 'iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT')] });
  }
  if (options.transport && addrs.length && t.chance(0.6)) {
    for (let k = t.int(1, 3); k > 0; k--) extra.push(`tcp ${t.pick(sources)} ${t.pick(addrs).ip} ${t.pick([...PORTS, 8080])}`);
  }
  if (options.transport && addrs.length && t.chance(0.3)) extra.push(`traceroute ${t.pick(sources)} ${t.pick(addrs).ip} max=4${t.chance(0.3) ? ' proto=icmp' : ''}`);
  // the probe budget covers the transport probes too: they take the place of the last pings
  const kept = extra.slice(0, Math.max(0, max - 1));
  if (pairs.length + kept.length > max) pairs = pairs.slice(0, Math.max(1, max - kept.length));
  return { seed, elements: els, probes: [...captures, ...pairs, ...kept] };
}

/** Ports the listeners and connection probes use. */
const PORTS = [22, 80, 443] as const;

/** The elements whose dependencies are all present (transitively). */
export function closedElements(elements: FuzzElement[]): FuzzElement[] {
  const have = new Set<string>();
  const out: FuzzElement[] = [];
  for (const e of elements) {
    if (e.needs.every((n) => have.has(n))) {
      have.add(e.id);
      out.push(e);
    }
  }
  return out;
}

/**
 * The probe lines that can run with these elements: those whose namespace exists (probing
 * from a missing namespace only tests the harness, not the network).
 */
export function renderProbes(elements: FuzzElement[], probes: string[]): string[] {
  const have = new Set(['host', ...closedElements(elements).flatMap((e) => (e.ns ? [e.ns] : []))]);
  return probes.filter((p) => have.has(p.split(/\s+/)[1]));
}

/** topology.sh text for a set of elements (dependents of missing elements left out). */
export function renderScript(elements: FuzzElement[], title = 'generated design'): string {
  const kept = closedElements(elements);
  const header = kept.flatMap((e) => e.header ?? []);
  const lines = kept.flatMap((e) => e.lines ?? []);
  return ['#!/bin/bash', `# ${title}`, ...header, '', ...lines, ''].join('\n');
}

/**
 * A VXLAN pair between two namespaces, each end's remote being an underlay address of the
 * other (reachable or not), with an overlay address on each: what the kernel accepts (a VNI
 * per port and namespace, an existing `dev`), sometimes with mismatched VNIs, nolearning, a
 * TTL, or the all-zeros FDB entry written by `bridge fdb append` instead of `remote`.
 */
function vxlanOverlay(
  r: ReturnType<typeof rng>, add: (e: FuzzElement) => string,
  addrs: { ns: string; ip: string; el: string }[], nsNeeds: (ns: string) => string[],
): void {
  if (!r.chance(0.35)) return;
  const underlay = addrs.filter((a) => !a.ns.startsWith('peer'));
  const a = underlay.length ? r.pick(underlay) : undefined;
  const others = underlay.filter((x) => a && x.ns !== a.ns);
  if (!a || !others.length) return;
  const b = r.pick(others);
  const vni = r.int(1, 3);
  const ends = [{ me: a, peer: b, vni, host: 1 }, { me: b, peer: a, vni: r.chance(0.1) ? vni + 1 : vni, host: 2 }];
  const made: string[] = [];
  for (const e of ends) {
    const ns = e.me.ns;
    const opts = [`id ${e.vni}`, 'dstport 4789'];
    if (r.chance(0.5)) opts.push(`local ${e.me.ip}`);
    const viaFdb = r.chance(0.25);
    if (!viaFdb) opts.push(`remote ${e.peer.ip}`);
    if (r.chance(0.2)) opts.push('nolearning');
    if (r.chance(0.15)) opts.push(`ttl ${r.int(1, 64)}`);
    const lines = [`${ipIn(ns)} link add vx0 type vxlan ${opts.join(' ')}`];
    if (viaFdb) lines.push(execIn(ns, `bridge fdb append 00:00:00:00:00:00 dev vx0 dst ${e.peer.ip}`));
    lines.push(`${ipIn(ns)} addr add 10.9.0.${e.host}/24 dev vx0`);
    if (r.chance(0.9)) lines.push(`${ipIn(ns)} link set vx0 up`);
    made.push(add({ id: `vxlan-${ns}`, needs: [e.me.el, e.peer.el, ...nsNeeds(ns)], lines }));
    addrs.push({ ns, ip: `10.9.0.${e.host}`, el: made[made.length - 1] });
  }
}
