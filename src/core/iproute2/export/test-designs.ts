/**
 * Designs built in code for the export and validation tests: the field notes' macvlan
 * bridge scenario, and a design whose names are every shell-hostile name the kernel accepts.
 */
import { addLan, addNamespace, emptyDesign, IdAllocator, newHost, rootNamespace } from '../../model/design';
import type { Design, Device, Host, Id } from '../../model/types';

function add<T extends Device>(host: Host, d: T): T {
  host.devices.push(d);
  return d;
}

/**
 * Field notes 000: eth0 192.168.0.171/24 on a LAN with gateway 192.168.0.1; bridge-mode
 * macvlans mac1 (ns1, .100) and mac2 (ns2, .200); the host's own macvlan mac3 (.150) with /32 routes
 * to both so the host can reach its containers.
 */
export function macvlanBridgeDesign(): Design {
  const d = emptyDesign();
  d.title = 'macvlan bridge mode with a host-side macvlan';
  const ids = new IdAllocator();
  const lan = addLan(d, ids, 'eth0');
  const host = newHost(ids, 'host');
  const gw = newHost(ids, 'gw', 'external');
  d.hosts.push(host, gw);
  const root = rootNamespace(host);
  const eth0 = add(host, { id: ids.take('d'), kind: 'physical', name: 'eth0', ns: root.id, up: true, addresses: [{ cidr: '192.168.0.171/24' }], lan: lan.id });
  const ns1 = addNamespace(host, ids, 'ns1');
  const ns2 = addNamespace(host, ids, 'ns2');
  for (const n of [ns1, ns2]) host.devices.find((x) => x.ns === n.id && x.kind === 'loopback')!.up = true;
  const mac = (name: string, ns: Id, cidr: string) =>
    add(host, { id: ids.take('d'), kind: 'macvlan', name, ns, up: true, addresses: [{ cidr }], parent: eth0.id, mode: 'bridge' });
  mac('mac1', ns1.id, '192.168.0.100/24');
  mac('mac2', ns2.id, '192.168.0.200/24');
  const mac3 = mac('mac3', root.id, '192.168.0.150/24');
  root.routes.push({ dst: '192.168.0.100/32', dev: mac3.id }, { dst: '192.168.0.200/32', dev: mac3.id });
  ns1.routes.push({ dst: 'default', via: '192.168.0.1' });
  const groot = rootNamespace(gw);
  gw.devices.push({ id: ids.take('d'), kind: 'physical', name: 'eth0', ns: groot.id, up: true, addresses: [{ cidr: '192.168.0.1/24' }], lan: lan.id });
  return d;
}

/** Names bash would execute or split if unquoted; the kernel accepts every one of them. */
export const HOSTILE_NAMES = { lower: 'a$(id)', bridge: 'b;c', macvlan: 'mac1@eth0', ns: "x'y", veth: 'v`id`', peer: 'p*' } as const;

/** A design using the hostile names for devices and a namespace. */
export function hostileNamesDesign(): Design {
  const d = emptyDesign();
  const ids = new IdAllocator();
  const host = newHost(ids, 'host');
  d.hosts.push(host);
  const root = rootNamespace(host);
  const ns = addNamespace(host, ids, HOSTILE_NAMES.ns);
  const lower = add(host, { id: ids.take('d'), kind: 'bridge', name: HOSTILE_NAMES.lower, ns: root.id, up: true, addresses: [{ cidr: '10.9.0.1/24' }] });
  const br = add(host, { id: ids.take('d'), kind: 'bridge', name: HOSTILE_NAMES.bridge, ns: root.id, up: true, addresses: [{ cidr: '10.9.1.1/24' }] });
  add(host, { id: ids.take('d'), kind: 'macvlan', name: HOSTILE_NAMES.macvlan, ns: ns.id, up: true, addresses: [{ cidr: '10.9.0.2/24' }], parent: lower.id, mode: 'bridge' });
  const v = ids.take('d');
  const p = ids.take('d');
  add(host, { id: v, kind: 'veth', name: HOSTILE_NAMES.veth, ns: root.id, up: true, addresses: [], peer: p, master: br.id });
  add(host, { id: p, kind: 'veth', name: HOSTILE_NAMES.peer, ns: ns.id, up: true, addresses: [{ cidr: '10.9.1.2/24' }], peer: v });
  host.devices.find((x) => x.ns === ns.id && x.kind === 'loopback')!.up = true;
  return d;
}
