/**
 * Setting fields of devices and namespaces, with inline validation of what `ip`, `sysctl`
 * and `iptables` would reject.
 */
import { produce, type Draft } from 'immer';
import { parseCidr, parseIp } from '../../net/ipv4';
import { macProblem, normaliseMac } from '../names';
import type { Address, Design, Device, FirewallRule, Id, Namespace, Neighbour, Route } from '../types';
import { done, refuse, type EditResult } from './result';
import { findDevice, findNamespace } from './lookup';
import { vxlanFieldProblem } from './vxlan-fields';
import { ipTunnelFieldProblem } from './ip-tunnel-fields';

/** Fields of a device that are set directly (relations, name and addresses have their own commands). */
export type DevicePatch = Record<string, unknown>;

const PROTECTED = new Set(['id', 'kind', 'ns', 'name', 'addresses', 'master', 'parent', 'peer', 'lan']);

/** Why a value for a device field is invalid, or undefined if `ip` would take it. */
export function deviceFieldProblem(device: Device, key: string, value: unknown): string | undefined {
  if (PROTECTED.has(key)) return `${key} is changed with its own command`;
  if (value === undefined) return undefined;
  switch (key) {
    case 'mac':
      if (device.kind === 'tun') return 'a tun device carries IP packets, not Ethernet frames: it has no MAC address';
      return typeof value === 'string' ? macProblem(value) : 'a MAC is text';
    case 'alias': return typeof value === 'string' && new TextEncoder().encode(value).length < 256 ? undefined : 'an alias is text of at most 255 bytes (ip: alias too long)';
    case 'mtu': {
      const n = Number(value);
      if (!Number.isInteger(n)) return 'the MTU is a whole number of bytes';
      // ETH_MIN_MTU 68 for IPv4 devices; ETH_MAX_MTU 65535.
      if (n < 68 || n > 65535) return `MTU ${n} is out of range (68–65535)`;
      return undefined;
    }
    case 'vid': {
      const n = Number(value);
      return Number.isInteger(n) && n >= 1 && n <= 4094 ? undefined : 'a VLAN id is 1–4094';
    }
    case 'ageingTime': case 'forwardDelay': return Number(value) >= 0 ? undefined : 'seconds cannot be negative';
    case 'vlanDefaultPvid': { const n = Number(value); return Number.isInteger(n) && n >= 0 && n <= 4094 ? undefined : 'a PVID is 0–4094'; }
    case 'sourceMacs': {
      if (!Array.isArray(value)) return 'a list of MACs';
      for (const m of value) { const p = macProblem(String(m)); if (p) return p; }
      return undefined;
    }
    case 'mode':
      if (device.kind === 'macvlan' || device.kind === 'macvtap') return ['private', 'vepa', 'bridge', 'passthru', 'source'].includes(String(value)) ? undefined : `unknown macvlan mode ${String(value)}`;
      if (device.kind === 'ipvlan') return ['l2', 'l3', 'l3s'].includes(String(value)) ? undefined : `unknown ipvlan mode ${String(value)}`;
      return `${device.kind} devices have no mode`;
    default: return device.kind === 'vxlan' ? vxlanFieldProblem(key, value)
      : device.kind === 'ipip' || device.kind === 'gre' || device.kind === 'gretap' ? ipTunnelFieldProblem(device.kind, key, value) : undefined;
  }
}

/** Sets plain fields of a device (mode, MAC, MTU, up, promisc, flags, port settings …); `undefined` clears. */
export function setDeviceFields(design: Design, devId: Id, patch: DevicePatch): EditResult {
  const ref = findDevice(design, devId);
  if (!ref) return refuse(`device ${devId} does not exist`);
  for (const [k, v] of Object.entries(patch)) {
    const p = deviceFieldProblem(ref.device, k, v);
    if (p) return refuse(p);
  }
  const next = produce(design, (d) => {
    const dev = d.hosts.flatMap((h) => h.devices).find((x) => x.id === devId)! as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete dev[k];
      else dev[k] = k === 'mac' ? normaliseMac(String(v)) : k === 'sourceMacs' ? (v as string[]).map(normaliseMac) : v;
    }
  });
  return done(next);
}

/** Why `cidr` is not something `ip addr add` takes on this device, or undefined. */
export function addressProblem(device: Device, cidr: string): string | undefined {
  const c = parseCidr(cidr.trim());
  if (!c) return `"${cidr}" is not an IPv4 address with prefix (A.B.C.D/LEN)`;
  const same = device.addresses.some((a) => { const o = parseCidr(a.cidr); return o && o.addr === c.addr && o.len === c.len; });
  return same ? `${device.name} already has ${cidr} (EEXIST)` : undefined;
}

/** `ip addr add CIDR dev DEV`. */
export function addAddress(design: Design, devId: Id, address: Address): EditResult {
  const ref = findDevice(design, devId);
  if (!ref) return refuse(`device ${devId} does not exist`);
  const p = addressProblem(ref.device, address.cidr);
  if (p) return refuse(p);
  if (address.peer && !parseCidr(address.peer)) return refuse(`peer "${address.peer}" is not an IPv4 address`);
  return editDevice(design, devId, (dev) => { dev.addresses.push({ ...address, cidr: address.cidr.trim() }); });
}

/** `ip addr del` of the address at `index`. */
export function removeAddress(design: Design, devId: Id, index: number): EditResult {
  return editDevice(design, devId, (dev) => { dev.addresses.splice(index, 1); });
}

/** Sets (or clears, with undefined) a per-interface sysctl `net.ipv4.conf.<dev>.<key>`. */
export function setDeviceSysctl(design: Design, devId: Id, key: string, value: number | undefined): EditResult {
  if (value !== undefined && !Number.isInteger(value)) return refuse('a sysctl value is an integer');
  return editDevice(design, devId, (dev) => {
    const s = { ...(dev.sysctls ?? {}) };
    if (value === undefined) delete s[key]; else s[key] = value;
    if (Object.keys(s).length) dev.sysctls = s; else delete dev.sysctls;
  });
}

function editDevice(design: Design, devId: Id, fn: (dev: Draft<Device>) => void): EditResult {
  if (!findDevice(design, devId)) return refuse(`device ${devId} does not exist`);
  return done(produce(design, (d) => { fn(d.hosts.flatMap((h) => h.devices).find((x) => x.id === devId)!); }));
}

function editNamespace(design: Design, nsId: Id, fn: (ns: Draft<Namespace>) => void): EditResult {
  if (!findNamespace(design, nsId)) return refuse(`namespace ${nsId} does not exist`);
  return done(produce(design, (d) => { fn(d.hosts.flatMap((h) => h.namespaces).find((x) => x.id === nsId)!); }));
}

/** Why `ip route add` would refuse this route in namespace `nsId`, or undefined. */
export function routeProblem(design: Design, nsId: Id, route: Route): string | undefined {
  if (route.dst !== 'default' && !parseCidr(route.dst)) return `"${route.dst}" is not a destination (default or A.B.C.D/LEN)`;
  if (route.via !== undefined && parseIp(route.via) === undefined) return `gateway "${route.via}" is not an IPv4 address`;
  if (route.src !== undefined && parseIp(route.src) === undefined) return `source "${route.src}" is not an IPv4 address`;
  if (!route.via && !route.dev && (route.type ?? 'unicast') === 'unicast') return 'a route needs a gateway (via) or a device (dev)';
  if (route.dev) {
    const dev = findDevice(design, route.dev);
    if (!dev || dev.device.ns !== nsId) return 'the route\'s device must be in the same namespace (Cannot find device)';
  }
  return undefined;
}

/** `ip route add …` in namespace `nsId`. */
export function addRoute(design: Design, nsId: Id, route: Route): EditResult {
  const p = routeProblem(design, nsId, route);
  if (p) return refuse(p);
  return editNamespace(design, nsId, (ns) => { ns.routes.push(stripUndefined(route)); });
}

/** `ip route del` of the route at `index`. */
export function removeRoute(design: Design, nsId: Id, index: number): EditResult {
  return editNamespace(design, nsId, (ns) => { ns.routes.splice(index, 1); });
}

/** `ip neigh add IP lladdr MAC dev DEV nud STATE`. */
export function addNeighbour(design: Design, nsId: Id, n: Neighbour): EditResult {
  if (parseIp(n.ip) === undefined) return refuse(`"${n.ip}" is not an IPv4 address`);
  const bad = macProblem(n.lladdr);
  if (bad && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(n.lladdr)) return refuse(bad);
  const dev = findDevice(design, n.dev);
  if (!dev || dev.device.ns !== nsId) return refuse('the neighbour\'s device must be in the same namespace');
  return editNamespace(design, nsId, (ns) => { ns.neighbours.push({ ...n, lladdr: normaliseMac(n.lladdr) }); });
}

/** `ip neigh del` of the entry at `index`. */
export function removeNeighbour(design: Design, nsId: Id, index: number): EditResult {
  return editNamespace(design, nsId, (ns) => { ns.neighbours.splice(index, 1); });
}

/** Sets (or clears) a namespace-wide sysctl by its full name, e.g. `net.ipv4.ip_forward`. */
export function setSysctl(design: Design, nsId: Id, key: string, value: number | undefined): EditResult {
  if (!/^net\.[a-z0-9_.-]+$/.test(key)) return refuse(`"${key}" is not a net.* sysctl name`);
  if (value !== undefined && !Number.isInteger(value)) return refuse('a sysctl value is an integer');
  return editNamespace(design, nsId, (ns) => { if (value === undefined) delete ns.sysctls[key]; else ns.sysctls[key] = value; });
}

/** `iptables -t TABLE -A CHAIN …`. */
export function addFirewallRule(design: Design, nsId: Id, rule: FirewallRule): EditResult {
  if (rule.table === 'nat' && !['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].includes(rule.chain)) return refuse('the nat table has no FORWARD chain');
  if (rule.table === 'filter' && ['PREROUTING', 'POSTROUTING'].includes(rule.chain)) return refuse(`the filter table has no ${rule.chain} chain`);
  if (rule.target === 'MASQUERADE' && !(rule.table === 'nat' && rule.chain === 'POSTROUTING')) return refuse('MASQUERADE is only valid in the nat table, POSTROUTING chain');
  if (rule.ctstate !== undefined && rule.ctstate.length === 0) return refuse('a conntrack state match needs at least one state');
  for (const k of ['src', 'dst'] as const) {
    const v = rule[k]?.replace(/^!/, '');
    if (v && !parseCidr(v)) return refuse(`${k} "${rule[k]}" is not an address or CIDR`);
  }
  return editNamespace(design, nsId, (ns) => { ns.firewall.push(stripUndefined(rule)); });
}

/** Deletes the firewall rule at `index`. */
export function removeFirewallRule(design: Design, nsId: Id, index: number): EditResult {
  return editNamespace(design, nsId, (ns) => { ns.firewall.splice(index, 1); });
}

/** `iptables -t TABLE -P CHAIN POLICY`; ACCEPT is the default and is not stored. */
export function setPolicy(design: Design, nsId: Id, tableChain: string, policy: 'ACCEPT' | 'DROP'): EditResult {
  return editNamespace(design, nsId, (ns) => {
    const p = { ...(ns.policies ?? {}) };
    if (policy === 'ACCEPT') delete p[tableChain]; else p[tableChain] = policy;
    if (Object.keys(p).length) ns.policies = p; else delete ns.policies;
  });
}

/** Commits canvas positions (one undo step per drag). */
export function setPositions(design: Design, positions: Record<Id, { x: number; y: number }>): EditResult {
  return done(produce(design, (d) => {
    for (const [id, p] of Object.entries(positions)) {
      const next = { x: Math.round(p.x), y: Math.round(p.y) };
      const cur = d.layout.positions[id];
      // Unchanged positions are left alone, so a no-op commit is not an undo step.
      if (!cur || cur.x !== next.x || cur.y !== next.y) d.layout.positions[id] = next;
    }
  }));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** Sets the design's title or notes (empty text clears them). */
export function setDesignInfo(design: Design, info: { title?: string; notes?: string }): EditResult {
  return done(produce(design, (d) => {
    for (const key of ['title', 'notes'] as const) {
      const v = info[key];
      if (v === undefined) continue;
      if (v.trim()) d[key] = v; else delete d[key];
    }
  }));
}

/** Records a container's size after the user resized it (containers still grow to fit children). */
export function setSize(design: Design, id: Id, size: { width: number; height: number }): EditResult {
  return done(produce(design, (d) => {
    d.layout.sizes ??= {};
    d.layout.sizes[id] = { width: Math.round(size.width), height: Math.round(size.height) };
  }));
}
