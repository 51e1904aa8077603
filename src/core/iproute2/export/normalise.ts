/**
 * A name-based view of a design's network, with ids replaced by names, for comparing two
 * designs that describe the same network (an import of an export of an import, say).
 */
import type { Design, Device, Host } from '../../model/types';
import { resolvedRoute } from './setup-phases';

/** The network of `design` keyed by machine and namespace names; layout and ids dropped. */
export function networkView(design: Design): unknown {
  const lanName = new Map(design.lans.map((l) => [l.id, l.name]));
  const machines: Record<string, unknown> = {};
  for (const h of design.hosts) {
    const name = (id: string | undefined) => (id === undefined ? undefined : devName(h, id));
    const namespaces: Record<string, unknown> = {};
    for (const ns of h.namespaces) {
      const devices = h.devices.filter((d) => d.ns === ns.id).map((d) => {
        const v: Record<string, unknown> = { ...d };
        delete v.id;
        delete v.ns;
        // how the kernel numbered the device and where its operstate was last computed are
        // history of the script that built it, not part of the network
        delete v.ifindex;
        delete v.linkWatchOper;
        if (d.master) v.master = name(d.master);
        if ('parent' in d) v.parent = name(d.parent);
        if (d.kind === 'veth') v.peer = name(d.peer);
        if ((d.kind === 'vxlan' || d.kind === 'ipip' || d.kind === 'gre' || d.kind === 'gretap') && d.underlay) v.underlay = name(d.underlay);
        // a NIC on no drawn segment is on a segment of its own name (the header's default)
        if (d.kind === 'physical') v.lan = (d.lan && lanName.get(d.lan)) || d.name;
        // values equal to the kernel's defaults are the same network as no value
        if (d.kind === 'bridge') {
          if (d.ageingTime === 300) delete v.ageingTime;
          if (d.forwardDelay === 15) delete v.forwardDelay;
          if (d.vlanDefaultPvid === 1) delete v.vlanDefaultPvid;
        }
        const port = portView(d);
        if (port) v.port = port;
        else delete v.port;
        return v;
      }).sort((a, b) => String(a.name).localeCompare(String(b.name)));
      namespaces[ns.root ? '(root)' : ns.name] = {
        devices,
        routes: ns.routes.map((_, i) => resolvedRoute(h, ns, i)).map((r) => ({ ...r, dev: name(r.dev) })),
        neighbours: ns.neighbours.map((n) => ({ ...n, dev: name(n.dev) })),
        sysctls: ns.sysctls,
        firewall: ns.firewall,
        policies: ns.policies ?? {},
      };
    }
    machines[`${h.role}:${h.name}`] = namespaces;
  }
  return JSON.parse(JSON.stringify(machines));
}

/** Port flags that differ from the kernel's defaults (an explicit default is no difference). */
function portView(d: Device): Record<string, unknown> | undefined {
  if (!d.port) return undefined;
  const { hairpin, learning, flood, isolated, ...rest } = d.port;
  const v: Record<string, unknown> = { ...rest };
  if (hairpin) v.hairpin = true;
  if (learning === false) v.learning = false;
  if (flood === false) v.flood = false;
  if (isolated) v.isolated = true;
  return Object.keys(v).length ? v : undefined;
}

function devName(h: Host, id: string): string {
  const d = h.devices.find((x) => x.id === id);
  if (!d) return `?${id}`;
  const ns = h.namespaces.find((n) => n.id === d.ns);
  return ns && !ns.root ? `${ns.name}:${d.name}` : d.name;
}
