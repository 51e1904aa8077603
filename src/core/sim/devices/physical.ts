/**
 * A physical NIC and the LAN segment (switch) it is plugged into. The NIC filters in
 * hardware: its own MAC, the extra unicast list (macvlan children, VLAN devices with their
 * own MAC), broadcast and multicast, or everything when promiscuous. The segment is a
 * plain learning switch (like the harness's STP-off Linux bridge); a port with `hairpin`
 * reflects frames back to the NIC it faces.
 */
import type { LanSegment, Sim, SimDev, Skb } from '../model';
import { deliverLater, dropWhy, loopDetected } from '../dev-core';
import { macAt } from '../mac-cache';

// Drop explanations, rendered when the trace is read (dev-core.ts dropWhy).
const whyUnicastFilter = (dev: SimDev, dst: string) => `${dev.name}: the NIC's unicast filter drops a frame for ${dst} (not its MAC, not in its extra-unicast list)`;

/** The NIC transmits onto its LAN segment. */
export function physicalXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const lan = dev.lan;
  if (!lan) return;
  sim.engine.call(sim.hopDelay, lanForward, sim, lan, dev, skb);
}

function lanForward(sim: Sim, lan: LanSegment, from: SimDev, skb: Skb): void {
  const data = skb.data;
  if (loopDetected(sim, skb, lan, from, `LAN ${lan.name}`)) return;
  const src = macAt(data, 6);
  if (!(data[6] & 1)) lan.fdb.set(src, { port: from, updated: sim.engine.now });
  const group = (data[0] & 1) === 1;
  if (!group) {
    const hit = lan.fdb.get(macAt(data, 0));
    if (hit) {
      if (hit.port !== from || from.cfg.kind === 'physical' && from.cfg.lanHairpin) nicReceive(sim, hit.port, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
      return;
    }
  }
  // A segment behaves as the Linux bridge that emulates it: br_add_if puts each new port at
  // the head of port_list, so a flood reaches the most recently attached port first (which
  // decides, e.g., whose ARP reply arrives first when two NICs answer).
  for (let i = lan.ports.length - 1; i >= 0; i--) {
    const p = lan.ports[i];
    if (p === from && !(p.cfg.kind === 'physical' && p.cfg.lanHairpin)) continue;
    nicReceive(sim, p, { data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
  }
}

/** A frame reaches the NIC from the wire: the hardware filter, then the receive path. */
function nicReceive(sim: Sim, dev: SimDev, skb: Skb): void {
  if (!dev.up || !dev.carrier) return;
  const data = skb.data;
  if (!(data[0] & 1) && !dev.promisc) {
    const dst = macAt(data, 0);
    if (dst !== dev.mac && !dev.ucList.has(dst)) {
      dropWhy(sim, dev, 'other-host', whyUnicastFilter, dev, dst, data);
      return;
    }
  }
  deliverLater(sim, dev, skb);
}
