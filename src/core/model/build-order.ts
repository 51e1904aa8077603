/**
 * The order a machine's devices come into being when its design is built: loopbacks (one per
 * namespace, in namespace order), the NICs (there before anything is configured), then every
 * other device with lower devices before the devices stacked on them and each veth's peer
 * right after it (one `ip link add` makes both). The exported script creates devices in this
 * order, the kernel lists same-prefix routes (and more) in it, and an imported script gives
 * its devices back in it; the simulator follows it too.
 */
import type { Device, Host } from './types';

/** The devices of `host` in build order (`isExisting` says which exist before the script). */
export function buildOrder(host: Host, isExisting: (d: Device) => boolean = (d) => d.kind === 'loopback' || d.kind === 'physical'): Device[] {
  const byId = new Map(host.devices.map((d) => [d.id, d]));
  const topo: Device[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (d: Device) => {
    if (placed.has(d.id) || visiting.has(d.id)) return;
    visiting.add(d.id);
    const parent = 'parent' in d ? byId.get(d.parent) : (d.kind === 'vxlan' || d.kind === 'ipip' || d.kind === 'gre' || d.kind === 'gretap') && d.underlay ? byId.get(d.underlay) : undefined;
    if (parent) visit(parent);
    visiting.delete(d.id);
    placed.add(d.id);
    topo.push(d);
  };
  host.devices.forEach(visit);
  const nsIndex = new Map(host.namespaces.map((n, i) => [n.id, i]));
  const los = topo.filter((d) => d.kind === 'loopback').sort((a, b) => (nsIndex.get(a.ns) ?? 0) - (nsIndex.get(b.ns) ?? 0));
  const nics = topo.filter((d) => d.kind !== 'loopback' && isExisting(d));
  const made: Device[] = [];
  const seen = new Set<string>();
  for (const d of topo) {
    if (isExisting(d) || seen.has(d.id)) continue;
    seen.add(d.id);
    made.push(d);
    const peer = d.kind === 'veth' ? byId.get(d.peer) : undefined;
    if (peer && !seen.has(peer.id)) {
      seen.add(peer.id);
      made.push(peer);
    }
  }
  return [...los, ...nics, ...made];
}
