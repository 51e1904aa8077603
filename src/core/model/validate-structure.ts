/**
 * Structural rules: unique ids, one root namespace per machine, kernel-valid and unique
 * names, and references (namespace, veth peer, parent, master, lan) that resolve.
 */
import { interfaceNameProblem, namespaceNameProblem } from './names';
import type { ValidationContext } from './validate-context';
import { LAN_NS_PREFIX } from '../world/sandbox-world';

/** Checks ids, names and references; later passes may assume references resolve or were reported. */
export function checkStructure(cx: ValidationContext): void {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) cx.error('duplicate-id', id, path, `id "${id}" is used twice (first at ${first}); every id must be unique in the design`);
    else seen.set(id, path);
  };
  cx.design.hosts.forEach((host, hi) => {
    claim(host.id, `hosts[${hi}]`);
    host.namespaces.forEach((ns, i) => claim(ns.id, `hosts[${hi}].namespaces[${i}]`));
    host.devices.forEach((d, i) => claim(d.id, `hosts[${hi}].devices[${i}]`));
  });
  cx.design.lans.forEach((l, i) => claim(l.id, `lans[${i}]`));

  const lanNames = new Set<string>();
  cx.design.lans.forEach((l, i) => {
    if (lanNames.has(l.name)) cx.error('duplicate-lan-name', l.id, `lans[${i}].name`, `two LAN segments are named "${l.name}"; segment names must be unique`);
    lanNames.add(l.name);
    const p = namespaceNameProblem(LAN_NS_PREFIX + l.name);
    if (p || /\s/.test(l.name) || l.name === '') cx.error('bad-lan-name', l.id, `lans[${i}].name`, `LAN segment name "${l.name}" cannot be used: it must be a non-empty word without whitespace or "/"`);
  });

  const machineNames = new Set<string>();
  cx.design.hosts.forEach((host, hi) => {
    const roots = host.namespaces.filter((n) => n.root);
    if (roots.length !== 1) cx.error('root-namespace', host.id, `hosts[${hi}].namespaces`, `machine ${host.name} has ${roots.length} root namespaces; it must have exactly one`);
    if (host.role === 'external') {
      // an external machine becomes a namespace of that name in the sandbox and a header word
      const p = namespaceNameProblem(host.name) ?? (/\s/.test(host.name) ? `"${host.name}" contains whitespace` : undefined);
      if (p) cx.error('bad-host-name', host.id, `hosts[${hi}].name`, `external machine name cannot be used: ${p}`);
      if (host.name.startsWith(LAN_NS_PREFIX)) cx.error('reserved-name', host.id, `hosts[${hi}].name`, `names starting with "${LAN_NS_PREFIX}" are reserved for LAN switches`);
      if (machineNames.has(host.name)) cx.error('duplicate-host-name', host.id, `hosts[${hi}].name`, `two external machines are named "${host.name}"`);
      machineNames.add(host.name);
    }
    const nsNames = new Set<string>();
    host.namespaces.forEach((ns, i) => {
      if (ns.root) return;
      const p = namespaceNameProblem(ns.name);
      if (p) cx.error('bad-netns-name', ns.id, `hosts[${hi}].namespaces[${i}].name`, p);
      if (nsNames.has(ns.name)) cx.error('duplicate-netns-name', ns.id, `hosts[${hi}].namespaces[${i}].name`, `namespace "${ns.name}" exists twice on ${host.name} (ip netns add: File exists)`);
      nsNames.add(ns.name);
      if (ns.name.startsWith(LAN_NS_PREFIX)) cx.warn('reserved-name', ns.id, `hosts[${hi}].namespaces[${i}].name`, `namespace names starting with "${LAN_NS_PREFIX}" are used for LAN switches in sandboxes; rename it to avoid a clash`);
    });
  });

  for (const { host, device: d } of cx.devices.values()) {
    const nsRef = cx.namespaces.get(d.ns);
    if (!nsRef || nsRef.host !== host) {
      cx.error('unknown-namespace', d.id, cx.devicePath(d, 'ns'), `${d.name} is in namespace "${d.ns}", which is not a namespace of ${host.name}`);
    }
    const np = interfaceNameProblem(d.name);
    if (np) cx.error('bad-interface-name', d.id, cx.devicePath(d, 'name'), np);
    if (d.kind === 'loopback' && d.name !== 'lo') cx.error('loopback-name', d.id, cx.devicePath(d, 'name'), `the loopback device is always named "lo", not "${d.name}"`);
    if (d.kind === 'veth') {
      const peer = cx.device(host, d.peer);
      if (!peer) cx.error('unknown-peer', d.id, cx.devicePath(d, 'peer'), `veth ${cx.label(d)} has peer "${d.peer}", which is not a device of ${host.name}`);
      else if (peer.id === d.id) cx.error('self-peer', d.id, cx.devicePath(d, 'peer'), `veth ${cx.label(d)} cannot be its own peer`);
      else if (peer.kind !== 'veth') cx.error('peer-not-veth', d.id, cx.devicePath(d, 'peer'), `veth ${cx.label(d)} has peer ${cx.label(peer)}, which is a ${peer.kind}, not a veth`);
      else if (peer.peer !== d.id) cx.error('asymmetric-peer', d.id, cx.devicePath(d, 'peer'), `veth ${cx.label(d)} names ${cx.label(peer)} as its peer, but ${cx.label(peer)}'s peer is "${peer.peer}"; a veth pair is exactly two ends naming each other`);
    }
    if ('parent' in d && !cx.device(host, d.parent)) {
      cx.error('unknown-parent', d.id, cx.devicePath(d, 'parent'), `${d.kind} ${cx.label(d)} has parent "${d.parent}", which is not a device of ${host.name}`);
    }
    if (d.master !== undefined) {
      const m = cx.device(host, d.master);
      if (!m) cx.error('unknown-master', d.id, cx.devicePath(d, 'master'), `${cx.label(d)} has master "${d.master}", which is not a device of ${host.name}`);
      else if (m.kind !== 'bridge' && m.kind !== 'bond' && m.kind !== 'vrf') cx.error('master-not-bridge', d.id, cx.devicePath(d, 'master'), `${cx.label(d)} has master ${cx.label(m)}, which is a ${m.kind}; only bridges, bonds and VRFs are masters`);
      else if (m.ns !== d.ns) cx.error('master-other-netns', d.id, cx.devicePath(d, 'master'), `${cx.label(d)} and its bridge ${cx.label(m)} are in different namespaces; a port must be in its master's namespace`);
    }
    if (d.kind === 'physical' && d.lan !== undefined && !cx.lans.has(d.lan)) {
      cx.error('unknown-lan', d.id, cx.devicePath(d, 'lan'), `${cx.label(d)} is plugged into LAN "${d.lan}", which does not exist`);
    }
  }

  // names are per namespace, like the kernel's name hash
  const byNs = new Map<string, Map<string, string>>();
  for (const { device: d } of cx.devices.values()) {
    let names = byNs.get(d.ns);
    if (!names) byNs.set(d.ns, (names = new Map()));
    const other = names.get(d.name);
    if (other !== undefined) cx.error('duplicate-interface-name', d.id, cx.devicePath(d, 'name'), `two devices are named "${d.name}" in namespace ${cx.where(d.ns)} (RTNETLINK answers: File exists)`);
    else names.set(d.name, d.id);
  }
  for (const { ns } of cx.namespaces.values()) {
    const los = [...cx.devices.values()].filter((r) => r.device.ns === ns.id && r.device.kind === 'loopback');
    if (los.length > 1) cx.error('loopback-count', ns.id, cx.nsPath(ns), `namespace ${cx.where(ns.id)} has ${los.length} loopback devices; every namespace has exactly one "lo"`);
  }
}
