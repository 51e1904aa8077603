/**
 * Neighbour, route and FDB tables as the harness records them after the probes
 * (`ip -4 -j neigh show`, `ip -4 route show`, `bridge -j fdb show` learned entries).
 */
import { formatIp, formatPrefix } from '../../net/ipv4';
import type { NeighEntry as ObservedNeigh } from '../../observation/types';
import type { MacLabeler } from '../../capture/describe';
import type { Sim, SimNs } from '../model';
import { mainRoutes } from '../stack/route';

/** `ip -4 neigh` of a namespace, sorted by (dev, ip) as text like the harness. */
export function nsNeigh(ns: SimNs, label: MacLabeler): ObservedNeigh[] {
  const out: ObservedNeigh[] = [];
  for (const e of ns.neigh.values()) {
    if (e.state === 'noarp') continue; // ip neigh show hides NOARP entries
    const o: ObservedNeigh = { ip: formatIp(e.ip), dev: e.dev.name, state: e.state.toUpperCase() };
    if (e.lladdr && e.state !== 'failed' && e.state !== 'incomplete') o.lladdr = label(e.lladdr);
    out.push(o);
  }
  return out.sort((a, b) => (a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/** `ip -4 route show` (main table), one line per route, as iproute2 prints them. */
export function nsRoutes(ns: SimNs): string[] {
  return mainRoutes(ns).map((r) => {
    const parts: string[] = [];
    if (r.type !== 'unicast') parts.push(r.type);
    parts.push(r.len === 0 ? 'default' : formatPrefix({ addr: r.net, len: r.len }));
    if (r.via !== undefined) parts.push('via', formatIp(r.via));
    if (r.type === 'unicast') parts.push('dev', r.dev.name);
    if (r.kernel) parts.push('proto', 'kernel');
    if (r.scope !== 'global') parts.push('scope', r.scope);
    if (r.src !== undefined) parts.push('src', formatIp(r.src));
    if (r.metric) parts.push('metric', String(r.metric));
    if (r.onlink) parts.push('onlink');
    if (r.type === 'unicast' && !r.dev.carrier) parts.push('linkdown');
    return parts.join(' ');
  });
}

/** Learned (dynamic, unicast) FDB entries of the bridges in a namespace. */
export function nsFdb(sim: Sim, ns: SimNs, label: MacLabeler): unknown[] {
  const out: { bridge: string; port: string; mac: string; state: string }[] = [];
  for (const br of ns.devs) {
    if (!br.bridge) continue;
    for (const e of br.bridge.fdb.values()) {
      if (e.local || e.static || !e.port) continue;
      if (sim.engine.now - e.updated > br.bridge.ageingNs) continue;
      out.push({ bridge: br.name, port: e.port.name, mac: label(e.mac), state: 'dynamic' });
    }
  }
  return out.sort((a, b) => cmp(a.bridge, b.bridge) || cmp(a.port, b.port) || cmp(a.mac, b.mac));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
