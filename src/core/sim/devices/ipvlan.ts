/**
 * ipvlan (drivers/net/ipvlan/ipvlan_core.c). Children share the master's MAC; mode
 * (l2/l3/l3s) and flag (bridge/private/vepa) belong to the port. Frames are steered by
 * IP address (IPv4 destination, or ARP target), never by MAC. L2 switches siblings in
 * the driver and floods broadcasts to siblings and out; L3 re-routes every outgoing
 * packet in the master's namespace and never forwards broadcasts.
 */
import type { IpvlanPort, RxResult, Sim, SimDev, Skb } from '../model';
import { devXmit, drop, netifReceive } from '../dev-core';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../wire/ethernet';
import { readMac } from '../wire/mac';
import { routeOutput } from '../stack/route';
import { neighOutput } from '../stack/neigh';
import { formatIp } from '../../net/ipv4';
import { micros } from '../engine/time';

/** Delay of the multicast work item's transmit on the master, after the siblings' copies. */
const MULTICAST_WORK_DELAY = micros(50);

/** The L3 address a frame is steered by: IPv4 destination or ARP target. */
function l3Dst(frame: Uint8Array): number | undefined {
  const type = (frame[12] << 8) | frame[13];
  const u32 = (o: number) => ((frame[o] << 24) | (frame[o + 1] << 16) | (frame[o + 2] << 8) | frame[o + 3]) >>> 0;
  if (type === ETHERTYPE_IPV4 && frame.length >= 34) return u32(30);
  if (type === ETHERTYPE_ARP && frame.length >= 42) return u32(38);
  return undefined;
}

function l3Src(frame: Uint8Array): number | undefined {
  const type = (frame[12] << 8) | frame[13];
  const u32 = (o: number) => ((frame[o] << 24) | (frame[o + 1] << 16) | (frame[o + 2] << 8) | frame[o + 3]) >>> 0;
  if (type === ETHERTYPE_IPV4 && frame.length >= 34) return u32(26);
  if (type === ETHERTYPE_ARP && frame.length >= 42) return u32(28);
  return undefined;
}

/** ipvlan_addr_lookup: the up child holding `ip`. */
function childByIp(port: IpvlanPort, ip: number | undefined): SimDev | undefined {
  if (ip === undefined) return undefined;
  for (const c of port.children) if (c.up && c.addrs.some((a) => a.addr === ip)) return c;
  return undefined;
}

function toChild(sim: Sim, child: SimDev, skb: Skb): void {
  sim.engine.call(sim.hopDelay, netifReceive, sim, child, { data: skb.data, hops: skb.hops, lineage: skb.lineage, forceHost: true });
}

/** ipvlan_queue_xmit. */
export function ipvlanXmit(sim: Sim, dev: SimDev, skb: Skb): boolean {
  const master = dev.lower;
  const port = master?.ipvlanPort;
  const data = skb.data;
  if (!master || !port) {
    drop(sim, dev, 'ipvlan', `${dev.name}: ipvlan without a master`, data);
    return true;
  }
  if (!master.up) {
    drop(sim, dev, 'ipvlan', `${dev.name}: ipvlan master ${master.name} is down`, data);
    return true;
  }
  if (port.mode === 'l2') {
    if (port.flag !== 'vepa' && readMac(data, 0) === readMac(data, 6)) {
      const sib = childByIp(port, l3Dst(data));
      if (sib) {
        if (port.flag === 'private') {
          drop(sim, dev, 'ipvlan', `${dev.name}: ipvlan private: no switching between children (ipvlan_core.c ipvlan_xmit_mode_l2)`, data);
          return true;
        }
        toChild(sim, sib, skb);
        return true;
      }
      // same MAC but not a sibling: the master's own address; into the master's receive path
      sim.engine.call(sim.hopDelay, netifReceive, sim, master, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
      return true;
    }
    if (data[0] & 1) {
      // ipvlan_multicast_enqueue → ipvlan_process_multicast (a work item): each sibling's
      // copy goes through netif_rx with bottom halves re-enabled, so it is fully processed
      // (replies included) before the same work item transmits the original on the master.
      for (const c of port.children) if (c !== dev && c.up) toChild(sim, c, skb);
      sim.engine.after(MULTICAST_WORK_DELAY, () => devXmit(sim, master, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false }));
      return true;
    }
    devXmit(sim, master, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
    return true;
  }
  // l3 / l3s
  const dst = l3Dst(data);
  if (port.flag !== 'vepa') {
    const sib = childByIp(port, dst);
    if (sib) {
      if (port.flag === 'private') {
        drop(sim, dev, 'ipvlan', `${dev.name}: ipvlan private: no switching between children (ipvlan_core.c ipvlan_xmit_mode_l3)`, data);
        return true;
      }
      toChild(sim, sib, skb);
      return true;
    }
  }
  if (data[0] & 1) {
    drop(sim, dev, 'ipvlan', `${dev.name}: ipvlan ${port.mode} never sends broadcast or multicast out (ipvlan_core.c ipvlan_process_outbound)`, data);
    return false;
  }
  if (((data[12] << 8) | data[13]) !== ETHERTYPE_IPV4 || dst === undefined) return true;
  const ip = data.slice(14);
  const r = routeOutput(master.ns, dst, { oif: master, src: l3Src(data) });
  if (r.kind === 'error') {
    drop(sim, dev, 'no-route', `${dev.name}: no route for ${formatIp(dst)} in the master's namespace (ipvlan_core.c ipvlan_process_v4_outbound)`, data);
    return true;
  }
  if (r.kind === 'local') {
    const frame = new Uint8Array(14 + ip.length);
    frame[12] = 0x08;
    frame.set(ip, 14);
    devXmit(sim, r.dev, { data: frame, hops: 0, lineage: undefined, forceHost: false });
    return true;
  }
  neighOutput(sim, r.dev, r.nexthop, ip, l3Src(data));
  return true;
}

/** ipvlan_handle_frame: the rx_handler on the master. */
export function ipvlanRx(sim: Sim, master: SimDev, skb: Skb): RxResult {
  const port = master.ipvlanPort as IpvlanPort;
  const data = skb.data;
  if (port.mode === 'l2' && data[0] & 1) {
    const own = readMac(data, 6) === master.mac && childByIp(port, l3Src(data));
    if (!own) for (const c of port.children) if (c.up) toChild(sim, c, skb);
    return 'pass';
  }
  const child = childByIp(port, l3Dst(data));
  if (!child) return 'pass';
  if (port.mode === 'l3s' && ((data[12] << 8) | data[13]) === ETHERTYPE_ARP) return 'pass';
  netifReceive(sim, child, { data, hops: skb.hops, lineage: skb.lineage, forceHost: true });
  return 'consumed';
}
