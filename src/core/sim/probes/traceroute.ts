/**
 * `traceroute -n -q 1 -w WAIT -m MAX [-I] ADDRESS` (traceroute 2.1, Butskoy) as the kernel
 * runner runs it: one probe per TTL, all sent at once (it keeps up to 16 in flight; the
 * answers, not their order, decide the listing), UDP to port 33434 + TTL − 1 by default or
 * ICMP echo requests with -I. Each hop is whoever sent back an ICMP time exceeded
 * (icmp.c icmp_send from ip_forward when the TTL runs out), and the trace ends at the first
 * TTL answered by the destination (port unreachable, echo reply) or by another unreachable,
 * printed with traceroute's notes (!H host, !N net, !P protocol, !X prohibited). A TTL
 * nobody answered within WAIT seconds is `*`.
 */
import { formatIp, parseIp } from '../../net/ipv4';
import type { TracerouteProbe } from '../../world/probes';
import type { ProbeResult } from '../../observation/types';
import type { IcmpSocket, Sim } from '../model';
import { seconds } from '../engine/time';
import { emitUdp, ipv4PseudoSum } from '../wire/udp';
import { emitIcmp } from '../wire/icmp';
import { IPPROTO_ICMP, IPPROTO_UDP } from '../wire/ipv4';
import { ipSendLocal } from '../stack/ip-output';
import { routeOutput } from '../stack/route';
import { freePort } from '../stack/transport';

export const TRACEROUTE_BASE_PORT = 33434;
const IN_FLIGHT = 16;

/** traceroute's note after an address for an unreachable (print_probe's "!H"…). */
function noteOf(type: number, code: number): string {
  if (type !== 3) return '';
  switch (code) {
    case 3: return '';
    case 0: return ' !N';
    case 1: return ' !H';
    case 2: return ' !P';
    case 4: return ' !F';
    case 5: return ' !S';
    case 9: case 10: case 13: return ' !X';
    default: return ` !<${code}>`;
  }
}

/** The hop lines as `traceroute -n` prints them (times are the simulated round trips). */
export function tracerouteText(probe: TracerouteProbe, r: ProbeResult, rtts?: (number | undefined)[]): string {
  const head = `traceroute to ${probe.dst} (${probe.dst}), ${probe.max} hops max, 60 byte packets`;
  const lines = (r.hops ?? []).map((h, i) => {
    const n = String(i + 1).padStart(2);
    if (h === '*') return `${n}  *`;
    const [addr, ...note] = h.split(' ');
    const ms = rtts?.[i] !== undefined ? `  ${(rtts[i]! / 1e6).toFixed(3)} ms` : '';
    return `${n}  ${addr}${ms}${note.length ? ` ${note.join(' ')}` : ''}`;
  });
  return [head, ...lines].join('\n');
}

export function startTraceroute(sim: Sim, probe: TracerouteProbe, done: (r: ProbeResult, rtts: (number | undefined)[]) => void, index = -1): void {
  const ns = sim.nsByLabel.get(probe.ns);
  const result: ProbeResult = { probe: probe.line, rc: 0, ok: false, hops: [], local_errors: [], error: null };
  const answers: ({ from: number; note: string; final: boolean; at: number } | undefined)[] = [];
  const sentAt: number[] = [];
  let finished = false;
  const cleanups: (() => void)[] = [];
  const finish = () => {
    if (finished) return;
    finished = true;
    for (const c of cleanups) c();
    if (result.error) {
      sim.trace.push({ t: sim.engine.now, kind: 'probe-end', index, line: probe.line, ok: false, detail: `traceroute: ${result.local_errors?.[0] ?? result.error}` });
      done(result, []);
      return;
    }
    const hops: string[] = [];
    const rtts: (number | undefined)[] = [];
    for (let ttl = 1; ttl <= probe.max; ttl++) {
      const a = answers[ttl];
      hops.push(a ? `${formatIp(a.from)}${a.note}` : '*');
      rtts.push(a ? a.at - sentAt[ttl] : undefined);
      if (a?.final) break;
    }
    result.hops = hops;
    const dst = parseIp(probe.dst);
    result.ok = answers.some((a) => a?.from === dst);
    if (!result.ok) result.error = 'no_reply';
    sim.trace.push({ t: sim.engine.now, kind: 'probe-end', index, line: probe.line, ok: result.ok, detail: `traceroute: ${hops.join(', ')}` });
    done(result, rtts);
  };
  const dst = parseIp(probe.dst);
  if (!ns || dst === undefined) {
    result.rc = ns ? 2 : 255;
    if (ns) result.local_errors!.push(`${probe.dst}: Name or service not known`);
    result.error = 'local_error';
    sim.engine.after(0, finish);
    return;
  }
  const route = routeOutput(ns, dst, {});
  if (route.kind === 'error') {
    // traceroute prints "connect: Network is unreachable" style errors and exits 1 at the first send
    result.rc = 1;
    result.local_errors!.push(route.errno === 'ENETUNREACH' ? 'connect: Network is unreachable' : `connect: ${route.errno}`);
    result.error = route.errno === 'ENETUNREACH' ? 'network_unreachable' : 'local_error';
    sim.engine.after(0, finish);
    return;
  }
  const src = route.src ?? 0;
  const complete = () => {
    // done once every TTL up to the first final answer is answered
    for (let ttl = 1; ttl <= probe.max; ttl++) {
      const a = answers[ttl];
      if (!a) return false;
      if (a.final) return true;
    }
    return true;
  };
  const answer = (ttl: number, from: number, type: number, code: number) => {
    if (finished || answers[ttl]) return;
    const final = type !== 11;
    answers[ttl] = { from, note: from === dst && type === 3 && code === 3 ? '' : noteOf(type, code), final, at: sim.engine.now };
    if (complete()) sim.engine.after(0, finish);
  };
  const sport = probe.icmp ? 0 : freePort(sim, ns);
  if (!probe.icmp) {
    const listener = (from: number, type: number, code: number, q: Uint8Array) => {
      const qihl = (q[0] & 15) * 4;
      if (q[9] !== IPPROTO_UDP || ((q[qihl] << 8) | q[qihl + 1]) !== sport) return;
      const ttl = ((q[qihl + 2] << 8) | q[qihl + 3]) - TRACEROUTE_BASE_PORT + 1;
      if (ttl >= 1 && ttl <= probe.max) answer(ttl, from, type, code);
    };
    (ns.icmpErrorListeners ??= new Set()).add(listener);
    cleanups.push(() => ns.icmpErrorListeners?.delete(listener));
  }
  const send = (ttl: number) => {
    if (finished) return;
    sentAt[ttl] = sim.engine.now;
    if (probe.icmp) {
      const sock: IcmpSocket = {
        id: sim.rng.int(1, 0xffff),
        onEchoReply: (from) => answer(ttl, from, 0, 0),
        onError: (from, type, code) => { if (type !== 5) answer(ttl, from, type, code); },
      };
      ns.icmpSockets.add(sock);
      cleanups.push(() => ns.icmpSockets.delete(sock));
      const payload = emitIcmp({ kind: 'echo-request', code: 0, id: sock.id, seq: ttl, data: new Uint8Array(32) });
      ipSendLocal(sim, ns, { dst, src, proto: IPPROTO_ICMP, payload, ttl });
      return;
    }
    const data = new Uint8Array(32);
    const port = TRACEROUTE_BASE_PORT + ttl - 1;
    const payload = emitUdp({ srcPort: sport, dstPort: port, payload: data }, ipv4PseudoSum(src, dst, 8 + data.length));
    ipSendLocal(sim, ns, { dst, src, proto: IPPROTO_UDP, payload, ttl });
  };
  // the first batch at once, the rest as the batch's wait runs out
  const batches = Math.ceil(probe.max / IN_FLIGHT);
  for (let b = 0; b < batches; b++) {
    sim.engine.after(seconds(probe.wait) * b, () => {
      if (finished || (b > 0 && answers.some((a) => a?.final))) return;
      for (let ttl = b * IN_FLIGHT + 1; ttl <= Math.min(probe.max, (b + 1) * IN_FLIGHT); ttl++) send(ttl);
    });
  }
  sim.engine.after(seconds(probe.wait) * batches, finish);
}
