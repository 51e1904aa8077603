/**
 * The kernel's state after the probes (`ip -j` output of every namespace) → the `links`,
 * `neigh`, `routes` and `fdb` of an observation, plus the MAC labeller, with the rules of
 * the conformance harness (shared/conformance/lib/oracle.py `collect_links`,
 * `collect_state`, `collect_fdb`).
 */
import { buildMacLabeler, type LabelInterface } from '../core/capture/labels';
import type { MacLabeler } from '../core/capture/describe';
import type { LinkEntry, NeighEntry } from '../core/observation/types';

/** What was dumped from one namespace; `null` where the command failed or printed no JSON. */
export interface NamespaceDump {
  ns: string;
  link: unknown[] | null;
  addr: unknown[] | null;
  neigh: unknown[] | null;
  route: string;
  fdb: unknown[] | null;
}

type J = Record<string, unknown>;

/** Parses `ip -j` output the way the harness does (empty output = empty list; junk = null). */
export function parseJsonList(text: string | null): unknown[] | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text || '[]') as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** Every namespace's links, and the labeller built from every Ethernet MAC seen. */
export function collectLinks(dumps: NamespaceDump[]): { links: Record<string, LinkEntry[]>; label: MacLabeler } {
  const links: Record<string, LinkEntry[]> = {};
  const owners: LabelInterface[] = [];
  for (const d of dumps) {
    const a4 = new Map<string, string[]>();
    for (const a of (d.addr ?? []) as J[]) {
      const infos = ((a.addr_info ?? []) as J[]).filter((x) => x.family === 'inet');
      a4.set(String(a.ifname), infos.map((x) => `${String(x.local)}/${String(x.prefixlen)}`));
    }
    const out: LinkEntry[] = [];
    for (const l of (d.link ?? []) as J[]) {
      const name = l.ifname as string;
      const li = (l.linkinfo ?? {}) as J;
      const infoKind = (li.info_kind as string) || (l.link_type === 'loopback' ? 'loopback' : '');
      const ent: LinkEntry = { name, kind: infoKind } as LinkEntry;
      const idata = (li.info_data ?? {}) as J;
      if ((infoKind === 'macvlan' || infoKind === 'macvtap') && 'mode' in idata) ent.mode = idata.mode as string;
      if (infoKind === 'ipvlan' || infoKind === 'ipvtap') {
        // iproute2 prints the ipvlan flag as a boolean key of its own
        const flag = ['bridge', 'private', 'vepa'].find((f) => idata[f]);
        (ent as Record<string, unknown>).mode = (idata.mode as string | undefined) ?? null;
        ent.ipvlan_flags = flag ?? null;
      }
      if (infoKind === 'vlan') {
        ent.vlan_id = (idata.id as number | undefined) ?? null;
        ent.vlan_protocol = (idata.protocol as string | undefined) ?? null;
        ent.vlan_flags = (idata.flags as string[] | undefined) ?? [];
      }
      if (infoKind === 'tun' && 'type' in idata) ent.kind = idata.type as string;
      if (l.master) ent.master = l.master as string;
      if ('link' in l && l.link) ent.link = l.link as string;
      else if ('link_netnsid' in l) ent.link = '<other-netns>';
      ent.flags = ((l.flags ?? []) as string[]).filter((f) => f !== 'BROADCAST' && f !== 'MULTICAST');
      ent.operstate = l.operstate as string;
      ent.addrs = a4.get(name) ?? [];
      const sinfo = (li.info_slave_data ?? {}) as J;
      if (li.info_slave_kind === 'bridge') {
        ent.bridge_port = { state: sinfo.state as string, hairpin: sinfo.hairpin as boolean };
      }
      out.push(ent);
      const mac = String(l.address ?? '').toLowerCase();
      owners.push({
        ns: d.ns,
        dev: name,
        mac,
        kind: infoKind,
        master: (l.master as string) || undefined,
        ether: l.link_type === 'ether',
      });
    }
    links[d.ns] = out;
  }
  return { links, label: buildMacLabeler(owners) };
}

/** Neighbour tables (sorted by device then address) and main-table routes. */
export function collectState(
  dumps: NamespaceDump[],
  label: MacLabeler,
): { neigh: Record<string, NeighEntry[]>; routes: Record<string, string[]> } {
  const neigh: Record<string, NeighEntry[]> = {};
  const routes: Record<string, string[]> = {};
  for (const d of dumps) {
    const ent: NeighEntry[] = [];
    for (const n of (d.neigh ?? []) as J[]) {
      const e = { ip: n.dst, dev: n.dev } as NeighEntry;
      if (n.lladdr) e.lladdr = label(String(n.lladdr));
      e.state = ((n.state ?? []) as string[]).join('|');
      ent.push(e);
    }
    neigh[d.ns] = ent.sort((a, b) => cmp(a.dev ?? '', b.dev ?? '') || cmp(a.ip ?? '', b.ip ?? ''));
    routes[d.ns] = d.route
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/).join(' '));
  }
  return { neigh, routes };
}

/** Learned bridge FDB entries (not permanent, not `self`, unicast, with a master). */
export function collectFdb(dumps: NamespaceDump[], label: MacLabeler): Record<string, unknown[]> {
  const fdb: Record<string, unknown[]> = {};
  for (const d of dumps) {
    const ent: { bridge: string; port: string; mac: string; state: string }[] = [];
    for (const f of (d.fdb ?? []) as J[]) {
      if (f.state === 'permanent' || ((f.flags ?? []) as string[]).includes('self')) continue;
      if (!f.master) continue;
      const mc = String(f.mac ?? '');
      if (parseInt(mc.slice(0, 2), 16) & 1) continue;
      ent.push({ bridge: f.master as string, port: f.ifname as string, mac: label(mc), state: (f.state as string) || 'dynamic' });
    }
    if (ent.length) {
      fdb[d.ns] = ent.sort((a, b) => cmp(a.bridge, b.bridge) || cmp(a.port, b.port) || cmp(a.mac, b.mac));
    }
  }
  return fdb;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
