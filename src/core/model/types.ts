/**
 * The vnetlab design document: a Linux network design as plain, serialisable JSON.
 *
 * Invariants (checked by `validate`, relied on everywhere else):
 * - Every id is unique within the whole design; references are always by id, never by name,
 *   so renaming never breaks a relationship.
 * - The document holds *configuration* (what a script would set), never runtime state
 *   (carrier, FDB, neighbour states): that is derived by the simulator.
 * - Layout (canvas positions) lives in `layout`, apart from the network itself.
 */
import { IP_TUNNEL_KINDS, type IpTunnelDevice, type IpTunnelKind } from './tunnel-types';

import type { BondDevice, VrfDevice } from './types-bond-vrf';
export type { BondDevice, BondMode, BondXmitHashPolicy, VrfDevice } from './types-bond-vrf';

export const DESIGN_FORMAT = 'vnetlab-design' as const;
export const DESIGN_VERSION = 1 as const;

export type Id = string;

/** A whole design: machines, the LAN segments joining them, and their layout. */
export interface Design {
  format: typeof DESIGN_FORMAT;
  version: typeof DESIGN_VERSION;
  title?: string;
  notes?: string;
  /** Linux machines. `role: 'host'` machines are the ones scripts are exported for. */
  hosts: Host[];
  /** Switches of the world outside the hosts (the `lan=` of the script header). */
  lans: Lan[];
  layout: Layout;
  /**
   * Saved tests: probes kept with the design (a script's own `ping`/`arping` lines, an
   * example's suggested pings, a lab's goals), run again with one click.
   */
  tests?: SavedTest[];
  /** A classroom lab: the task, its goals and the faults a teacher injected. */
  lab?: Lab;
}

/**
 * One saved test, written as a probe-file line (`docs/conformance-format.md`), e.g.
 * `ping ns1 10.0.0.2 count=2`, `arping ns1 veth0 10.0.0.2`, plus script-only steps that change
 * state without reporting (`neigh-flush NS [DEV]`, `neigh-del NS ADDRESS DEV`).
 */
export interface SavedTest {
  id: Id;
  probe: string;
  /** What the author expects: a ping's verdict. Absent when not stated. */
  expect?: 'reply' | 'no-reply';
  /** Where it came from: `script` (an imported script's own line), `example`, `lab`, `user`. */
  origin?: 'script' | 'example' | 'lab' | 'user';
  /** For `origin: 'script'`: the 1-based line of the script it came from. */
  line?: number;
  /**
   * For `origin: 'script'`: how many configuration commands of the script had run when this
   * line ran; the simulator runs the test at that point of the setup.
   */
  afterStep?: number;
  label?: string;
}

/** A lab: a task in plain words, goal tests (saved-test ids) and injected faults. */
export interface Lab {
  task: string;
  /** Ids of `tests` that must give their `expect` for the lab to be solved. */
  goals: Id[];
  /** Faults the teacher injected, described for the teacher's view (the design holds them). */
  faults?: { kind: string; target?: Id; description: string }[];
}

export type HostRole =
  /** A Linux machine the user designs; exported as a script. */
  | 'host'
  /** A machine of the outside world (`# host:` header line): a LAN peer or gateway. */
  | 'external';

export interface Host {
  id: Id;
  /** Label of the machine; for the root namespace of a single-host design this is "host". */
  name: string;
  role: HostRole;
  /** The root namespace is the one with `root: true`; there is exactly one. */
  namespaces: Namespace[];
  /** Every device of the machine; `ns` says which namespace it is in now. */
  devices: Device[];
}

export interface Namespace {
  id: Id;
  /**
   * `ip netns` name. For the root namespace this is the label used in traces and captures:
   * "host" for the designed machine, the machine's name for an external host.
   */
  name: string;
  root?: boolean;
  routes: Route[];
  neighbours: Neighbour[];
  /**
   * Namespace-wide sysctls by their full kernel name, e.g. `net.ipv4.ip_forward`,
   * `net.ipv4.conf.all.rp_filter`, `net.ipv4.conf.default.arp_ignore`,
   * `net.bridge.bridge-nf-call-iptables`. Absent keys take the kernel default
   * (see `SYSCTL_DEFAULTS`).
   */
  sysctls: Record<string, number>;
  /** iptables rules in the order they were appended, per table and chain. */
  firewall: FirewallRule[];
  /** Chain policies that differ from ACCEPT, e.g. `{ 'filter/FORWARD': 'DROP' }`. */
  policies?: Record<string, 'ACCEPT' | 'DROP'>;
  /** Processes listening on TCP/UDP ports (`ip netns exec NS nc -l -p PORT &`). */
  listeners?: Listener[];
}

export type DeviceKind =
  | 'physical'
  | 'loopback'
  | 'veth'
  | 'bridge'
  | 'macvlan'
  | 'macvtap'
  | 'ipvlan'
  | 'vlan'
  | 'tap'
  | 'tun'
  | 'dummy'
  | 'vxlan'
  | 'bond'
  | 'vrf'
  | IpTunnelKind;

export const DEVICE_KINDS: readonly DeviceKind[] = [
  'physical', 'loopback', 'veth', 'bridge', 'macvlan', 'macvtap', 'ipvlan', 'vlan', 'tap', 'tun', 'dummy', 'vxlan', 'bond', 'vrf',
  ...IP_TUNNEL_KINDS,
];

/** An IPv4 address as `ip addr add` takes it. */
export interface Address {
  /** `A.B.C.D/LEN`; a bare address means /32. */
  cidr: string;
  /** `peer P/LEN`: point-to-point peer, installs an on-link route to it. */
  peer?: string;
  noprefixroute?: boolean;
}

/** Per-port settings, meaningful while the device is enslaved to a bridge (`master`). */
export interface BridgePortSettings {
  hairpin?: boolean;
  learning?: boolean;
  flood?: boolean;
  isolated?: boolean;
  /** Bridge VLAN membership, used only when the bridge has `vlanFiltering`. */
  vlans?: { vid: number; pvid?: boolean; untagged?: boolean }[];
}

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';
export const MACVLAN_MODES: readonly MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru', 'source'];
export type IpvlanMode = 'l2' | 'l3' | 'l3s';
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';

export interface DeviceCommon {
  id: Id;
  /** Interface name; kernel rules: ≤ 15 bytes, no `/`, `:` or whitespace, not `.`/`..`. */
  name: string;
  /** Namespace id (of the same host) the device is in now. */
  ns: Id;
  /** Admin state (`ip link set X up`). */
  up: boolean;
  /** Explicit MAC (`address`); when absent the simulator derives one from its seed. */
  mac?: string;
  mtu?: number;
  promisc?: boolean;
  alias?: string;
  addresses: Address[];
  /** Bridge, bond or VRF this device is a port or slave of (`master`). */
  master?: Id;
  port?: BridgePortSettings;
  /**
   * Per-interface IPv4 sysctls (`net.ipv4.conf.<dev>.<key>`) by short key:
   * forwarding, rp_filter, arp_ignore, arp_announce, arp_filter, proxy_arp, accept_local,
   * send_redirects, arp_notify.
   */
  sysctls?: Record<string, number>;
  /**
   * The kernel's ifindex (numbered per namespace), when an imported script's history decides
   * it; otherwise the simulator numbers devices in the order they are built.
   */
  ifindex?: number;
  /**
   * The operstate link_watch gave the device at its last carrier event while it had no
   * carrier, when an imported script's history decides it (a later move alone does not
   * recompute it on the kernel, and the design cannot tell where the device was then).
   */
  linkWatchOper?: 'DOWN' | 'LOWERLAYERDOWN';
}

export interface PhysicalDevice extends DeviceCommon {
  kind: 'physical';
  /**
   * LAN segment the NIC is plugged into. A NIC on no drawn segment is plugged into a switch of
   * its own with nothing else on it (the script header's default, `lan=` its own name): it has
   * carrier, and nothing outside the host is reachable through it.
   */
  lan?: Id;
  /** The switch port facing this NIC reflects frames back (hairpin / reflective relay). */
  lanHairpin?: boolean;
}
export interface LoopbackDevice extends DeviceCommon { kind: 'loopback' }
export interface VethDevice extends DeviceCommon {
  kind: 'veth';
  /** The other end (also a `veth` device, possibly in another namespace). */
  peer: Id;
}
export interface BridgeDevice extends DeviceCommon {
  kind: 'bridge';
  stp?: boolean;
  /** Seconds; kernel default 300. */
  ageingTime?: number;
  /** Seconds; kernel default 15. */
  forwardDelay?: number;
  vlanFiltering?: boolean;
  vlanDefaultPvid?: number;
}
export interface MacvlanDevice extends DeviceCommon {
  kind: 'macvlan' | 'macvtap';
  /** Lower device (may be in another namespace after `ip link set … netns`). */
  parent: Id;
  mode: MacvlanMode;
  /** `macaddr add` list for source mode. */
  sourceMacs?: string[];
  nopromisc?: boolean;
  /** source mode `nodst`. */
  nodst?: boolean;
}
export interface IpvlanDevice extends DeviceCommon {
  kind: 'ipvlan';
  parent: Id;
  mode: IpvlanMode;
  flag: IpvlanFlag;
}
export interface VlanDevice extends DeviceCommon {
  kind: 'vlan';
  parent: Id;
  vid: number;
  protocol?: '802.1Q' | '802.1ad';
  /** `reorder_hdr off`: false (the kernel's default is on). */
  reorderHdr?: boolean;
  /** `loose_binding on`: the device does not follow its parent down and up. */
  looseBinding?: boolean;
}
export interface TunTapDevice extends DeviceCommon {
  kind: 'tap' | 'tun';
  /** A process has the device open (a VM or a VPN daemon): carrier on. */
  attached?: boolean;
}
export interface DummyDevice extends DeviceCommon { kind: 'dummy' }

/** One entry of a VXLAN device's own forwarding table (`bridge fdb append MAC dev VX dst IP`). */
export interface VxlanFdbEntry {
  /** Inner destination MAC; `00:00:00:00:00:00` is the default entry every unknown MAC uses. */
  mac: string;
  /** Remote VTEP address (the family follows from the text). */
  dst: string;
}

/**
 * A VXLAN tunnel endpoint (`ip link add NAME type vxlan id VNI …`): an Ethernet device whose
 * frames travel inside UDP to remote endpoints (drivers/net/vxlan/). Addresses are text, so an
 * IPv6 underlay fits the same fields.
 */
export interface VxlanDevice extends DeviceCommon {
  kind: 'vxlan';
  /** `id`: the 24-bit VXLAN network identifier. */
  vni: number;
  /** `dstport`; absent means Linux's own default, 8472 (IANA's port is 4789). */
  dstport?: number;
  /** `local`: the source address of the outer packets. */
  local?: string;
  /** `remote`: the one remote endpoint (the default FDB entry). */
  remote?: string;
  /** `group`: a multicast group as the default destination (needs `underlay`). */
  group?: string;
  /** `dev`: the underlay device the outer packets leave by. */
  underlay?: Id;
  /** `nolearning` is `learning: false`; absent means learning, the kernel default. */
  learning?: boolean;
  /** `proxy`: answer ARP requests from the device's neighbour table instead of sending them. */
  proxy?: boolean;
  /** `ttl` of the outer packets; absent (`auto`) takes the route's hop limit, 64. */
  ttl?: number;
  /** Entries written with `bridge fdb append/add … dev NAME dst IP`, in order. */
  fdb?: VxlanFdbEntry[];
}

export type Device =
  | PhysicalDevice
  | LoopbackDevice
  | VethDevice
  | BridgeDevice
  | MacvlanDevice
  | IpvlanDevice
  | VlanDevice
  | TunTapDevice
  | DummyDevice
  | VxlanDevice
  | BondDevice
  | VrfDevice
  | IpTunnelDevice;

/** Devices that sit on a lower device (`ip link add link PARENT …`). */
export type ChildDevice = MacvlanDevice | IpvlanDevice | VlanDevice;

export type RouteType = 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';

export interface Route {
  /** `default` or `A.B.C.D/LEN` (a bare address means /32). */
  dst: string;
  via?: string;
  /** Device id. */
  dev?: Id;
  src?: string;
  metric?: number;
  onlink?: boolean;
  type?: RouteType;
  scope?: 'global' | 'link' | 'host';
}

export type NeighbourState = 'permanent' | 'noarp' | 'reachable' | 'stale';

export interface Neighbour {
  ip: string;
  lladdr: string;
  /** Device id. */
  dev: Id;
  state: NeighbourState;
}

export type FirewallTable = 'filter' | 'nat';
export type FirewallTarget = 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE' | 'DNAT' | 'SNAT' | 'REDIRECT';

/** One iptables rule; interface names are strings because iptables allows `eth+` wildcards. */
export interface FirewallRule {
  table: FirewallTable;
  chain: 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
  target: FirewallTarget;
  /** Only `-p`, `-s`, `-d`, `-i`, `-o`; a leading `!` negates. */
  proto?: 'all' | 'icmp' | 'tcp' | 'udp';
  src?: string;
  dst?: string;
  in?: string;
  out?: string;
  /** REJECT `--reject-with`, default icmp-port-unreachable. */
  rejectWith?: string;
  /**
   * `-m conntrack --ctstate S,…` (or the older `-m state --state S,…`): the packet's
   * connection tracking state must be one of these; `ctstateNeg` is the `!` before it.
   */
  ctstate?: CtState[];
  ctstateNeg?: boolean;
  /** `--dport` / `--sport` of `-p tcp|udp`: a port or `FIRST:LAST`, a leading `!` negates. */
  dport?: string;
  sport?: string;
  /** DNAT `--to-destination ADDR[:PORT[-PORT]]` (ADDR may be empty: `:80`). */
  toDestination?: string;
  /** SNAT `--to-source ADDR[:PORT[-PORT]]`. */
  toSource?: string;
  /** REDIRECT / MASQUERADE `--to-ports PORT[-PORT]`. */
  toPorts?: string;
}

/** Transport protocols a listener or a connection probe speaks. */
export type TransportProto = 'tcp' | 'udp';

/**
 * A process listening on a port in a namespace, as `nc -l -p PORT` (netcat-openbsd) does:
 * bound to every address of the namespace's family. Without `keep` (`-k`) it serves one
 * connection (TCP) or one peer (UDP) and then exits or stays bound to that peer.
 */
export interface Listener {
  proto: TransportProto;
  port: number;
  /** Address family of the socket; IPv4 only today. */
  family?: 'inet';
  /** `nc -k`: keeps listening after a connection. */
  keep?: boolean;
}

/** nf_conntrack states as xt_conntrack and xt_state match them. */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';
export const CT_STATES: readonly CtState[] = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED'];

/** A LAN segment: a plain learning switch outside every host. */
export interface Lan {
  id: Id;
  name: string;
}

/** Canvas geometry, kept apart from the network. Keyed by object id. */
export interface Layout {
  positions: Record<Id, { x: number; y: number }>;
  /** Container sizes for namespaces and hosts, when the user resized them. */
  sizes?: Record<Id, { width: number; height: number }>;
}

/** Kernel defaults of a fresh network namespace (measured, see conformance KERNEL-SUPPORT). */
export const SYSCTL_DEFAULTS: Readonly<Record<string, number>> = {
  'net.ipv4.ip_forward': 0,
  'net.ipv4.conf.all.forwarding': 0,
  'net.ipv4.conf.all.rp_filter': 0,
  'net.ipv4.conf.default.rp_filter': 0,
  'net.ipv4.conf.all.arp_ignore': 0,
  'net.ipv4.conf.all.arp_announce': 0,
  'net.ipv4.conf.all.arp_filter': 0,
  'net.ipv4.conf.all.proxy_arp': 0,
  'net.ipv4.conf.default.proxy_arp': 0,
  'net.ipv4.conf.all.accept_local': 0,
  'net.ipv4.conf.all.send_redirects': 1,
  'net.ipv4.conf.default.send_redirects': 1,
  'net.ipv4.conf.all.accept_redirects': 1,
  'net.ipv4.conf.default.accept_redirects': 1,
  'net.ipv4.conf.all.arp_notify': 0,
  'net.bridge.bridge-nf-call-iptables': 1,
};

/** Per-interface sysctl keys the document accepts (`net.ipv4.conf.<dev>.<key>`). */
export const INTERFACE_SYSCTL_KEYS = [
  'forwarding', 'rp_filter', 'arp_ignore', 'arp_announce', 'arp_filter', 'proxy_arp',
  'accept_local', 'send_redirects', 'accept_redirects', 'arp_notify', 'arp_accept',
] as const;
