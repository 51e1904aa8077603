/**
 * User-like editing sessions: random sequences of the same editing commands the canvas and
 * the inspector call (src/core/model/edit), drawn with fast-check. A session is a list of
 * abstract steps whose choices ("the third device", "the second namespace") are resolved
 * against the design as it is when the step runs, so any subset of a session is still a
 * session: fast-check's shrinking and the ddmin minimiser can drop steps freely.
 *
 * Names are drawn the way people type them: the palette's defaults (`macvlan0` in every
 * namespace), `eth0` in every namespace, iproute2 keywords, 15-byte names and names with
 * `@`, `.`, `-` and non-ASCII characters. A refused edit is skipped, as the UI shows the
 * refusal and leaves the design alone. Undo and redo revert to earlier documents, as the
 * store's history (zundo) does.
 */
import fc from 'fast-check';
import { emptyDesign, IdAllocator } from '../model/design';
import {
  addAddress, addDevice, addLanAt, addMachine, addNamespaceTo, addRoute, connect, deleteObjects, duplicate,
  moveDevice, rename, setDeviceFields, setSysctl, type EditResult, type PaletteDeviceKind, type Relation,
} from '../model/edit';
import type { Design, Device, Host, Id } from '../model/types';

/** One step of a session; numbers pick among the candidates present when it runs. */
export type EditStep =
  | { op: 'namespace' }
  /** Drop from the palette; `wire` then drags the new child's wire to a lower device. */
  | { op: 'device'; kind: PaletteDeviceKind; ns: number; wire?: number; addr?: number }
  | { op: 'lan' }
  /** An external machine; `wire` plugs its NIC into a LAN segment, `addr` gives it an address. */
  | { op: 'external'; wire?: number; addr?: number }
  | { op: 'connect'; relation: Relation; a: number; b: number }
  | { op: 'move'; dev: number; ns: number }
  | { op: 'rename'; target: number; name: string }
  | { op: 'duplicate'; target: number }
  | { op: 'delete'; target: number }
  | { op: 'field'; dev: number; field: number; value: number }
  | { op: 'address'; dev: number; subnet: number; host: number; len: number }
  | { op: 'route'; ns: number; kind: number; dev: number; subnet: number; gw: number }
  | { op: 'sysctl'; ns: number; key: number; value: number }
  | { op: 'undo'; steps: number }
  | { op: 'redo' };

/** Names as people type them (each valid for the kernel, `dev_valid_name` and the sysctl tree). */
export const USER_NAMES = [
  'eth0', 'eth0', 'eth1', 'veth0', 'veth1', 'br0', 'macvlan0', 'lan', 'wan', 'uplink',
  // iproute2 keywords: read as keywords unless written after `name` / `dev`
  'br', 'help', 'up', 'down', 'dev', 'name', 'type', 'link', 'master', 'address', 'netns', 'mode', 'peer', 'via', 'brd', 'mtu',
  // 15 bytes, the kernel's limit
  'abcdefghijklmno', 'veth-ns1-eth012', 'é1234567890123',
  // punctuation and non-ASCII bytes the kernel accepts
  'eth0.10', 'mac@eth0', 'br-lan', 'a.b-c@d', 'ü0', 'réseau', 'ñ-1', '网卡0',
] as const;

/** Namespace names people give (all single words, so probes can name them). */
export const NS_NAMES = ['ns1', 'ns2', 'red', 'blue', 'help', 'br', 'up', 'dev', 'name', 'ctr-1.a', 'ü-ns'] as const;

const SUBNETS = ['10.0.0', '10.0.1', '192.168.0'] as const;
const LENS = [24, 24, 24, 25, 30, 32] as const;

const ALL_KINDS: PaletteDeviceKind[] = ['veth', 'veth', 'bridge', 'macvlan', 'macvlan', 'macvtap', 'ipvlan', 'vlan', 'tap', 'tun', 'dummy', 'physical'];

export interface SessionOptions {
  /** Palette kinds the session may add (e.g. only those the running kernel has). */
  kinds?: readonly PaletteDeviceKind[];
  /** Upper bound on the number of steps (default 30). */
  maxSteps?: number;
}

/** The fast-check arbitrary of one step. */
export function stepArbitrary(kinds: readonly PaletteDeviceKind[]): fc.Arbitrary<EditStep> {
  const n = fc.nat({ max: 1000 });
  const usable = ALL_KINDS.filter((k) => kinds.includes(k));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<EditStep>({ op: 'namespace' }) },
    { weight: 9, arbitrary: fc.record({ op: fc.constant('device' as const), kind: fc.constantFrom(...usable), ns: n, wire: n, addr: n }, { requiredKeys: ['op', 'kind', 'ns'] }) },
    { weight: 2, arbitrary: fc.constant<EditStep>({ op: 'lan' }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('external' as const), wire: n, addr: n }, { requiredKeys: ['op'] }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('connect' as const), relation: fc.constantFrom<Relation>('parent', 'parent', 'master', 'lan'), a: n, b: n }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('move' as const), dev: n, ns: n }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('rename' as const), target: n, name: fc.oneof(fc.constantFrom(...USER_NAMES), fc.constantFrom(...NS_NAMES)) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), target: n }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), target: n }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('field' as const), dev: n, field: n, value: n }) },
    { weight: 7, arbitrary: fc.record({ op: fc.constant('address' as const), dev: n, subnet: fc.nat({ max: SUBNETS.length - 1 }), host: fc.integer({ min: 1, max: 6 }), len: fc.nat({ max: LENS.length - 1 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('route' as const), ns: n, kind: n, dev: n, subnet: fc.nat({ max: SUBNETS.length - 1 }), gw: fc.integer({ min: 1, max: 6 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('sysctl' as const), ns: n, key: n, value: fc.nat({ max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), steps: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.constant<EditStep>({ op: 'redo' }) },
  );
}

/** The fast-check arbitrary of a whole session. */
export function sessionArbitrary(opts: SessionOptions = {}): fc.Arbitrary<EditStep[]> {
  return fc.array(stepArbitrary(opts.kinds ?? ALL_KINDS), { minLength: 1, maxLength: opts.maxSteps ?? 30 });
}

/** `count` sessions for a fixed seed: the same sessions on every run. */
export function sampleSessions(seed: number, count: number, opts: SessionOptions = {}): EditStep[][] {
  return fc.sample(sessionArbitrary(opts), { seed, numRuns: count });
}

/** What a session did: the final design and, per step, whether the edit was taken. */
export interface SessionResult {
  design: Design;
  applied: boolean[];
}

const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

function designed(d: Design): Host | undefined {
  return d.hosts.find((h) => h.role === 'host');
}

/** Every device of every machine except loopbacks (which the canvas does not let one drag). */
function devices(d: Design): Device[] {
  return d.hosts.flatMap((h) => h.devices.filter((x) => x.kind !== 'loopback'));
}

/** The inspector fields a step can set on `dev`, as patches (one list per device kind). */
function fieldPatches(dev: Device, value: number): Record<string, unknown>[] {
  const mac = `02:00:00:00:${(0x10 + (value % 200)).toString(16).padStart(2, '0')}:${(value % 97).toString(16).padStart(2, '0')}`;
  const common: Record<string, unknown>[] = [
    { up: !dev.up }, { up: true }, { mtu: [1280, 1400, 1500, 9000][value % 4] }, { mtu: undefined },
    { mac }, { promisc: value % 2 === 0 ? true : undefined }, { alias: ['uplink', 'to peer', "it's"][value % 3] },
  ];
  switch (dev.kind) {
    case 'macvlan': case 'macvtap':
      return [...common, { mode: ['private', 'vepa', 'bridge', 'bridge', 'passthru', 'source'][value % 6] }, { nopromisc: value % 2 ? true : undefined }, { nodst: value % 2 ? true : undefined }, { sourceMacs: [mac] }];
    case 'ipvlan':
      return [...common, { mode: ['l2', 'l3', 'l3s'][value % 3] }, { flag: ['bridge', 'private', 'vepa'][value % 3] }];
    case 'vlan':
      return [...common, { vid: [10, 20, 100, 4094][value % 4] }, { protocol: value % 2 ? '802.1ad' : undefined }];
    case 'bridge':
      return [...common, { stp: value % 2 ? true : undefined }, { ageingTime: [0, 30, 300][value % 3] }, { forwardDelay: [2, 4, 15][value % 3] }];
    case 'tap': case 'tun':
      return [...common, { attached: value % 2 ? true : undefined }];
    case 'physical':
      return [...common, { lanHairpin: value % 2 ? true : undefined }];
    default:
      return dev.master ? [...common, { port: { hairpin: value % 2 === 0 ? true : undefined, learning: value % 3 === 0 ? false : undefined } }] : common;
  }
}

/** Where the palette drops things: positions only matter to the layout, so they are fixed. */
const AT = { x: 40, y: 40 };

function apply(d: Design, s: EditStep): EditResult | undefined {
  const ids = new IdAllocator(d);
  const host = designed(d);
  if (!host) return undefined;
  const nss = host.namespaces;
  const devs = devices(d);
  switch (s.op) {
    case 'namespace': return addNamespaceTo(d, host.id, AT, ids);
    case 'device': {
      const r = addDevice(d, s.kind, at(nss, s.ns)!.id, AT, ids);
      if (!r.ok) return r;
      let next = r.design;
      const made = r.created[0];
      if (s.wire !== undefined && 'parent' in devices(next).find((x) => x.id === made)!) {
        const lower = at(devices(next).filter((x) => x.id !== made && !('parent' in x) && x.kind !== 'bridge'), s.wire);
        const c = lower ? connect(next, made, lower.id, 'parent') : undefined;
        if (c?.ok) next = c.design;
      }
      if (s.addr !== undefined) {
        const a = addAddress(next, made, { cidr: `${SUBNETS[s.addr % SUBNETS.length]}.${10 + (s.addr % 40)}/24` });
        if (a.ok) next = a.design;
      }
      return { ok: true, design: next, created: r.created };
    }
    case 'lan': return addLanAt(d, AT, ids);
    case 'external': {
      const r = addMachine(d, 'external', AT, ids);
      if (!r.ok) return r;
      let next = r.design;
      const nic = next.hosts.find((h) => h.id === r.created[0])!.devices.find((x) => x.kind === 'physical')!;
      // wired: its NIC into a LAN segment (a new one if there is none), and the machine's
      // first NIC into the same segment unless one is already there, as a user joins the two
      if (s.wire !== undefined) {
        if (!next.lans.length) {
          const l = addLanAt(next, AT, new IdAllocator(next));
          if (l.ok) next = l.design;
        }
        const lan = at(next.lans, s.wire)!;
        const c = connect(next, nic.id, lan.id, 'lan');
        if (c.ok) next = c.design;
        const mine = designed(next)!.devices.filter((x) => x.kind === 'physical');
        if (mine.length && !mine.some((x) => x.kind === 'physical' && x.lan === lan.id)) {
          const p = connect(next, mine[0].id, lan.id, 'lan');
          if (p.ok) next = p.design;
        }
      }
      if (s.addr !== undefined) {
        const a = addAddress(next, nic.id, { cidr: `${SUBNETS[s.addr % SUBNETS.length]}.${100 + (s.addr % 50)}/24` });
        if (a.ok) next = a.design;
      }
      return { ok: true, design: next, created: r.created };
    }
    case 'connect': {
      if (s.relation === 'lan') {
        const nic = at(devs.filter((x) => x.kind === 'physical'), s.a);
        const lan = at(d.lans, s.b);
        return nic && lan ? connect(d, nic.id, lan.id, 'lan') : undefined;
      }
      const wanted = s.relation === 'parent' ? devs.filter((x) => 'parent' in x) : devs.filter((x) => x.kind !== 'bridge');
      const a = at(wanted, s.a);
      const others = s.relation === 'parent' ? devs : devs.filter((x) => x.kind === 'bridge');
      const b = at(others, s.b);
      return a && b ? connect(d, a.id, b.id, s.relation) : undefined;
    }
    case 'move': {
      const dev = at(host.devices.filter((x) => x.kind !== 'loopback'), s.dev);
      return dev ? moveDevice(d, dev.id, at(nss, s.ns)!.id) : undefined;
    }
    case 'rename': {
      const targets: Id[] = [...devs.map((x) => x.id), ...nss.filter((n) => !n.root).map((n) => n.id)];
      const id = at(targets, s.target);
      return id ? rename(d, id, s.name) : undefined;
    }
    case 'duplicate': {
      const targets: Id[] = [...host.devices.filter((x) => x.kind !== 'loopback').map((x) => x.id), ...nss.filter((n) => !n.root).map((n) => n.id)];
      const id = at(targets, s.target);
      return id ? duplicate(d, [id], ids) : undefined;
    }
    case 'delete': {
      const targets: Id[] = [...devs.map((x) => x.id), ...nss.filter((n) => !n.root).map((n) => n.id), ...d.lans.map((l) => l.id)];
      const id = at(targets, s.target);
      return id ? deleteObjects(d, [id]) : undefined;
    }
    case 'field': {
      const dev = at(devs, s.dev);
      if (!dev) return undefined;
      const patch = at(fieldPatches(dev, s.value), s.field)!;
      if ('port' in patch && !dev.master) return undefined;
      return setDeviceFields(d, dev.id, patch);
    }
    case 'address': {
      const dev = at(devs, s.dev);
      if (!dev) return undefined;
      const cidr = `${SUBNETS[s.subnet]}.${s.host}/${LENS[s.len]}`;
      return addAddress(d, dev.id, { cidr });
    }
    case 'route': {
      const ns = at(nss, s.ns)!;
      const inNs = host.devices.filter((x) => x.ns === ns.id && x.kind !== 'loopback');
      const dev = at(inNs, s.dev);
      const subnet = SUBNETS[s.subnet];
      const kinds = [
        { dst: 'default', via: `${subnet}.${s.gw}` },
        { dst: `${subnet}.0/24`, dev: dev?.id },
        { dst: `${subnet}.${s.gw}/32`, dev: dev?.id },
        { dst: 'default', dev: dev?.id },
      ];
      const route = at(kinds, s.kind)!;
      if ('dev' in route && !route.dev) return undefined;
      return addRoute(d, ns.id, route);
    }
    case 'sysctl': {
      const ns = at(nss, s.ns)!;
      const key = at(['net.ipv4.ip_forward', 'net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.all.arp_ignore', 'net.ipv4.conf.all.proxy_arp'], s.key)!;
      if (s.key % 5 === 4) {
        const lo = host.devices.find((x) => x.ns === ns.id && x.kind === 'loopback');
        return lo ? setDeviceFields(d, lo.id, { up: s.value === 1 }) : undefined;
      }
      return setSysctl(d, ns.id, key, s.value);
    }
    case 'undo': case 'redo':
      return undefined;
  }
}

/**
 * Plays a session from a fresh design with one designed machine (the app's starting point),
 * keeping the undo history as the store does: an edit pushes the document it replaced, undo
 * steps back, redo forward, and a new edit forgets what was undone.
 */
export function playSession(steps: readonly EditStep[]): SessionResult {
  const start = addMachine(emptyDesign(), 'host', { x: 0, y: 0 }, new IdAllocator());
  if (!start.ok) throw new Error(start.reason);
  let design = start.design;
  const past: Design[] = [];
  let future: Design[] = [];
  const applied: boolean[] = [];
  for (const s of steps) {
    if (s.op === 'undo') {
      const n = Math.min(s.steps, past.length);
      for (let i = 0; i < n; i++) { future.push(design); design = past.pop()!; }
      applied.push(n > 0);
      continue;
    }
    if (s.op === 'redo') {
      const next = future.pop();
      if (next) { past.push(design); design = next; }
      applied.push(!!next);
      continue;
    }
    const r = apply(design, s);
    if (!r || !r.ok || r.design === design) { applied.push(false); continue; }
    past.push(design);
    future = [];
    design = r.design;
    applied.push(true);
  }
  return { design, applied };
}
