/**
 * The kernel's own races, as the differential tests compare loosely: operstate readings that
 * mean the same thing, and neighbour entries whose MAC depends on which ARP reply came first.
 */
import type { Observation } from '../core/observation/types';
import type { Trace } from '../core/sim/engine/trace';
import { ARP_REPLY, parseArp } from '../core/sim/wire/arp';
import { formatIp } from '../core/net/ipv4';

/**
 * A device that is up without carrier and whose peer or lower device sits in another
 * namespace is reported DOWN or LOWERLAYERDOWN depending on timing (the kernel looks the
 * lower device up by ifindex in the device's own namespace); the same commands gave both
 * in separate sandboxes. Both readings mean "no carrier", so they are compared as one.
 */
export function foldOperstate(o: Partial<Observation>): Partial<Observation> {
  if (!o.links) return o;
  const links = Object.fromEntries(Object.entries(o.links).map(([ns, ls]) => [ns, ls.map((l) => (l.operstate === 'LOWERLAYERDOWN' ? { ...l, operstate: 'DOWN' } : l))]));
  return { ...o, links };
}

/**
 * Addresses for which two interfaces with different MACs answered one ARP request: which
 * reply arrives first, and so which MAC the requester keeps, is a race on the kernel
 * (docs/conformance-format.md, "Stability"), so those neighbour entries are not compared.
 */
export function arpRaces(trace: Trace): Set<string> {
  const answers = new Map<string, Set<string>>();
  trace.forEachFrame((_t, kind, _at, frame) => {
    if (kind !== 'frame-tx' || ((frame[12] << 8) | frame[13]) !== 0x0806) return;
    const arp = parseArp(frame.subarray(14));
    if (!arp || arp.op !== ARP_REPLY) return;
    const key = `${formatIp(arp.spa)}>${arp.tha}`;
    let macs = answers.get(key);
    if (!macs) answers.set(key, (macs = new Set()));
    macs.add(arp.sha);
  });
  const racy = new Set<string>();
  for (const [key, macs] of answers) if (macs.size > 1) racy.add(key.split('>')[0]);
  return racy;
}

export function isRacyNeighbour(path: string, racy: Set<string>): boolean {
  const m = /^\/neigh\/[^/]+\/[^/]+\/([^/]+)\/lladdr$/.exec(path);
  return !!m && racy.has(m[1]);
}

/**
 * FDB entries a bridge learned from the sandbox's own LAN switch (`_lan_SEGMENT:sw`, a
 * bridge of the harness): its IPv6 link-up traffic (MLD reports, DAD solicitations, resent on
 * addrconf's timers) reaches a bridge the NIC is a port of or not, depending on when that
 * bridge took the NIC. The simulator's LAN segments are plain switches without such traffic,
 * so these entries are left out of the comparison.
 */
export function dropHarnessFdb(o: Partial<Observation>): Partial<Observation> {
  if (!o.fdb) return o;
  const fdb = Object.fromEntries(Object.entries(o.fdb)
    .map(([ns, es]) => [ns, (es as { mac?: string }[]).filter((e) => !/^_lan_[^:]*:sw$/.test(String(e.mac)))] as const)
    .filter(([, es]) => es.length));
  return { ...o, fdb };
}
