/**
 * `arping -c1 -w WAIT -i DEV ADDRESS` (Habets arping 2.x): one broadcast ARP request
 * written on a packet socket of DEV (sender IP: DEV's first address), then the replies
 * seen on DEV from ADDRESS until the first one or the deadline. Exit 0 with a reply.
 */
import { parseIp } from '../../net/ipv4';
import type { ArpingProbe } from '../../world/probes';
import type { ProbeResult } from '../../observation/types';
import type { ArpSocket, Sim } from '../model';
import { ARP_REPLY, parseArp } from '../wire/arp';
import { arpRequest } from '../wire/frames';
import { devXmit } from '../dev-core';
import { probeDetail } from './ping';
import { seconds } from '../engine/time';
import type { TimerHandle } from '../engine/engine';

/** An arping result before MAC labelling: `replies` holds raw MACs. */
export type RawArpingResult = Omit<ProbeResult, 'error'> & { error?: ProbeResult['error']; replies: string[] };

/** Starts an arping; `done` gets the result with raw reply MACs, after a `probe-end` trace event carrying `index`. */
export function startArping(sim: Sim, probe: ArpingProbe, done: (r: RawArpingResult) => void, index = -1): void {
  const result = { probe: probe.line, rc: 1, ok: false, local_errors: [] as string[], replies: [] as string[] } as RawArpingResult;
  const ns = sim.nsByLabel.get(probe.ns);
  const dev = ns?.byName.get(probe.dev);
  const dst = parseIp(probe.dst);
  let finished = false;
  const timer: { deadline?: TimerHandle } = {};
  const finish = (refusedRc?: number) => {
    if (finished) return;
    finished = true;
    if (ns) ns.arpSockets.delete(sock);
    sim.engine.cancel(timer.deadline);
    result.ok = result.replies.length > 0;
    result.rc = refusedRc ?? (result.ok ? 0 : 1);
    result.replies = [...new Set(result.replies)];
    sim.trace.push({ t: sim.engine.now, kind: 'probe-end', index, line: probe.line, ok: result.ok, detail: probeDetail(result) });
    done(result);
  };
  const sock: ArpSocket = {
    dev: dev as ArpSocket['dev'],
    onArp: (frame) => {
      const type = (frame[12] << 8) | frame[13];
      if (type !== 0x0806) return;
      const a = parseArp(frame.subarray(14));
      if (!a || a.op !== ARP_REPLY || a.spa !== dst) return;
      result.replies.push(a.sha);
      sim.engine.after(0, () => finish());
    },
  };
  // Refusals before anything is sent, with the messages of `ip netns exec` and Habets arping 2.23
  // (libnet_init checks the interface; the sender address is the interface's own IPv4 address).
  const refuse = (rc: number, lines: string[]) => {
    result.local_errors!.push(...lines);
    sim.engine.after(0, () => finish(rc));
  };
  if (!ns) return refuse(255, [`Cannot open network namespace "${probe.ns}": No such file or directory`]);
  if (!dev) return refuse(1, [`arping: libnet_init(LIBNET_LINK, ${probe.dev}): libnet_check_iface() ioctl: No such device`]);
  if (!dev.up) return refuse(1, [`arping: libnet_init(LIBNET_LINK, ${probe.dev}): libnet_check_iface(): ${probe.dev} is down`]);
  if (dev.addrs.length === 0) {
    return refuse(1, [
      `arping: Unable to get the IPv4 address of interface ${probe.dev}:`,
      'arping: libnet_get_ipaddr4(): ioctl(): Cannot assign requested address',
      'arping: Use -S to specify address manually.',
    ]);
  }
  if (dst === undefined) return refuse(1, [`arping: Unable to resolve ${probe.dst}`]);
  ns.arpSockets.add(sock);
  timer.deadline = sim.engine.after(seconds(probe.wait), () => finish());
  const sip = dev.addrs[0].addr;
  if (!devXmit(sim, dev, { data: arpRequest({ src: dev.mac, senderIp: sip, targetIp: dst }), hops: 0, lineage: undefined, forceHost: false })) {
    // the driver refused the frame: libnet's write on the packet socket fails with ENOBUFS
    result.local_errors!.push('arping: libnet_write(): libnet_write_link(): only -1 bytes written (No buffer space available)');
  }
}
