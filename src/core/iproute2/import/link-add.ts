/**
 * `ip link add`: creating veth, bridge, macvlan/macvtap, ipvlan, vlan, dummy and vxlan devices
 * with the kernel's refusals (kernel-behaviour.md §0.3, 1.1, 1.9, 2.1, 4.1).
 */
import type {
  Address, Device, Host, IpvlanFlag, IpvlanMode, MacvlanDevice, MacvlanMode, Namespace,
} from '../../model/types';
import { MACVLAN_MODES } from '../../model/types';
import { parseUint } from './args';
import { childrenOf } from './kernel';
import { nameRefused, parseLinkArgs, type LinkRequest } from './link-parse';
import { applyLinkSettings } from './link-settings';
import { applyBridgeOptions } from './link-type-options';
import type { ImportState, Scope } from './state';
import { makeVxlan } from './vxlan';
import { makeBond, makeVrf } from './bond-vrf';
import { makeIpTunnel } from './ip-tunnel';
import { fallbackTaken } from './ip-tunnel-fallback';
import { isIpTunnelKind } from '../../model/tunnel-types';

const RTNL = 'RTNETLINK answers: ';
const UNMODELLED_KINDS = new Set(['geneve', 'team', 'sit', 'ifb', 'wireguard', 'macsec', 'netkit', 'vti', 'erspan', 'nlmon', 'can', 'xfrm', 'bareudp', 'ipvtap', 'hsr', 'batadv']);

/** dev_alloc_name: the lowest free number for a `name%d` pattern in `ns` (`taken`: a name being registered too). */
function freeName(host: Host, ns: Namespace, pattern: string, taken?: string): string {
  for (let k = 0; ; k++) {
    const n = pattern.replace('%d', String(k));
    if (n !== taken && !host.devices.some((d) => d.ns === ns.id && d.name === n)) return n;
  }
}

/** `ip link add …` in `scope`. Returns false when the command is refused. */
export function linkAdd(st: ImportState, scope: Scope, argv: string[]): boolean {
  const req = parseLinkArgs(argv);
  if (req.error) return st.fail(req.error === 'help' ? 'ip link help is not a configuration command' : req.error);
  if (!req.type) return st.fail('Not enough information: "type" argument is required');
  const kind = req.type;
  if (UNMODELLED_KINDS.has(kind)) {
    st.warn(`"${kind}" devices are not modelled; "${req.name ?? req.dev}" is not created`, 'unmodelled-kind');
    return true;
  }
  let target = scope;
  if (req.netns !== undefined) {
    const t = st.netnsTarget(req.netns);
    if (!t) return st.fail(`Error: argument "${req.netns}" is wrong: Invalid "netns" value`);
    if (t.host !== scope.host) {
      st.warn(`creating a device directly in machine "${t.host.name}" from another machine is not modelled`);
      return true;
    }
    target = t;
  }
  const kindPattern: Record<string, string> = { veth: 'veth%d', bridge: 'bridge%d', macvlan: 'macvlan%d', macvtap: 'macvtap%d', ipvlan: 'ipvlan%d', vlan: 'vlan%d', dummy: 'dummy%d', vxlan: 'vxlan%d', bond: 'bond%d', vrf: 'vrf%d', ipip: 'tunl%d', gre: 'gre%d', gretap: 'gretap%d' };
  if (!kindPattern[kind]) {
    if (kind === 'tun' || kind === 'tap') return st.fail(`${RTNL}Operation not supported (use "ip tuntap add")`);
    return st.fail(`Error: Unknown device type "${kind}".`, 'unknown-kind');
  }
  const given = req.name ?? req.dev;
  const pattern = given === undefined ? kindPattern[kind] : given.includes('%d') ? given : undefined;
  // A veth's peer is registered first (veth_newlink), so an unnamed end is numbered after it.
  const name = pattern === undefined ? given! : kind === 'veth' ? pattern : freeName(target.host, target.ns, pattern);
  if (pattern === undefined && nameRefused(st, name)) return false;
  let parent: Device | undefined;
  if (req.link !== undefined) {
    parent = st.device(scope, req.link);
    if (!parent) return st.fail(`Cannot find device "${req.link}"`, 'no-such-device');
  }
  if (st.device(target, name) || fallbackTaken(target.host, kind, name)) return st.fail(`${RTNL}File exists`, 'exists');
  const base: Base = { id: '', name, ns: target.ns.id, up: false, addresses: [] };
  let created: Device[] | undefined;
  switch (kind) {
    case 'veth': created = makeVeth(st, scope, target, base, req); break;
    case 'bridge': {
      const br: Device = { ...base, id: st.ids.take('d'), kind: 'bridge' };
      if (!applyBridgeOptions(st, br, req.typeArgs)) return false;
      created = [br];
      break;
    }
    case 'dummy': created = [{ ...base, id: st.ids.take('d'), kind: 'dummy' }]; break;
    case 'macvlan': case 'macvtap': created = makeMacvlan(st, scope.host, base, kind, parent, req.typeArgs); break;
    case 'ipvlan': created = makeIpvlan(st, scope.host, base, parent, req.typeArgs); break;
    case 'vlan': created = makeVlan(st, scope.host, base, parent, req.typeArgs); break;
    case 'vxlan': created = makeVxlan(st, target, scope.host, base, req.typeArgs); break;
    case 'bond': created = makeBond(st, target, base, req.typeArgs); break;
    case 'vrf': created = makeVrf(st, base, req.typeArgs); break;
    default: if (isIpTunnelKind(kind)) created = makeIpTunnel(st, target, scope.host, base, kind, req.typeArgs);
  }
  if (!created) return false;
  target.host.devices.push(...created);
  for (const d of created) st.touch(d.id, d.ns);
  const dev = created[0];
  // The generic attributes (`address`, `mtu`, `master`, `up` …) apply as `ip link set` would.
  const settings: LinkRequest = { ...req, name: undefined, netns: undefined, type: undefined, typeArgs: [] };
  return applyLinkSettings(st, target, dev, settings, true);
}

type Base = { id: string; name: string; ns: string; up: boolean; addresses: Address[] };

function makeVeth(st: ImportState, scope: Scope, target: Scope, base: Base, req: LinkRequest): Device[] | undefined {
  const args = req.typeArgs;
  let peerName: string | undefined;
  // veth_newlink: without a `peer …` section the peer is made from the device's own attributes,
  // so it lands in the device's netns (`ip link add foo netns A type veth` puts both ends in A);
  // with one, the peer is made where the command runs unless it names its own netns.
  let peerNs = args.length ? scope.ns : target.ns;
  if (args.length && args[0] !== 'peer') {
    st.fail(`Error: argument "${args[0]}" is wrong: unknown veth option (expected "peer")`);
    return undefined;
  }
  const peerReq = args.length ? parseLinkArgs(args.slice(1)) : undefined;
  if (peerReq?.error) { st.fail(peerReq.error); return undefined; }
  peerName = peerReq?.name ?? peerReq?.dev;
  if (peerReq?.netns !== undefined) {
    const t = st.netnsTarget(peerReq.netns);
    if (!t) { st.fail(`Error: argument "${peerReq.netns}" is wrong: Invalid "netns" value`); return undefined; }
    if (t.host !== scope.host) { st.warn(`a veth end in machine "${t.host.name}" is not modelled`); return undefined; }
    peerNs = t.ns;
  }
  peerName ??= freeName(scope.host, peerNs, 'veth%d');
  if (nameRefused(st, peerName)) return undefined;
  if (base.name.includes('%d')) base.name = freeName(scope.host, target.ns, base.name, peerNs.id === target.ns.id ? peerName : undefined);
  if (st.device({ host: scope.host, ns: peerNs }, peerName) || (peerNs.id === target.ns.id && peerName === base.name)) {
    st.fail(`${RTNL}File exists`, 'exists');
    return undefined;
  }
  const a = st.ids.take('d');
  const b = st.ids.take('d');
  const end: Device = { ...base, id: a, kind: 'veth', peer: b };
  const peer: Device = { id: b, name: peerName, ns: peerNs.id, up: false, addresses: [], kind: 'veth', peer: a };
  if (peerReq?.address) peer.mac = peerReq.address.toLowerCase();
  if (peerReq?.mtu && parseUint(peerReq.mtu)) peer.mtu = parseUint(peerReq.mtu);
  // without a peer section the peer is built from the device's attributes: its mtu too (not its MAC)
  if (!peerReq && req.mtu && parseUint(req.mtu)) peer.mtu = parseUint(req.mtu);
  return [end, peer];
}

/** The lower device a child really attaches to and whether it may (§0.3, 1.1, 2.1). */
function lowerFor(st: ImportState, host: Host, parent: Device | undefined, kind: string): Device | undefined {
  if (!parent) {
    st.fail(`${RTNL}Invalid argument (a ${kind} needs "link PARENT")`);
    return undefined;
  }
  let lower = parent;
  if ((kind === 'macvlan' || kind === 'macvtap') && (parent.kind === 'macvlan' || parent.kind === 'macvtap')) {
    lower = host.devices.find((d) => d.id === parent.parent) ?? parent;
  }
  if (kind === 'ipvlan' && parent.kind === 'ipvlan') lower = host.devices.find((d) => d.id === parent.parent) ?? parent;
  if (lower.kind === 'loopback' || lower.kind === 'tun') {
    st.fail(`${RTNL}${kind === 'vlan' || kind === 'ipvlan' ? 'Operation not supported' : 'Invalid argument'}`);
    return undefined;
  }
  if (kind === 'vlan') return lower;
  const kids = childrenOf(host, lower.id);
  const hasMacvlan = kids.some((k) => k.kind === 'macvlan' || k.kind === 'macvtap');
  const hasIpvlan = kids.some((k) => k.kind === 'ipvlan');
  const busy = lower.master !== undefined || lower.kind === 'ipvlan'
    || (kind === 'ipvlan' ? hasMacvlan : hasIpvlan);
  if (busy) {
    st.fail(`${RTNL}Device or resource busy`, 'busy');
    return undefined;
  }
  return lower;
}

function makeMacvlan(st: ImportState, host: Host, base: Base, kind: 'macvlan' | 'macvtap', parent: Device | undefined, args: string[]): Device[] | undefined {
  let mode: MacvlanMode = 'vepa';
  const sourceMacs: string[] = [];
  let nopromisc = false;
  let nodst = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'mode') {
      const m = args[++i];
      if (!MACVLAN_MODES.includes(m as MacvlanMode)) {
        st.fail(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${m}"`);
        return undefined;
      }
      mode = m as MacvlanMode;
    } else if (w === 'nopromisc') nopromisc = true;
    else if (w === 'nodst') nodst = true;
    else if (w === 'macaddr') {
      const op = args[++i];
      if (op === 'add' || op === 'set') sourceMacs.push((args[++i] ?? '').toLowerCase());
      else if (op === 'del') { const m = (args[++i] ?? '').toLowerCase(); const k = sourceMacs.indexOf(m); if (k >= 0) sourceMacs.splice(k, 1); }
      else if (op === 'flush') sourceMacs.length = 0;
    } else if (w === 'bcqueuelen' || w === 'bclim' || w === 'flag') i++;
    else st.warn(`${kind} option "${w}" is not modelled; ignored`);
  }
  const lower = lowerFor(st, host, parent, kind);
  if (!lower) return undefined;
  const siblings = childrenOf(host, lower.id).filter((d) => d.kind === 'macvlan' || d.kind === 'macvtap') as MacvlanDevice[];
  // Passthru: only as the only child of its parent (§1.9).
  if (siblings.length && (mode === 'passthru' || siblings.some((s) => s.mode === 'passthru'))) {
    st.fail(`${RTNL}Invalid argument`, 'passthru-not-alone');
    return undefined;
  }
  const dev: MacvlanDevice = { ...base, id: st.ids.take('d'), kind, parent: lower.id, mode };
  if (sourceMacs.length) dev.sourceMacs = sourceMacs;
  if (nopromisc) dev.nopromisc = true;
  if (nodst) dev.nodst = true;
  return [dev];
}

function makeIpvlan(st: ImportState, host: Host, base: Base, parent: Device | undefined, args: string[]): Device[] | undefined {
  let mode: IpvlanMode = 'l3';
  let flag: IpvlanFlag = 'bridge';
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'mode') {
      const m = args[++i];
      if (m !== 'l2' && m !== 'l3' && m !== 'l3s') {
        st.fail(`Error: argument of "mode" must be either "l2", "l3" or "l3s"`);
        return undefined;
      }
      mode = m;
    } else if (w === 'bridge' || w === 'private' || w === 'vepa') { flags.add(w); flag = w; }
    else st.warn(`ipvlan option "${w}" is not modelled; ignored`);
  }
  if (flags.has('private') && flags.has('vepa')) {
    st.fail(`${RTNL}Invalid argument (private and vepa together)`);
    return undefined;
  }
  const lower = lowerFor(st, host, parent, 'ipvlan');
  if (!lower) return undefined;
  // Mode and flag belong to the master: a new child sets them for all its siblings (§2.1).
  for (const s of childrenOf(host, lower.id)) {
    if (s.kind === 'ipvlan' && (s.mode !== mode || s.flag !== flag)) {
      s.mode = mode;
      s.flag = flag;
      st.touch(s.id);
    }
  }
  return [{ ...base, id: st.ids.take('d'), kind: 'ipvlan', parent: lower.id, mode, flag }];
}

function makeVlan(st: ImportState, host: Host, base: Base, parent: Device | undefined, args: string[]): Device[] | undefined {
  let vid: number | undefined;
  let protocol: '802.1Q' | '802.1ad' = '802.1Q';
  let reorderHdr: boolean | undefined;
  let looseBinding: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === 'id') {
      vid = parseUint(args[++i]);
      if (vid === undefined) { st.fail(`Error: argument "${args[i]}" is wrong: id is invalid`); return undefined; }
    } else if (w === 'protocol') {
      const p = (args[++i] ?? '').toLowerCase();
      if (p === '802.1q') protocol = '802.1Q';
      else if (p === '802.1ad') protocol = '802.1ad';
      else { st.fail(`Error: argument "${args[i]}" is wrong: protocol is invalid`); return undefined; }
    } else if (w === 'reorder_hdr' || w === 'loose_binding') {
      const v = args[++i];
      if (v !== 'on' && v !== 'off') { st.fail(`Error: argument "${v ?? ''}" is wrong: ${w} must be on or off`); return undefined; }
      if (w === 'reorder_hdr') reorderHdr = v === 'on';
      else looseBinding = v === 'on';
    } else if ((w === 'gvrp' || w === 'mvrp' || w === 'bridge_binding') && args[i + 1] === 'off') {
      i++; // the default
    } else if (['gvrp', 'mvrp', 'bridge_binding', 'ingress-qos-map', 'egress-qos-map'].includes(w)) {
      st.warn(`vlan option "${w}" is not modelled; ignored`);
      if (!w.endsWith('qos-map')) i++;
      else while (i + 1 < args.length && /^\d+:\d+$/.test(args[i + 1])) i++;
    } else st.warn(`vlan option "${w}" is not modelled; ignored`);
  }
  if (!parent) { st.fail('Error: 8021q: link not specified.'); return undefined; }
  if (vid === undefined) { st.fail('Error: 8021q: VLAN id not specified.'); return undefined; }
  if (vid >= 4095) { st.fail('Error: 8021q: Invalid VLAN id.'); return undefined; }
  const lower = lowerFor(st, host, parent, 'vlan');
  if (!lower) return undefined;
  if (childrenOf(host, lower.id).some((d) => d.kind === 'vlan' && d.vid === vid && (d.protocol ?? '802.1Q') === protocol)) {
    st.fail('Error: 8021q: VLAN device already exists.', 'exists');
    return undefined;
  }
  const dev: Device = { ...base, id: st.ids.take('d'), kind: 'vlan', parent: lower.id, vid };
  if (protocol !== '802.1Q') dev.protocol = protocol;
  if (reorderHdr === false) dev.reorderHdr = false;
  if (looseBinding) dev.looseBinding = true;
  return [dev];
}

