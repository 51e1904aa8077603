/**
 * The classic pitfalls: designs the kernel accepts but that do not do what people expect
 * (field notes and kernel-behaviour.md). Each warning states the rule and the fix.
 */
import { parseCidr } from '../net/ipv4';
import type { ValidationContext } from './validate-context';
import type { Device, Host } from './types';

/** Whether frames leaving through `d` come back from its link partner (hairpin / VEPA switch). */
function reflected(cx: ValidationContext, host: Host, d: Device, depth = 0): boolean {
  if (d.kind === 'physical') return d.lanHairpin === true;
  if (d.kind === 'vlan' && depth < 8) {
    // a VLAN device transmits through its lower device, so it is reflected where that one is
    const lower = cx.device(host, d.parent);
    return !!lower && reflected(cx, host, lower, depth + 1);
  }
  if (d.kind === 'veth') {
    const peer = cx.device(host, d.peer);
    return !!peer && peer.master !== undefined && peer.port?.hairpin === true;
  }
  return false;
}

/**
 * Whether the parent's namespace has its own up, addressed sibling of `child` through which
 * the child reaches that namespace's addresses (the field notes' `mac3`): ipvlans always
 * reach each other; macvlans when both are in bridge mode.
 */
function hasHelper(cx: ValidationContext, child: Device, parent: Device): boolean {
  return cx.children(parent.id).some((s) => s.id !== child.id && s.ns === parent.ns && s.up && s.addresses.length > 0
    && (s.kind === 'ipvlan' ? child.kind === 'ipvlan'
      : s.kind === 'macvlan' && child.kind === 'macvlan' && s.mode === 'bridge' && child.mode === 'bridge'));
}

/** Adds the pitfall warnings. */
export function checkPitfalls(cx: ValidationContext): void {
  for (const { host, device: d } of cx.devices.values()) {
    const label = cx.label(d);
    const path = cx.devicePath(d);
    if (d.master !== undefined && d.addresses.length > 0) {
      cx.warn('address-on-port', d.id, cx.devicePath(d, 'addresses'), `the address on ${label} is ineffective because a bridge port hands every frame to its bridge before IP sees it; put the address on the bridge instead`);
    }
    if ((d.kind === 'tap' || d.kind === 'tun') && d.up && !d.attached) {
      cx.warn('tap-no-process', d.id, cx.devicePath(d, 'attached'), `${d.kind} ${label} has no process holding it open, so it stays NO-CARRIER and drops what is sent to it; attach a VM or daemon (mark it attached) or expect no traffic`);
    }
    if (d.kind === 'bridge' && d.up && !cx.ports(d.id).some((p) => p.up)) {
      cx.warn('bridge-no-up-port', d.id, path, `bridge ${label} has no port that is up, so it has no carrier (NO-CARRIER) and its routes are linkdown; add a port and bring it up`);
    }
    if ((d.kind === 'macvlan' || d.kind === 'ipvlan' || d.kind === 'macvtap') && d.addresses.length > 0) {
      const parent = cx.device(host, d.parent);
      // a child in its parent's own namespace reaches that address locally, through lo
      if (parent && parent.ns !== d.ns && parent.addresses.length > 0 && !(d.kind !== 'ipvlan' && reflected(cx, host, parent)) && !hasHelper(cx, d, parent)) {
        cx.warn('child-to-parent', d.id, cx.devicePath(d, 'parent'), `${label} cannot reach its parent ${cx.label(parent)}'s own address because ${d.kind} traffic never passes between a child and its parent inside the host; move that address to another ${d.kind} on the same parent (a host-side interface, like the field notes' mac3) or use a hairpin switch`);
      }
    }
    for (const a of d.addresses) {
      const c = parseCidr(a.cidr);
      if (!c || c.len !== 32 || a.peer || d.kind === 'loopback') continue;
      const ns = cx.namespaces.get(d.ns)?.ns;
      if (ns && !ns.routes.some((r) => r.dev === d.id)) {
        cx.warn('slash32-no-route', d.id, cx.devicePath(d, 'addresses'), `${a.cidr} on ${label} puts nothing on-link, so every destination is unreachable through it; add routes such as "ip route add NET dev ${d.name}" or use a real prefix length`);
      }
    }
    if (d.kind === 'macvlan' && d.mode === 'source' && !(d.sourceMacs?.length)) {
      cx.warn('source-no-macs', d.id, cx.devicePath(d, 'sourceMacs'), `source-mode ${label} receives only from listed MACs and has none; add "macaddr add MAC" entries`);
    }
    if (d.kind === 'physical' && d.up && !d.lan) {
      // as the script header's default (`lan=` its own name): plugged into a switch of its own
      cx.warn('nic-no-lan', d.id, cx.devicePath(d, 'lan'), `NIC ${label} is on no drawn LAN segment, so it counts as plugged into a switch with nothing else on it (as "# phys: ${d.name}" is built): no machine outside this host is reachable through it; plug the NIC into a LAN segment to reach the machines on it`);
    }
    const parent = 'parent' in d ? cx.device(host, d.parent) : undefined;
    if (parent && d.up && !parent.up && d.kind !== 'vlan') {
      cx.warn('parent-down', d.id, cx.devicePath(d, 'up'), `${label} is up but its parent ${cx.label(parent)} is down, so it has no carrier (LOWERLAYERDOWN); bring the parent up`);
    }
    if (d.kind === 'veth' && d.up) {
      const peer = cx.device(host, d.peer);
      if (peer && !peer.up && peer.kind === 'veth' && peer.peer === d.id) cx.warn('veth-peer-down', d.id, cx.devicePath(d, 'up'), `veth ${label} is up but its peer ${cx.label(peer)} is down, and a veth has carrier only when both ends are up; bring ${cx.label(peer)} up`);
    }
  }
  checkMacvlanModes(cx);
  checkNamespaces(cx);
  checkBridgeLoops(cx);
}

/**
 * Layer-2 loops: bridges without STP and LAN segments joined, through bridge ports (veth
 * pairs between bridges, NICs on a segment), in a cycle. A broadcast then circles for ever
 * (the kernel bridge floods it back out), so the loop is reported before anyone pings.
 * A bridge with STP on blocks one port of the loop, so it is left out of the graph.
 */
function checkBridgeLoops(cx: ValidationContext): void {
  const up = new Map<string, string>();
  const find = (k: string): string => { let r = k; while (up.get(r) !== undefined && up.get(r) !== r) r = up.get(r)!; return r; };
  const link = (a: string, b: string): boolean => { const ra = find(a); const rb = find(b); if (ra === rb) return false; up.set(ra, rb); return true; };
  const reported = new Set<string>();
  for (const { host, device: br } of cx.devices.values()) {
    if (br.kind !== 'bridge' || br.stp) continue;
    for (const port of cx.ports(br.id)) {
      // where this port leads: the bridge of the veth's other end, or the NIC's LAN segment
      let far: string | undefined;
      let via = port.name;
      if (port.kind === 'veth') {
        const peer = cx.device(host, port.peer);
        const farBridge = peer?.master !== undefined ? cx.device(host, peer.master) : undefined;
        if (farBridge?.kind === 'bridge' && !farBridge.stp) { far = `dev:${farBridge.id}`; via = `${port.name} ↔ ${peer!.name}`; }
        // each veth pair is one link: count it once, from its lower-id end
        if (far && peer && peer.id < port.id) continue;
      } else if (port.kind === 'physical' && port.lan) {
        far = `lan:${port.lan}`;
      }
      if (!far || link(`dev:${br.id}`, far) || reported.has(br.id)) continue;
      reported.add(br.id);
      cx.warn('bridge-loop-no-stp', br.id, cx.devicePath(br, 'stp'), `bridge ${cx.label(br)} closes a layer-2 loop through ${via} without STP, so every broadcast (ARP included) circles for ever, a broadcast storm; turn STP on (ip link set ${br.name} type bridge stp_state 1) or remove one of the links`);
    }
  }
}

function checkMacvlanModes(cx: ValidationContext): void {
  for (const { host, device: parent } of cx.devices.values()) {
    const kids = cx.children(parent.id).filter((k): k is Extract<Device, { kind: 'macvlan' | 'macvtap' }> => k.kind === 'macvlan' || k.kind === 'macvtap');
    if (kids.length < 2) continue;
    const hairpin = reflected(cx, host, parent);
    for (const k of kids) {
      if (k.mode === 'vepa' && !hairpin) {
        cx.warn('vepa-no-hairpin', k.id, cx.devicePath(k, 'mode'), `${cx.label(k)} is in vepa mode (the kernel's default when no mode is given), which sends traffic for its siblings out to the switch, so they meet only if that switch port has hairpin on; use "mode bridge" or enable hairpin on the switch`);
      }
      if (k.mode === 'private') {
        cx.warn('private-isolated', k.id, cx.devicePath(k, 'mode'), `${cx.label(k)} is in private mode, so it never talks to its sibling macvlans, not even through a hairpin switch; use "mode bridge" if they should talk`);
      }
    }
  }
}

function checkNamespaces(cx: ValidationContext): void {
  for (const { host, ns } of cx.namespaces.values()) {
    const devs = host.devices.filter((d) => d.ns === ns.id);
    const lo = devs.find((d) => d.kind === 'loopback');
    if (lo && !lo.up && devs.some((d) => d.addresses.length > 0)) {
      cx.warn('lo-down', lo.id, cx.devicePath(lo, 'up'), `lo is down in namespace ${cx.where(ns.id)}, which has addresses, so pings to its own addresses and locally generated ICMP errors are lost; run "ip -n ${ns.name} link set lo up"`);
    }
    const forwarding = (ns.sysctls['net.ipv4.ip_forward'] ?? 0) === 1 || (ns.sysctls['net.ipv4.conf.all.forwarding'] ?? 0) === 1;
    const nat = ns.firewall.findIndex((r) => r.target === 'MASQUERADE');
    if (nat >= 0 && !forwarding) {
      cx.warn('nat-no-forward', ns.id, cx.nsPath(ns, `firewall[${nat}]`), `namespace ${cx.where(ns.id)} masquerades but does not forward (net.ipv4.ip_forward=0), so nothing is routed through it; set net.ipv4.ip_forward=1`);
    }
  }
}
