/**
 * What iputils `ping` and `arping` print, line by line, for a probe running in the
 * simulator. The core probes report only their end result, so this adapter wraps the
 * socket they open to see each reply as it arrives (time, TTL, sequence number).
 */
import { formatIp } from '../../core/net/ipv4';
import type { ProbeResult } from '../../core/observation/types';
import type { IcmpSocket, Sim, SimNs } from '../../core/sim/model';
import type { PingProbe } from '../../core/world/probes';
import type { PingOutcome } from '../protocol';

/** Called with each piece of output; `done` with the outcome on the last one. */
export type ProbeSink = (text: string, done: boolean, outcome?: PingOutcome) => void;

/** The four outcomes a class predicts, from the harness's classification. */
export function pingOutcome(r: ProbeResult): PingOutcome {
  if (r.ok) return 'reply';
  if (r.error === 'host_unreachable') return 'host-unreachable';
  if (r.error === 'network_unreachable') return 'network-unreachable';
  return 'no-reply';
}

/** Time stamp iputils writes in the echo data (struct timeval, little-endian here), ns. */
function sentAt(ip: Uint8Array): number | undefined {
  const ihl = (ip[0] & 15) * 4;
  const data = ip.subarray(ihl + 8);
  if (data.length < 16) return undefined;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return (v.getUint32(0, true) + v.getUint32(4, true) * 2 ** 32) * 1e9 + v.getUint32(8, true) * 1e3;
}

function ms(ns: number): string {
  return (ns / 1e6).toFixed(3);
}

/** The `PING …` banner iputils prints before the first request. */
export function pingBanner(ns: SimNs | undefined, probe: PingProbe): string {
  const dev = probe.iface ? ns?.byName.get(probe.iface) : undefined;
  const from = dev ? ` from ${dev.addrs[0] ? formatIp(dev.addrs[0].addr) : '0.0.0.0'} ${dev.name}:` : '';
  return `PING ${probe.dst} (${probe.dst})${from} 56(84) bytes of data.`;
}

const UNREACH: Record<number, string> = {
  0: 'Destination Net Unreachable', 1: 'Destination Host Unreachable', 2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable', 4: 'Frag needed and DF set', 13: 'Packet filtered',
};

/** iputils' wording of an ICMP error. */
function errorText(type: number, code: number): string {
  if (type === 3) return UNREACH[code] ?? `Dest Unreachable, Bad Code: ${code}`;
  if (type === 11) return code === 0 ? 'Time to live exceeded' : 'Frag reassembly time exceeded';
  return `Bad ICMP type: ${type}`;
}

/** Wraps the socket the core ping just opened so each reply and error prints a line as it arrives. */
export function watchPingSocket(sim: Sim, sock: IcmpSocket, sink: ProbeSink, rtts: number[]): void {
  const reply = sock.onEchoReply;
  const error = sock.onError;
  let answered = 0;
  sock.onEchoReply = (from, ip) => {
    const ihl = (ip[0] & 15) * 4;
    const len = ((ip[2] << 8) | ip[3]) - ihl;
    const seq = (ip[ihl + 6] << 8) | ip[ihl + 7];
    const t0 = sentAt(ip);
    const rtt = t0 === undefined ? 0 : Math.max(0, sim.engine.now - t0);
    rtts.push(rtt);
    answered++;
    sink(`${len} bytes from ${formatIp(from)}: icmp_seq=${seq} ttl=${ip[8]} time=${ms(rtt)} ms`, false);
    reply(from, ip);
  };
  sock.onError = (from, type, code) => {
    answered++;
    sink(`From ${formatIp(from)} icmp_seq=${answered} ${errorText(type, code)}`, false);
    error(from, type, code);
  };
}

/** The summary block iputils prints when ping ends. */
export function pingSummary(probe: PingProbe, r: ProbeResult, transmitted: number, elapsedNs: number, rtts: number[]): string {
  const lines: string[] = [];
  const received = r.received ?? 0;
  const errs = (r.icmp_errors ?? []).length;
  const loss = transmitted ? Math.round(((transmitted - received) / transmitted) * 100) : 0;
  lines.push('', `--- ${probe.dst} ping statistics ---`);
  lines.push(`${transmitted} packets transmitted, ${received} received${errs ? `, +${errs} errors` : ''}, ${loss}% packet loss, time ${Math.round(elapsedNs / 1e6)}ms`);
  if (rtts.length) {
    const min = Math.min(...rtts), max = Math.max(...rtts);
    const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / rtts.length);
    lines.push(`rtt min/avg/max/mdev = ${ms(min)}/${ms(avg)}/${ms(max)}/${ms(mdev)} ms`);
  }
  return lines.join('\n');
}
