/**
 * The structure of the current design document (types.ts) as a zod schema. It checks shape
 * and value types only; meaning (references, kernel rules) is `validate`'s job. Objects are
 * loose so fields added to the format later survive a load/save round trip.
 */
import { z } from 'zod/mini';
import {
  DESIGN_FORMAT, DESIGN_VERSION, DEVICE_KINDS, MACVLAN_MODES,
} from './types';
import { bondShape, vrfShape } from './schema-bond-vrf';

const id = z.string().check(z.minLength(1));
const int = z.number().check(z.int());
const nonNegInt = z.number().check(z.int(), z.minimum(0));

const address = z.looseObject({
  cidr: z.string(),
  peer: z.optional(z.string()),
  noprefixroute: z.optional(z.boolean()),
});

const portSettings = z.looseObject({
  hairpin: z.optional(z.boolean()),
  learning: z.optional(z.boolean()),
  flood: z.optional(z.boolean()),
  isolated: z.optional(z.boolean()),
  vlans: z.optional(z.array(z.looseObject({
    vid: int, pvid: z.optional(z.boolean()), untagged: z.optional(z.boolean()),
  }))),
});

const common = {
  id,
  name: z.string(),
  ns: id,
  up: z.boolean(),
  mac: z.optional(z.string()),
  mtu: z.optional(int),
  promisc: z.optional(z.boolean()),
  alias: z.optional(z.string()),
  addresses: z.array(address),
  master: z.optional(id),
  port: z.optional(portSettings),
  sysctls: z.optional(z.record(z.string(), int)),
  ifindex: z.optional(int),
  linkWatchOper: z.optional(z.enum(['DOWN', 'LOWERLAYERDOWN'])),
};

const device = z.discriminatedUnion('kind', [
  z.looseObject({ ...common, kind: z.literal('physical'), lan: z.optional(id), lanHairpin: z.optional(z.boolean()) }),
  z.looseObject({ ...common, kind: z.literal('loopback') }),
  z.looseObject({ ...common, kind: z.literal('veth'), peer: id }),
  z.looseObject({
    ...common, kind: z.literal('bridge'), stp: z.optional(z.boolean()), ageingTime: z.optional(nonNegInt),
    forwardDelay: z.optional(nonNegInt), vlanFiltering: z.optional(z.boolean()), vlanDefaultPvid: z.optional(int),
  }),
  z.looseObject({
    ...common, kind: z.enum(['macvlan', 'macvtap']), parent: id, mode: z.enum(MACVLAN_MODES as [string, ...string[]]),
    sourceMacs: z.optional(z.array(z.string())), nopromisc: z.optional(z.boolean()), nodst: z.optional(z.boolean()),
  }),
  z.looseObject({ ...common, kind: z.literal('ipvlan'), parent: id, mode: z.enum(['l2', 'l3', 'l3s']), flag: z.enum(['bridge', 'private', 'vepa']) }),
  z.looseObject({ ...common, kind: z.literal('vlan'), parent: id, vid: int, protocol: z.optional(z.enum(['802.1Q', '802.1ad'])) }),
  z.looseObject({ ...common, kind: z.enum(['tap', 'tun']), attached: z.optional(z.boolean()) }),
  z.looseObject({ ...common, kind: z.literal('dummy') }),
  bondShape(common),
  vrfShape(common),
  z.looseObject({
    ...common, kind: z.enum(['ipip', 'gre', 'gretap']), local: z.optional(z.string()), remote: z.optional(z.string()),
    ttl: z.optional(int), ikey: z.optional(int), okey: z.optional(int), underlay: z.optional(id), pmtudisc: z.optional(z.boolean()),
  }),
  z.looseObject({
    ...common, kind: z.literal('vxlan'), vni: int, dstport: z.optional(int), local: z.optional(z.string()),
    remote: z.optional(z.string()), group: z.optional(z.string()), underlay: z.optional(id),
    learning: z.optional(z.boolean()), proxy: z.optional(z.boolean()), ttl: z.optional(int),
    fdb: z.optional(z.array(z.looseObject({ mac: z.string(), dst: z.string() }))),
  }),
]);

const route = z.looseObject({
  dst: z.string(),
  via: z.optional(z.string()),
  dev: z.optional(id),
  src: z.optional(z.string()),
  metric: z.optional(nonNegInt),
  onlink: z.optional(z.boolean()),
  type: z.optional(z.enum(['unicast', 'blackhole', 'unreachable', 'prohibit'])),
  scope: z.optional(z.enum(['global', 'link', 'host'])),
});

const neighbour = z.looseObject({
  ip: z.string(), lladdr: z.string(), dev: id, state: z.enum(['permanent', 'noarp', 'reachable', 'stale']),
});

const firewallRule = z.looseObject({
  table: z.enum(['filter', 'nat']),
  chain: z.enum(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']),
  target: z.enum(['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE', 'DNAT', 'SNAT', 'REDIRECT']),
  proto: z.optional(z.enum(['all', 'icmp', 'tcp', 'udp'])),
  src: z.optional(z.string()),
  dst: z.optional(z.string()),
  in: z.optional(z.string()),
  out: z.optional(z.string()),
  rejectWith: z.optional(z.string()),
  ctstate: z.optional(z.array(z.enum(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED']))),
  ctstateNeg: z.optional(z.boolean()),
  dport: z.optional(z.string()),
  sport: z.optional(z.string()),
  toDestination: z.optional(z.string()),
  toSource: z.optional(z.string()),
  toPorts: z.optional(z.string()),
});

const listener = z.looseObject({
  proto: z.enum(['tcp', 'udp']),
  port: int,
  family: z.optional(z.enum(['inet'])),
  keep: z.optional(z.boolean()),
});

const namespace = z.looseObject({
  id,
  name: z.string(),
  root: z.optional(z.boolean()),
  routes: z.array(route),
  neighbours: z.array(neighbour),
  sysctls: z.record(z.string(), int),
  firewall: z.array(firewallRule),
  policies: z.optional(z.record(z.string(), z.enum(['ACCEPT', 'DROP']))),
  listeners: z.optional(z.array(listener)),
});

const host = z.looseObject({
  id,
  name: z.string(),
  role: z.enum(['host', 'external']),
  namespaces: z.array(namespace),
  devices: z.array(device),
});

const point = z.looseObject({ x: z.number(), y: z.number() });
const size = z.looseObject({ width: z.number(), height: z.number() });

/** Schema of a version-`DESIGN_VERSION` design document. */
export const designSchema = z.looseObject({
  format: z.literal(DESIGN_FORMAT),
  version: z.literal(DESIGN_VERSION),
  title: z.optional(z.string()),
  notes: z.optional(z.string()),
  hosts: z.array(host),
  lans: z.array(z.looseObject({ id, name: z.string() })),
  layout: z.looseObject({
    positions: z.record(z.string(), point),
    sizes: z.optional(z.record(z.string(), size)),
  }),
  tests: z.optional(z.array(z.looseObject({
    id,
    probe: z.string(),
    expect: z.optional(z.enum(['reply', 'no-reply'])),
    origin: z.optional(z.enum(['script', 'example', 'lab', 'user'])),
    line: z.optional(int),
    afterStep: z.optional(int),
    label: z.optional(z.string()),
  }))),
  lab: z.optional(z.looseObject({
    task: z.string(),
    goals: z.array(z.string()),
    faults: z.optional(z.array(z.looseObject({ kind: z.string(), target: z.optional(z.string()), description: z.string() }))),
  })),
});

/** The device kinds, re-exported for messages. */
export const KNOWN_KINDS = DEVICE_KINDS;
