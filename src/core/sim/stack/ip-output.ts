/**
 * IPv4 output of locally generated packets (net/ipv4/ip_output.c, route.c): route
 * lookup, source selection, OUTPUT and POSTROUTING hooks, then either the loopback
 * device (local destinations, weak host model) or the neighbour layer.
 */
import { formatIp } from '../../net/ipv4';
import type { Sim, SimNs } from '../model';
import type { SimDev } from '../model';
import { devXmit, drop } from '../dev-core';
import { emitIpv4, ipv4Dst, IP_FLAG_DF } from '../wire/ipv4';
import { natDst, natSrc } from './nat';
import { internetChecksum } from '../wire/checksum';
import { routeOutput, type OutputRoute } from './route';
import { neighOutput } from './neigh';
import { filterVerdict, natPostrouting } from './netfilter';

export interface LocalSend {
  dst: number;
  src?: number;
  oif?: SimDev;
  proto: number;
  payload: Uint8Array;
  tos?: number;
  df?: boolean;
  ttl?: number;
}

export type SendResult = { ok: true; route: OutputRoute } | { ok: false; errno: string };

/** Shared empty IP options (emitIpv4 only reads them). */
const NO_OPTIONS = new Uint8Array(0);

/** Recomputes the IPv4 header checksum in place (after a TTL or address rewrite). */
export function ipChecksumFix(pkt: Uint8Array): void {
  const ihl = (pkt[0] & 15) * 4;
  pkt[10] = 0;
  pkt[11] = 0;
  const c = internetChecksum(pkt, 0, ihl);
  pkt[10] = c >>> 8;
  pkt[11] = c & 255;
}

/** ip_route_output + ip_local_out for a packet built by a local socket or the kernel itself. */
export function ipSendLocal(sim: Sim, ns: SimNs, o: LocalSend): SendResult {
  let r = routeOutput(ns, o.dst, { oif: o.oif, src: o.src });
  if (sim.trace.recordAllFrames) sim.trace.push({ t: sim.engine.now, kind: 'route', ns: ns.label, dst: formatIp(o.dst), result: describeRoute(r) });
  if (r.kind === 'error') return { ok: false, errno: r.errno };
  const src = r.src ?? 0;
  const dst = (r.kind === 'local' && r.dst) || o.dst;
  const pkt = emitIpv4({
    tos: o.tos ?? 0, id: ns.ipId = (ns.ipId + 1) & 0xffff, flags: o.df ? IP_FLAG_DF : 0, fragOffset: 0,
    ttl: o.ttl ?? 64, proto: o.proto, src, dst, options: NO_OPTIONS, payload: o.payload,
  });
  if (ns.firewall.length > 0) {
    // nat OUTPUT may change the destination: the packet is routed again (ip_route_me_harder)
    if (!natDst(sim, ns, pkt, 'OUTPUT', undefined, r.dev)) return { ok: true, route: r };
    const nd = ipv4Dst(pkt);
    if (nd !== dst) {
      r = routeOutput(ns, nd, { oif: o.oif, src });
      if (r.kind === 'error') return { ok: false, errno: r.errno };
    }
  }
  if (filterVerdict(sim, ns, 'OUTPUT', pkt, undefined, r.dev) !== 'accept') return { ok: true, route: r };
  if (r.kind === 'local') {
    if (ns.firewall.length > 0 && !natSrc(sim, ns, pkt, 'POSTROUTING', undefined, r.dev)) return { ok: true, route: r };
    const lo = r.dev;
    const frame = new Uint8Array(14 + pkt.length);
    frame[12] = 0x08;
    frame.set(pkt, 14);
    if (!lo.up) {
      drop(sim, lo, 'lo-down', `${lo.name} is down: a packet to the namespace's own address ${formatIp(o.dst)} is routed via lo and lost (net/core/dev.c __dev_queue_xmit)`);
      return { ok: true, route: r };
    }
    devXmit(sim, lo, { data: frame, hops: 0, lineage: undefined, forceHost: false });
    return { ok: true, route: r };
  }
  const out = natPostrouting(sim, ns, pkt, r.dev);
  if (out) neighOutput(sim, r.dev, r.nexthop, out, src);
  return { ok: true, route: r };
}

function describeRoute(r: OutputRoute): string {
  if (r.kind === 'error') return r.errno;
  if (r.kind === 'local') return `local via ${r.dev.name}`;
  return `dev ${r.dev.name}${r.nexthop !== undefined ? ` nexthop ${formatIp(r.nexthop)}` : ''}${r.src !== undefined ? ` src ${formatIp(r.src)}` : ''}`;
}
