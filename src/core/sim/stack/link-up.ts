/**
 * Traffic an interface sends by itself when it comes up. Gratuitous ARP only with
 * arp_notify=1 (devinet.c inetdev_event NETDEV_UP → inetdev_send_gratuitous_arp); and the
 * IPv6 traffic a Linux interface always sends (addrconf: MLD
 * reports for the all-nodes/solicited-node groups, DAD neighbour solicitations). The
 * simulator does not model IPv6 and captures leave it out, as the harness does — but
 * these frames still cross bridges and switches, which learn their source MACs. That is
 * why a bridge's FDB knows hosts that never sent any IPv4 (measured in the bridge cases).
 */
import type { Sim, SimDev } from '../model';
import { devXmit } from '../dev-core';
import { writeEthernetHeader } from '../wire/ethernet';
import { micros } from '../engine/time';
import { arpRequest } from '../wire/frames';
import { confMax } from './sysctl';

/** An MLDv2-report-shaped frame: to 33:33:00:00:00:16, IPv6 header only (no payload). */
function mldFrame(dev: SimDev): Uint8Array {
  const f = new Uint8Array(14 + 40);
  writeEthernetHeader(f, '33:33:00:00:00:16', dev.mac, 0x86dd);
  f[14] = 0x60;
  f[20] = 59; // no next header
  f[21] = 1; // hop limit
  f[38] = 0xff;
  f[39] = 0x02;
  f[53] = 0x16;
  return f;
}

function sendsIpv6(dev: SimDev): boolean {
  return dev.up && dev.carrier && !dev.noarp && dev.kind !== 'loopback' && dev.kind !== 'tun';
}

/** Schedules the link-up frames of every interface that is up with carrier, at the start of the run. */
export function scheduleLinkUp(sim: Sim): void {
  let i = 0;
  for (const dev of sim.devs) {
    if (!sendsIpv6(dev)) continue;
    sim.engine.after(micros(50) * ++i, () => {
      if (!sendsIpv6(dev)) return;
      if (confMax(dev, 'arp_notify') > 0) {
        for (const a of dev.addrs) devXmit(sim, dev, { data: arpRequest({ src: dev.mac, senderIp: a.addr, targetIp: a.addr }), hops: 0, lineage: undefined, forceHost: false });
      }
      devXmit(sim, dev, { data: mldFrame(dev), hops: 0, lineage: undefined, forceHost: false });
    });
  }
}
