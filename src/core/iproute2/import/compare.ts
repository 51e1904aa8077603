/**
 * Views of an imported design in the vocabulary of a conformance `expected.json`
 * (`links`, `routes` per namespace), so the two can be compared item by item.
 */
import { rootNamespace } from '../../model/design';
import type { Design, Device, Host, Namespace } from '../../model/types';
import { connectedRoutes } from './kernel';

/** The comparable part of one `links[]` entry. */
export interface LinkView {
  name: string;
  kind: string;
  mode?: string;
  vlanId?: number;
  master?: string;
  link?: string;
  up: boolean;
  addrs: string[];
}

/** The namespace an observation calls `name`: "host", a script netns or an external machine. */
export function findNamespace(design: Design, name: string): { host: Host; ns: Namespace } | undefined {
  const main = design.hosts.find((h) => h.role === 'host');
  if (main && name === 'host') return { host: main, ns: rootNamespace(main) };
  const ns = main?.namespaces.find((n) => !n.root && n.name === name);
  if (main && ns) return { host: main, ns };
  const ext = design.hosts.find((h) => h.role === 'external' && h.name === name);
  return ext ? { host: ext, ns: rootNamespace(ext) } : undefined;
}

/** Every namespace name an observation would list for this design. */
export function namespaceNames(design: Design): string[] {
  const out: string[] = [];
  for (const h of design.hosts) {
    for (const n of h.namespaces) out.push(h.role === 'host' ? (n.root ? 'host' : n.name) : n.root ? h.name : n.name);
  }
  return out;
}

function relation(host: Host, dev: Device, otherId: string): string {
  const other = host.devices.find((d) => d.id === otherId);
  if (!other) return '<other-netns>';
  return other.ns === dev.ns ? other.name : '<other-netns>';
}

/** How `ip -j link` would describe a device (physical NICs are veth ends in the harness). */
export function linkView(host: Host, dev: Device): LinkView {
  const v: LinkView = { name: dev.name, kind: dev.kind, up: dev.up, addrs: dev.addresses.map((a) => a.cidr).sort() };
  if (dev.kind === 'physical') { v.kind = 'veth'; v.link = '<other-netns>'; }
  if (dev.kind === 'veth') v.link = relation(host, dev, dev.peer);
  if (dev.kind === 'macvlan' || dev.kind === 'macvtap' || dev.kind === 'ipvlan') { v.mode = dev.mode; v.link = relation(host, dev, dev.parent); }
  if (dev.kind === 'vlan') { v.vlanId = dev.vid; v.link = relation(host, dev, dev.parent); }
  if (dev.master) v.master = host.devices.find((d) => d.id === dev.master)?.name;
  // a machine's own lo was up since boot: brought down, it keeps 127.0.0.1/8 (measured)
  const sinceBoot = host.namespaces.some((n) => n.id === dev.ns && n.root);
  if (dev.kind === 'loopback' && (dev.up || sinceBoot)) v.addrs = [...v.addrs, '127.0.0.1/8'].sort();
  return v;
}

/** Main-table routes as `dst [via G] dev D [metric M]` keys (kernel routes from addresses included). */
export function routeKeys(host: Host, ns: Namespace): string[] {
  const name = (id?: string) => host.devices.find((d) => d.id === id)?.name;
  const keys = connectedRoutes(host, ns.id).map((r) => `${r.dst} dev ${name(r.dev)}`);
  for (const r of ns.routes) {
    const parts = [r.type && r.type !== 'unicast' ? `${r.type} ${r.dst}` : r.dst];
    if (r.via) parts.push(`via ${r.via}`);
    if (r.dev && (!r.type || r.type === 'unicast')) parts.push(`dev ${name(r.dev)}`);
    if (r.metric) parts.push(`metric ${r.metric}`);
    keys.push(parts.join(' '));
  }
  return keys.sort();
}

/** The same key for one line of `ip -4 route show`. */
export function routeKeyFromText(line: string): string {
  const t = line.trim().split(/\s+/);
  let i = 0;
  let type = '';
  if (['blackhole', 'unreachable', 'prohibit'].includes(t[0])) { type = t[0]; i = 1; }
  let dst = t[i];
  if (dst !== 'default' && !dst.includes('/')) dst += '/32';
  const parts = [type ? `${type} ${dst}` : dst];
  const after = (kw: string) => { const k = t.indexOf(kw, i + 1); return k > 0 ? t[k + 1] : undefined; };
  const via = after('via');
  const dev = after('dev');
  const metric = after('metric');
  if (via) parts.push(`via ${via}`);
  if (dev && !type) parts.push(`dev ${dev}`);
  if (metric && metric !== '0') parts.push(`metric ${metric}`);
  return parts.join(' ');
}
