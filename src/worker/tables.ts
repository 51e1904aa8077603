/** Snapshots of the live tables (neighbours, routes, bridge FDB) of every namespace. */
import { formatIp } from '../core/net/ipv4';
import type { Sim, SimNs } from '../core/sim/model';
import { nsRoutes } from '../core/sim/observe/tables';
import { operstate } from '../core/sim/link-state';
import type { FdbRow, LinkState, NeighRow, NsTables } from './protocol';

function neighRows(ns: SimNs): NeighRow[] {
  const rows: NeighRow[] = [];
  for (const e of ns.neigh.values()) {
    if (e.state === 'noarp') continue;
    const row: NeighRow = { ip: formatIp(e.ip), dev: e.dev.name, state: e.state.toUpperCase() };
    if (e.lladdr && e.state !== 'failed' && e.state !== 'incomplete') row.lladdr = e.lladdr;
    rows.push(row);
  }
  return rows.sort((a, b) => a.dev.localeCompare(b.dev) || a.ip.localeCompare(b.ip, undefined, { numeric: true }));
}

function fdbRows(sim: Sim, ns: SimNs): FdbRow[] {
  const rows: FdbRow[] = [];
  for (const br of ns.devs) {
    if (!br.bridge) continue;
    for (const e of br.bridge.fdb.values()) {
      const age = sim.engine.now - e.updated;
      if (!e.local && !e.static && age > br.bridge.ageingNs) continue;
      rows.push({ bridge: br.name, port: e.port?.name ?? br.name, mac: e.mac, local: e.local, vid: e.vid, ageSec: Math.round(age / 1e8) / 10 });
    }
  }
  return rows;
}

/** Every namespace's tables as `ip neigh`, `ip route` and `bridge fdb` would show them now. */
/** Every design device's carrier and operstate now (`ip link`'s view), by design id. */
export function linkStates(sim: Sim): Record<string, LinkState> {
  const out: Record<string, LinkState> = {};
  for (const d of sim.devs) if (d.id) out[d.id] = { up: d.up, carrier: d.carrier, operstate: operstate(d, sim) };
  return out;
}

export function snapshotTables(sim: Sim): Record<string, NsTables> {
  const out: Record<string, NsTables> = {};
  for (const ns of sim.namespaces) out[ns.label] = { neigh: neighRows(ns), routes: nsRoutes(ns), fdb: fdbRows(sim, ns) };
  return out;
}
