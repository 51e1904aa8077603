/**
 * The simulator's runtime state: devices, namespaces and LAN segments as the kernel holds
 * them while running (carrier, port states, neighbour entries…), built from a design
 * (see build.ts). Behaviour lives in the device files and the stack/ folder; this file
 * only holds the shapes they share.
 */
import type { BondState } from './devices/bond';
import type { Listener } from '../model/types';
import type { Device, DeviceKind, FirewallRule, Route } from '../model/types';
import type { Mac } from './wire/mac';
import type { Engine, TimerHandle } from './engine/engine';
import type { Rng } from './engine/rng';
import type { Trace, Where } from './engine/trace';
import type { KernelVersion } from './kernel-version';
import type { VxlanState } from './devices/vxlan';
import type { IpTunnelState } from './devices/ip-tunnel';

/** A frame in flight (the kernel's skb): bytes plus the few pieces of metadata the kernel keeps. */
/**
 * Switches a frame (and every copy made of it since) has passed, with how often: pairs
 * `[switch, count, switch, count, …]` in one array shared by the copies — a frame meets one
 * or two switches, and a Map per frame would cost more than the search.
 */
export type LoopCounts = (object | number)[];

/**
 * A frame in flight. Written as a literal with all four fields, in this order, everywhere:
 * one object shape keeps the per-frame code monomorphic.
 */
export interface Skb {
  data: Uint8Array;
  /** Layer-2 hops since an IP stack last handled it; bounds broadcast storms. */
  hops: number;
  /** Set by a bridge that delivers a frame for one of its ports' MACs up to itself. */
  forceHost?: boolean;
  /**
   * Shared by every copy of a frame as switches flood it: how many times each switch
   * (bridge or LAN segment) has handled the frame. Loop detection only; the kernel keeps
   * no such thing, which is why a bridge loop without STP storms forever there.
   */
  lineage?: LoopCounts;
}

export interface IfAddr {
  addr: number;
  len: number;
  /** `peer P/LEN` of a point-to-point address. */
  peer?: number;
  peerLen?: number;
  noprefixroute: boolean;
  /** A second address in the subnet of an earlier one: no prefix route of its own. */
  secondary: boolean;
}

/** What an rx_handler did with a frame (net/core/dev.c RX_HANDLER_*). */
export type RxResult = 'consumed' | 'pass';

/** A driver transmit on an skb's fields (SimDev.xmitFrame); `hops` already counts this hop. */
export type XmitFrame = (sim: Sim, dev: SimDev, data: Uint8Array, hops: number, lineage: LoopCounts | undefined) => void;

export type RxHandler = (sim: Sim, dev: SimDev, skb: Skb) => RxResult;

export type PortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

export interface FdbEntry {
  mac: Mac;
  vid: number;
  port: SimDev | null;
  local: boolean;
  static: boolean;
  updated: number;
}

export interface BridgeState {
  fdb: Map<string, FdbEntry>;
  ports: SimDev[];
  stp: boolean;
  ageingNs: number;
  forwardDelayNs: number;
  vlanFiltering: boolean;
  defaultPvid: number;
  /** Bridge's own VLAN membership when filtering (from `bridge vlan … self`); default pvid untagged. */
  selfVlans: Map<number, { pvid: boolean; untagged: boolean }>;
  /** The pending br_fdb_cleanup run, if any. */
  cleanup?: TimerHandle;
}

export interface BridgePortState {
  bridge: SimDev;
  state: PortState;
  hairpin: boolean;
  learning: boolean;
  flood: boolean;
  isolated: boolean;
  vlans: Map<number, { pvid: boolean; untagged: boolean }>;
  stpTimer?: TimerHandle;
}

/** A macvlan/macvtap "port": the shared rx_handler state on a lower device. */
export interface MacvlanPort {
  lower: SimDev;
  children: SimDev[];
  passthru: boolean;
}

/** An ipvlan port on a master: mode and flag belong here, not to the children. */
export interface IpvlanPort {
  master: SimDev;
  children: SimDev[];
  mode: 'l2' | 'l3' | 'l3s';
  flag: 'bridge' | 'private' | 'vepa';
}

export interface SimDev {
  id: string;
  name: string;
  kind: DeviceKind;
  ns: SimNs;
  cfg: Device;
  ifindex: number;
  mac: Mac;
  /** MAC given explicitly (matters for the bridge MAC rule). */
  macSet: boolean;
  up: boolean;
  carrier: boolean;
  noarp: boolean;
  promisc: boolean;
  addrs: IfAddr[];
  sysctl: Record<string, number>;
  peer?: SimDev;
  lower?: SimDev;
  vlans: Map<number, SimDev>;
  vid: number;
  lan?: LanSegment;
  rxHandler?: RxHandler;
  bridge?: BridgeState;
  brPort?: BridgePortState;
  macvlanPort?: MacvlanPort;
  ipvlanPort?: IpvlanPort;
  /** A bond's slaves (devices/bond.ts); on a slave, its bond. */
  bond?: BondState;
  bondMaster?: SimDev;
  /** A VXLAN device's tunnel settings and forwarding table (devices/vxlan.ts). */
  vxlan?: VxlanState;
  /** An ipip/GRE/gretap device's endpoints and keys (devices/ip-tunnel.ts). */
  ipTunnel?: IpTunnelState;
  /** Extra unicast addresses the (physical) device accepts: children's MACs. */
  ucList: Set<Mac>;
  /**
   * Driver transmit: what happens after the taps have seen the frame. Returning false
   * means the driver refused it (NET_XMIT_DROP), which a packet socket reports as ENOBUFS.
   */
  xmit: (sim: Sim, dev: SimDev, skb: Skb) => boolean | void;
  /**
   * The same driver transmit on the skb's fields, for drivers that keep nothing of the skb
   * (veth): a bridge flooding to N such ports then makes no skb object per port.
   */
  xmitFrame?: XmitFrame;
  /** A capture is running on the device. */
  captured: boolean;
  /** Where-object shared by this device's trace events (dev-core.ts whereOf), made on first use. */
  where?: Where;
  /** This device's entries of `ns.neigh` by address (`ip | 0`): the per-packet look-up (stack/neigh.ts). */
  neighByIp?: Map<number, NeighEntry>;
  /** Effective sysctl values, computed on first use (stack/sysctl.ts; settings are fixed while running). */
  confMaxCache?: Map<string, number>;
  confOrCache?: Map<string, boolean>;
  forwardingCache?: boolean;
}

export type NudState = 'incomplete' | 'reachable' | 'stale' | 'delay' | 'probe' | 'failed' | 'permanent' | 'noarp';

/** A queued IPv4 packet waiting for resolution, with what is needed to report its failure. */
export interface PendingPacket {
  ip: Uint8Array;
}

export interface NeighEntry {
  dev: SimDev;
  ip: number;
  state: NudState;
  lladdr?: Mac;
  /** Last lladdr change or confirmation (for the 1 s lock time). */
  updated: number;
  confirmed: number;
  used: number;
  probes: number;
  queue: PendingPacket[];
  timer?: TimerHandle;
  /** The entry's timer callback, made once (stack/neigh.ts arm). */
  onTimer?: () => void;
  /** Address to put in our ARP requests (from the first queued packet). */
  solicitSrc?: number;
}

export interface ConntrackEntry {
  /** Original direction tuple. */
  proto: number;
  origSrc: number;
  origDst: number;
  origId: number;
  /** Reply direction after NAT: replies come from origDst to natSrc. */
  natSrc: number;
  natId: number;
}

export interface SimNs {
  id: string;
  /** Label used in traces and observations: "host", an external host's name, or the netns name. */
  label: string;
  devs: SimDev[];
  byName: Map<string, SimDev>;
  sysctls: Record<string, number>;
  staticRoutes: Route[];
  firewall: FirewallRule[];
  policies: Record<string, 'ACCEPT' | 'DROP'>;
  /** Neighbour entries by (ifindex, address): stack/neigh.ts neighKey. */
  neigh: Map<number, NeighEntry>;
  conntrack: ConntrackEntry[];
  /** Listening processes from the design (stack/transport.ts). */
  listeners?: readonly Listener[];
  /** Receivers of ICMP errors about TCP/UDP packets sent from here (traceroute's IP_RECVERR). */
  icmpErrorListeners?: Set<(from: number, type: number, code: number, quote: Uint8Array) => void>;
  /** Flows by original and reply tuple, once a rule matches on conntrack state (stack/conntrack.ts). */
  ct?: Map<string, { flow: { seenReply: boolean; proto: number; key: string; rkey: string; expires: number }; reply: boolean }>;
  lo?: SimDev;
  /** Sockets listening for ICMP in this netns (ping). */
  icmpSockets: Set<IcmpSocket>;
  /** Packet sockets (arping) by device. */
  arpSockets: Set<ArpSocket>;
  ipId: number;
  /** The main table as last computed (stack/route.ts mainRoutes); cleared when link state changes. */
  fibCache?: unknown[];
  /** Local addresses → first device holding them (stack/route.ts localOwner), made on first use. */
  localCache?: Map<number, SimDev>;
  /** Broadcast addresses of up devices (stack/route.ts isBroadcastAddr); cleared with fibCache. */
  bcastCache?: Set<number>;
  /** Next hops learned from ICMP redirects, by destination (stack/redirect.ts). */
  redirectNexthops?: Map<number, { dev: SimDev; gateway: number }>;
}

export interface IcmpSocket {
  id: number;
  onEchoReply: (from: number, ip: Uint8Array) => void;
  onError: (from: number, type: number, code: number, gateway?: number) => void;
}

export interface ArpSocket {
  dev: SimDev;
  onArp: (frame: Uint8Array) => void;
}

/** A LAN segment of the world outside the host: a plain learning switch. */
export interface LanSegment {
  id: string;
  name: string;
  ports: SimDev[];
  fdb: Map<Mac, { port: SimDev; updated: number }>;
}

/** The running simulation: engine, trace, randomness and every object. */
/** Packet type of a frame relative to the receiving device (eth_type_trans, skb->pkt_type). */
export type PktType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

/**
 * A protocol handler (the kernel's `struct packet_type` func): gets a frame of its ethertype
 * once the device layer is done with it; `off` is where the protocol's header starts.
 */
export type ProtocolHandler = (sim: Sim, dev: SimDev, frame: Uint8Array, off: number, pt: PktType) => void;

export interface Sim {
  engine: Engine;
  trace: Trace;
  rng: Rng;
  namespaces: SimNs[];
  nsByLabel: Map<string, SimNs>;
  devs: SimDev[];
  devById: Map<string, SimDev>;
  lans: LanSegment[];
  /** Per-hop latency of a virtual link, ns. */
  hopDelay: number;
  /** Frame hops after which a frame is declared part of a broadcast storm. */
  stormHops: number;
  stormDetected: boolean;
  /**
   * Simulated frame events so far: one each time a device handles a frame (its transmit
   * path passing the admin/carrier checks, or its receive path while up), recorded in the
   * trace or not. The benchmark's unit.
   */
  frameEvents: number;
  /**
   * Protocol handlers by ethertype, as the kernel's ptype list (`dev_add_pack`): the device
   * layer hands frames to whatever is registered here, so it depends on no protocol.
   */
  ptypes: Map<number, ProtocolHandler>;
  /** The kernel followed where releases differ (kernel-version.ts). */
  kernel: KernelVersion;
}
