/**
 * An observation: what happened when a design's probes ran, in the exact shape of a
 * conformance `expected.json` (docs/conformance-format.md). The kernel (via `verify`) and the
 * simulator (via `simulate --json`) both produce it, so the two can be diffed item by item.
 * MACs are never printed raw: they are labels `NS:DEV` of the interface that owns the address.
 */

export type ProbeError =
  | 'network_unreachable'
  | 'host_unreachable'
  | 'net_unreachable'
  | 'port_unreachable'
  | 'packet_filtered'
  | 'ttl_exceeded'
  | 'icmp_error'
  | 'local_error'
  | 'no_reply'
  /** tcp/udp probes: a reset or an ICMP port unreachable (nc: Connection refused). */
  | 'connection_refused'
  /** tcp probes: no answer within the wait (nc: timed out). */
  | 'timed_out';

export interface ProbeResult {
  /** The probes.txt line. */
  probe: string;
  rc: number;
  ok: boolean;
  received?: number;
  reply_from?: string[];
  icmp_errors?: { from: string; msg: string }[];
  local_errors?: string[];
  error: ProbeError | null;
  error_from?: string | null;
  /** arping: the MAC labels that answered. */
  replies?: string[];
  /** traceroute: per TTL, the address that answered (with `!H`-style notes) or `*`. */
  hops?: string[];
}

export type FrameType =
  | 'arp-request'
  | 'arp-reply'
  | 'icmp-echo-request'
  | 'icmp-echo-reply'
  | 'icmp-dest-unreach'
  | 'icmp-time-exceeded'
  | string; // ipv4-protoN, ethertype-0xNNNN, icmp-typeN, arp-opN, runt

export interface ObservedFrame {
  /** Index of the probe during which the frame was seen (-1: before any probe). */
  probe: number;
  src: string;
  dst: string;
  ethertype: string;
  /** 802.1Q/802.1ad VLAN id: a number for one tag, a list (outermost first) for stacked tags. */
  vlan?: number | number[];
  type: FrameType;
  sender_ip?: string;
  sender_mac?: string;
  target_ip?: string;
  target_mac?: string;
  ip_src?: string;
  ip_dst?: string;
  ttl?: number;
  /** ICMP code: destination-unreachable codes by name ("host", "net", "port" ...), others as numbers. */
  code?: number | string;
  gateway?: string;
  orig?: string;
  summary: string;
}

export type Capture = { frames: ObservedFrame[] } | { error: string };

export interface NeighEntry {
  ip: string;
  dev: string;
  lladdr?: string;
  state: string;
}

export interface LinkEntry {
  name: string;
  kind: string;
  mode?: string;
  master?: string;
  link?: string;
  flags: string[];
  operstate: string;
  addrs: string[];
  bridge_port?: { state: string; hairpin: boolean };
  [extra: string]: unknown;
}

export interface Observation {
  format: 1;
  case?: string;
  kernel?: string;
  world?: unknown;
  setup: { exit: number; failed: { line: number; rc: number; cmd: string }[]; stderr: string[] };
  probes: ProbeResult[];
  captures: Record<string, Capture>;
  neigh: Record<string, NeighEntry[]>;
  links: Record<string, LinkEntry[]>;
  routes: Record<string, string[]>;
  fdb: Record<string, unknown[]>;
  /** Only in merged expected files. */
  runs?: number;
  unstable?: Record<string, unknown[]>;
  unstable_order_only?: string[];
}
