/**
 * Builds the runtime (model.ts) from a design document: namespaces, devices with their
 * MACs (explicit, inherited, or drawn from the seed), addresses, stacking (peers, lowers,
 * bridge ports, macvlan/ipvlan ports, VLAN maps), LAN segments, static neighbours.
 */
import type { BridgeDevice, Design, Device, IpvlanDevice, MacvlanDevice, PhysicalDevice, VethDevice, VlanDevice } from '../model/types';
import { contains, parseCidr, parseIp } from '../net/ipv4';
import type { IfAddr, LanSegment, Sim, SimDev, SimNs, XmitFrame } from './model';
import { buildOrder } from '../model/build-order';
import { Engine } from './engine/engine';
import { Rng } from './engine/rng';
import { Trace } from './engine/trace';
import { macFromSeed, parseMac, ZERO_MAC } from './wire/mac';
import { micros } from './engine/time';
import { vethXmit, vethXmitFrame } from './devices/veth';
import { loopbackXmit } from './devices/loopback';
import { dummyXmit } from './devices/dummy';
import { attachBond, bondXmit } from './devices/bond';
import { vrfXmit } from './devices/vrf';
import { tunXmit } from './devices/tuntap';
import { physicalXmit } from './devices/physical';
import { vlanXmit } from './devices/vlan';
import { bridgeRx, bridgeXmit } from './devices/bridge';
import { macvlanRx, macvlanXmit, macvtapRx } from './devices/macvlan';
import { ipvlanRx, ipvlanXmit } from './devices/ipvlan';
import { vxlanState, vxlanXmit } from './devices/vxlan';
import { ipTunnelState, ipTunnelXmit } from './devices/ip-tunnel';
import { refreshLinks, scheduleStp } from './link-state';
import { neighStatic } from './stack/neigh';
import { scheduleLinkUp } from './stack/link-up';
import { inetPacketTypes } from './stack/protocols';
import { NEWEST_KERNEL, type KernelVersion } from './kernel-version';

export interface BuildOptions {
  seed: number;
  /** The kernel to follow where releases differ; default the newest measured. */
  kernel?: KernelVersion;
}

const XMIT: Record<Device['kind'], SimDev['xmit']> = {
  physical: physicalXmit,
  loopback: loopbackXmit,
  veth: vethXmit,
  bridge: bridgeXmit,
  macvlan: macvlanXmit,
  macvtap: macvlanXmit,
  ipvlan: ipvlanXmit,
  vlan: vlanXmit,
  tap: tunXmit,
  tun: tunXmit,
  dummy: dummyXmit,
  vxlan: vxlanXmit,
  bond: bondXmit,
  vrf: vrfXmit,
  ipip: ipTunnelXmit, gre: ipTunnelXmit, gretap: ipTunnelXmit,
};

/** Drivers that also transmit from an skb's fields (SimDev.xmitFrame). */
const XMIT_FRAME: Partial<Record<Device['kind'], XmitFrame>> = {
  veth: vethXmitFrame,
};

function parseAddrs(dev: Device): IfAddr[] {
  const out: IfAddr[] = [];
  for (const a of dev.addresses) {
    const c = parseCidr(a.cidr);
    if (!c) continue;
    const peer = a.peer ? parseCidr(a.peer) : undefined;
    const secondary = !peer && out.some((o) => o.peer === undefined && o.len === c.len && contains(o, c.addr));
    const ifa = { addr: c.addr, len: c.len, peer: peer?.addr, peerLen: peer?.len, noprefixroute: !!a.noprefixroute, secondary };
    // __inet_insert_ifa: a secondary goes to the end of the list, a primary after the last
    // primary (so before every secondary); measured: `ip addr` lists them in that order
    const firstSecondary = out.findIndex((o) => o.secondary);
    if (secondary || firstSecondary < 0) out.push(ifa);
    else out.splice(firstSecondary, 0, ifa);
  }
  return out;
}

/** Creates the runtime of a design. */
export function buildSim(design: Design, opts: BuildOptions): Sim {
  const sim: Sim = {
    engine: new Engine(), trace: new Trace(), rng: new Rng(opts.seed), namespaces: [], nsByLabel: new Map(),
    devs: [], devById: new Map(), lans: [], hopDelay: micros(2), stormHops: 64, stormDetected: false, frameEvents: 0,
    ptypes: inetPacketTypes(), kernel: opts.kernel ?? NEWEST_KERNEL,
  };
  const lanById = new Map<string, LanSegment>();
  for (const l of design.lans) {
    const seg: LanSegment = { id: l.id, name: l.name, ports: [], fdb: new Map() };
    sim.lans.push(seg);
    lanById.set(l.id, seg);
  }
  const nsById = new Map<string, SimNs>();
  let macIndex = 0;
  // Indexes are per namespace, as on Linux (dev_index_reserve allocates from the namespace's
  // own table): lo is 1 (loopback_net_init registers it first), other devices count on from 2
  // in the order they were created. A peer in another namespace shows as `@ifN` of its own
  // namespace's numbering, as `ip link` prints it.
  const nextIfindex = new Map<SimNs, number>();
  // numbers an imported script's history gave (Device.ifindex), by namespace id
  const claimed = new Map<string, Set<number>>();
  for (const host of design.hosts) {
    for (const d of host.devices) if (d.ifindex !== undefined) (claimed.get(d.ns) ?? claimed.set(d.ns, new Set()).get(d.ns)!).add(d.ifindex);
  }
  for (const host of design.hosts) {
    for (const n of host.namespaces) {
      const label = n.root ? (host.role === 'external' ? host.name : n.name || 'host') : n.name;
      const ns: SimNs = {
        id: n.id, label, devs: [], byName: new Map(), sysctls: { ...n.sysctls }, staticRoutes: n.routes,
        firewall: n.firewall, policies: { ...(n.policies ?? {}) }, neigh: new Map(), conntrack: [], listeners: n.listeners,
        icmpSockets: new Set(), arpSockets: new Set(), ipId: 0,
        // every optional field present from the start: one object shape for all namespaces
        lo: undefined, fibCache: undefined, localCache: undefined, bcastCache: undefined,
      };
      sim.namespaces.push(ns);
      sim.nsByLabel.set(label, ns);
      nsById.set(n.id, ns);
    }
    for (const d of host.devices) {
      const ns = nsById.get(d.ns);
      macIndex++;
      if (!ns) continue;
      const explicit = d.mac ? parseMac(d.mac) : undefined;
      const dev: SimDev = {
        id: d.id, name: d.name, kind: d.kind, ns, cfg: d, ifindex: d.kind === 'loopback' ? 1 : d.ifindex ?? takeIfindex(nextIfindex, ns, claimed),
        mac: d.kind === 'loopback' ? ZERO_MAC : (d.kind === 'tun' || d.kind === 'ipip' || d.kind === 'gre') ? '' : explicit ?? macFromSeed(opts.seed, macIndex),
        macSet: !!explicit, up: d.up, carrier: false, noarp: false, promisc: !!d.promisc,
        addrs: parseAddrs(d), sysctl: { ...(d.sysctls ?? {}) }, vlans: new Map(), vid: 0, ucList: new Set(),
        xmit: XMIT[d.kind], captured: false,
        xmitFrame: XMIT_FRAME[d.kind],
        // every optional field present from the start: one object shape for all devices keeps
        // the per-frame code monomorphic
        peer: undefined, lower: undefined, lan: undefined, rxHandler: undefined, bridge: undefined, brPort: undefined,
        macvlanPort: undefined, ipvlanPort: undefined, vxlan: undefined, bond: undefined, bondMaster: undefined, ipTunnel: undefined, where: undefined, neighByIp: undefined,
        confMaxCache: undefined, confOrCache: undefined, forwardingCache: undefined,
      };
      if (d.kind === 'loopback') {
        ns.lo = dev;
        // a machine's own lo was up since boot: brought down, it keeps 127.0.0.1/8 (measured);
        // a new namespace's lo that was never up has no 127.0.0.1, but keeps the addresses
        // given to it while down (`ip addr add 10.9.9.9/32 dev lo` on a down lo, measured)
        const sinceBoot = host.namespaces.some((n) => n.id === d.ns && n.root);
        if ((d.up || sinceBoot) && !dev.addrs.some((a) => a.addr === 0x7f000001)) dev.addrs.unshift({ addr: 0x7f000001, len: 8, noprefixroute: false, secondary: false });
      }
      if (d.kind === 'dummy' || d.kind === 'tun' || d.kind === 'vrf' || d.kind === 'ipip' || d.kind === 'gre') dev.noarp = true;
      ns.devs.push(dev);
      ns.byName.set(dev.name, dev);
      sim.devs.push(dev);
      sim.devById.set(dev.id, dev);
    }
  }
  // each namespace lists its devices in the order the design is built (model/build-order):
  // the order the kernel made them in, which decides e.g. the order of same-prefix routes
  for (const host of design.hosts) {
    const rank = new Map(buildOrder(host).map((d, i) => [d.id, i]));
    for (const n of host.namespaces) {
      const ns = nsById.get(n.id);
      ns?.devs.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    }
  }
  wire(sim, lanById);
  refreshLinks(sim);
  scheduleStp(sim);
  scheduleLinkUp(sim);
  for (const host of design.hosts) {
    for (const n of host.namespaces) {
      for (const nb of n.neighbours) {
        const dev = sim.devById.get(nb.dev);
        const ip = parseIp(nb.ip);
        const mac = parseMac(nb.lladdr);
        if (!dev || ip === undefined || !mac) continue;
        neighStatic(sim, dev, ip, mac, nb.state);
      }
    }
  }
  return sim;
}

/**
 * Adds an extra unicast address to a device's filter; a VLAN device syncs its list to its
 * parent (vlan_dev_set_rx_mode → dev_uc_sync), so the NIC underneath accepts it too.
 */
function addUnicast(dev: SimDev, mac: string, depth = 0): void {
  dev.ucList.add(mac);
  // a bridge device has no unicast filter (no IFF_UNICAST_FLT): an extra address makes it
  // promiscuous (__dev_set_rx_mode), so it passes every frame up to its upper devices
  if (dev.kind === 'bridge') dev.promisc = true;
  if (dev.kind === 'vlan' && dev.lower && depth < 8) addUnicast(dev.lower, mac, depth + 1);
}

/** Second pass: relationships between devices. */
function wire(sim: Sim, lanById: Map<string, LanSegment>): void {
  const byId = sim.devById;
  // bonds first: a bond's MAC comes from its first slave, and devices on a bond follow it
  for (const dev of sim.devs) if (dev.kind === 'bond') attachBond(dev, dev.ns.devs.filter((s) => s.cfg.master === dev.id));
  for (const dev of sim.devs) {
    const d = dev.cfg;
    switch (d.kind) {
      case 'veth':
        dev.peer = byId.get((d as VethDevice).peer);
        break;
      case 'physical': {
        // a NIC on no drawn segment is on a segment of its own, as the script header's
        // default (`lan=` its own name) and the sandbox world built from it have it: carrier on
        const lan = ((d as PhysicalDevice).lan ? lanById.get((d as PhysicalDevice).lan as string) : undefined)
          ?? ({ id: '', name: dev.name, ports: [], fdb: new Map() } as LanSegment);
        dev.lan = lan;
        lan.ports.push(dev);
        break;
      }
      case 'vlan': {
        const v = d as VlanDevice;
        dev.lower = byId.get(v.parent);
        dev.vid = v.vid;
        if (dev.lower) {
          dev.lower.vlans.set(v.vid, dev);
          if (!dev.macSet) dev.mac = dev.lower.mac;
          else addUnicast(dev.lower, dev.mac);
        }
        break;
      }
      case 'vxlan':
        dev.vxlan = vxlanState(d, byId);
        break;
      case 'ipip': case 'gre': case 'gretap':
        dev.ipTunnel = ipTunnelState(d, byId);
        break;
      default:
    }
  }
  // stacked devices whose MAC follows a lower device (in dependency order: VLANs first)
  for (const dev of sim.devs) {
    const d = dev.cfg;
    if (d.kind === 'macvlan' || d.kind === 'macvtap') {
      const m = d as MacvlanDevice;
      const lower = byId.get(m.parent);
      if (!lower) continue;
      dev.lower = lower;
      if (!lower.macvlanPort) {
        lower.macvlanPort = { lower, children: [], passthru: false };
        lower.rxHandler = macvlanRx;
      }
      lower.macvlanPort.children.push(dev);
      if (m.mode === 'passthru') {
        lower.macvlanPort.passthru = true;
        if (!dev.macSet) dev.mac = lower.mac;
        if (!m.nopromisc) lower.promisc = true;
      } else if (dev.up) addUnicast(lower, dev.mac);
      if (d.kind === 'macvtap') dev.rxHandler = macvtapRx;
    } else if (d.kind === 'ipvlan') {
      const m = d as IpvlanDevice;
      const master = byId.get(m.parent);
      if (!master) continue;
      dev.lower = master;
      dev.mac = master.mac;
      if (!master.ipvlanPort) {
        master.ipvlanPort = { master, children: [], mode: m.mode, flag: m.flag };
        master.rxHandler = ipvlanRx;
      }
      // mode and flag belong to the port: the last child created sets them
      master.ipvlanPort.mode = m.mode;
      master.ipvlanPort.flag = m.flag;
      master.ipvlanPort.children.push(dev);
    }
  }
  for (const dev of sim.devs) {
    if (dev.kind === 'ipvlan') dev.noarp = dev.lower?.ipvlanPort?.mode !== 'l2';
  }
  // bridges and their ports
  for (const dev of sim.devs) {
    if (dev.kind !== 'bridge') continue;
    const b = dev.cfg as BridgeDevice;
    const pvid = b.vlanDefaultPvid ?? 1;
    dev.bridge = {
      fdb: new Map(), ports: [], stp: !!b.stp, ageingNs: (b.ageingTime ?? 300) * 1e9,
      forwardDelayNs: (b.forwardDelay ?? 15) * 1e9, vlanFiltering: !!b.vlanFiltering, defaultPvid: pvid,
      selfVlans: new Map(pvid ? [[pvid, { pvid: true, untagged: true }]] : []),
    };
  }
  for (const dev of sim.devs) {
    const masterId = dev.cfg.master;
    const br = masterId ? byId.get(masterId) : undefined;
    if (!br || !br.bridge) continue;
    const ps = dev.cfg.port ?? {};
    const st = br.bridge;
    const vlans = new Map<number, { pvid: boolean; untagged: boolean }>();
    if (ps.vlans) for (const v of ps.vlans) vlans.set(v.vid, { pvid: !!v.pvid, untagged: !!v.untagged });
    else if (st.defaultPvid) vlans.set(st.defaultPvid, { pvid: true, untagged: true });
    dev.brPort = {
      bridge: br, state: 'disabled', hairpin: !!ps.hairpin, learning: ps.learning ?? true, flood: ps.flood ?? true,
      isolated: !!ps.isolated, vlans,
    };
    dev.rxHandler = bridgeRx;
    // br_manage_promisc: ports are promiscuous unless VLAN filtering is on and at most one
    // port learns/floods; with the default port flags (learning + flood) that never holds
    dev.promisc = true;
    st.ports.push(dev);
  }
  for (const br of sim.devs) {
    if (!br.bridge) continue;
    if (!br.macSet && br.bridge.ports.length > 0) {
      br.mac = br.bridge.ports.map((p) => p.mac).sort()[0];
    }
    br.bridge.fdb.set(br.mac, { mac: br.mac, vid: 0, port: null, local: true, static: true, updated: 0 });
    for (const p of br.bridge.ports) br.bridge.fdb.set(p.mac, { mac: p.mac, vid: 0, port: p, local: true, static: true, updated: 0 });
  }
}

/** The next free ifindex of `ns` (lo keeps 1, so others start at 2; numbers a device was given are skipped). */
function takeIfindex(next: Map<SimNs, number>, ns: SimNs, claimed: Map<string, Set<number>>): number {
  let n = next.get(ns) ?? 2;
  while (claimed.get(ns.id)?.has(n)) n++;
  next.set(ns, n + 1);
  return n;
}
