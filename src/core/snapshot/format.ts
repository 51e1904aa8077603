/**
 * The snapshot file (`vnetlab snapshot`, version 1): what `ip`, `bridge`, `sysctl` and
 * `iptables-save` print for every network namespace of a machine, kept as the tools print it
 * (their own JSON) so that the file is a faithful record and the importer, not the collector,
 * decides what the design can hold. Described in docs/snapshot-format.md.
 */
import { z } from 'zod';

export const SNAPSHOT_FORMAT = 'vnetlab-snapshot';
export const SNAPSHOT_VERSION = 1;

/** The sections each namespace has, in the order the collector runs them. */
export const SECTIONS = ['link', 'addr', 'route', 'neigh', 'fdb', 'vlan', 'brlink', 'nsid'] as const;
export type Section = (typeof SECTIONS)[number];

const num = z.number().int();
const flags = z.array(z.string()).default([]);

export const LinkSchema = z.looseObject({
  ifindex: num,
  ifname: z.string(),
  link: z.string().nullish(),
  link_index: num.optional(),
  link_netnsid: num.optional(),
  flags,
  mtu: num.optional(),
  master: z.string().optional(),
  operstate: z.string().optional(),
  link_type: z.string().optional(),
  address: z.string().optional(),
  qdisc: z.string().optional(),
  linkinfo: z.looseObject({
    info_kind: z.string().optional(),
    info_data: z.record(z.string(), z.unknown()).optional(),
    info_slave_kind: z.string().optional(),
    info_slave_data: z.record(z.string(), z.unknown()).optional(),
  }).optional(),
});
export type SnapLink = z.infer<typeof LinkSchema>;

export const AddrSchema = z.looseObject({
  ifindex: num.optional(),
  ifname: z.string(),
  addr_info: z.array(z.looseObject({
    family: z.string(),
    local: z.string(),
    prefixlen: num,
    broadcast: z.string().optional(),
    scope: z.string().optional(),
    label: z.string().optional(),
    dynamic: z.boolean().optional(),
  })).default([]),
});

export const RouteSchema = z.looseObject({
  type: z.string().optional(),
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  table: z.string().optional(),
  protocol: z.string().optional(),
  scope: z.string().optional(),
  prefsrc: z.string().optional(),
  metric: num.optional(),
  flags,
  nexthops: z.array(z.unknown()).optional(),
});

export const NeighSchema = z.looseObject({
  dst: z.string(),
  dev: z.string(),
  lladdr: z.string().optional(),
  state: flags,
});

export const FdbSchema = z.looseObject({
  mac: z.string(),
  ifname: z.string(),
  vlan: num.optional(),
  master: z.string().optional(),
  dst: z.string().optional(),
  state: z.string().optional(),
  flags,
});

export const VlanSchema = z.looseObject({
  ifname: z.string(),
  vlans: z.array(z.looseObject({ vlan: num, vlanEnd: num.optional(), flags })).default([]),
});

export const BrLinkSchema = z.looseObject({ ifname: z.string(), master: z.string().optional(), hairpin: z.boolean().optional() });

export const NsidSchema = z.looseObject({ nsid: num, name: z.string().optional() });

export const NamespaceSchema = z.object({
  /** "" for the machine's own namespace; the `ip netns` name; or PROCESS-PID for a process's. */
  name: z.string(),
  kind: z.enum(['root', 'netns', 'process']),
  /** For kind "process": the process whose namespace this is. */
  pid: num.optional(),
  comm: z.string().optional(),
  link: z.array(LinkSchema).default([]),
  addr: z.array(AddrSchema).default([]),
  route: z.array(RouteSchema).default([]),
  neigh: z.array(NeighSchema).default([]),
  fdb: z.array(FdbSchema).default([]),
  vlan: z.array(VlanSchema).default([]),
  brlink: z.array(BrLinkSchema).default([]),
  nsid: z.array(NsidSchema).default([]),
  /** `net.ipv4.ip_forward` → "1", as /proc/sys holds it. */
  sysctl: z.record(z.string(), z.string()).default({}),
  /** `iptables-save` output, verbatim ("" when no table is loaded or it could not run). */
  iptables: z.string().default(''),
  /** Sections that could not be read (no permission, tool missing) → the tool's message. */
  unreadable: z.record(z.string(), z.string()).default({}),
});
export type SnapNamespace = z.infer<typeof NamespaceSchema>;

export const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  kernel: z.string().optional(),
  namespaces: z.array(NamespaceSchema).min(1),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
