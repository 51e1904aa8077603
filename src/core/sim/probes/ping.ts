/**
 * `ping -n -c COUNT -W WAIT [-I DEV|ADDR] DST` (iputils) as the conformance harness runs
 * it: a raw ICMP socket in the namespace, one echo request per 0.5 s, the run ends when
 * every request got a reply or an error (nreceived + nerrors ≥ count) or WAIT seconds
 * after the last request. Exit status 0 with a reply, 1 without, 2 on a local error.
 */
import { formatIp, parseIp } from '../../net/ipv4';
import type { PingProbe } from '../../world/probes';
import type { ProbeError, ProbeResult } from '../../observation/types';
import type { IcmpSocket, Sim, SimDev } from '../model';
import { emitIcmp } from '../wire/icmp';
import { IPPROTO_ICMP } from '../wire/ipv4';
import { pingData } from '../wire/frames';
import { ipSendLocal } from '../stack/ip-output';
import { isBroadcastAddr } from '../stack/route';
import { seconds } from '../engine/time';
import type { TimerHandle } from '../engine/engine';

const UNREACH_TEXT: Record<number, string> = {
  0: 'Destination Net Unreachable', 1: 'Destination Host Unreachable', 2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable', 4: 'Frag needed and DF set', 5: 'Source Route Failed',
  6: 'Destination Net Unknown', 7: 'Destination Host Unknown', 9: 'Destination Net Prohibited',
  10: 'Destination Host Prohibited', 13: 'Packet filtered',
};

function errorText(type: number, code: number): string {
  if (type === 3) return UNREACH_TEXT[code] ?? `Dest Unreachable, Bad Code: ${code}`;
  if (type === 11) return code === 0 ? 'Time to live exceeded' : 'Frag reassembly time exceeded';
  return `Bad ICMP type: ${type}`;
}

const REDIRECT_TEXT: Record<number, string> = { 0: 'Network', 1: 'Host', 2: 'Type of Service and Network', 3: 'Type of Service and Host' };

const ERRNO_TEXT: Record<string, string> = {
  ENETUNREACH: 'connect: Network is unreachable',
  EHOSTUNREACH: 'connect: No route to host',
  EACCES: 'connect: Permission denied',
  EINVAL: 'connect: Invalid argument',
};

/** One line saying how a probe ended, for the trace. */
export function probeDetail(r: Pick<ProbeResult, 'ok' | 'reply_from' | 'icmp_errors' | 'local_errors'> & { error?: ProbeResult['error']; replies?: string[] }): string {
  if (r.ok) return `reply from ${(r.replies ?? r.reply_from ?? []).join(', ')}`;
  const first = r.icmp_errors?.[0];
  if (first) return `${r.error ?? 'error'}: From ${first.from} ${first.msg}`;
  if (r.local_errors && r.local_errors.length > 0) return `${r.error ?? 'local error'}: ${r.local_errors[0]}`;
  return r.error ?? 'no reply';
}

/** Classifies a finished ping as the harness does (oracle.py run_ping). */
export function classifyPing(r: ProbeResult): ProbeError | null {
  if (r.ok) return null;
  const local = (r.local_errors ?? []).join(' ');
  const msgs = (r.icmp_errors ?? []).map((e) => e.msg).join(' ');
  if (local.includes('Network is unreachable')) return 'network_unreachable';
  if (msgs.includes('Destination Host Unreachable')) return 'host_unreachable';
  if (msgs.includes('Destination Net Unreachable')) return 'net_unreachable';
  if (msgs.includes('Time to live exceeded')) return 'ttl_exceeded';
  if (msgs.includes('Destination Port Unreachable')) return 'port_unreachable';
  if (msgs.includes('Packet filtered')) return 'packet_filtered';
  if (msgs) return 'icmp_error';
  if (local) return 'local_error';
  return 'no_reply';
}

/**
 * Starts a ping; `done` is called (from an engine event) with the result, after a
 * `probe-end` trace event carrying `index` (-1 for a ping outside a probe file).
 */
export function startPing(sim: Sim, probe: PingProbe, done: (r: ProbeResult) => void, index = -1): void {
  const ns = sim.nsByLabel.get(probe.ns);
  const result: ProbeResult = { probe: probe.line, rc: 1, ok: false, received: 0, reply_from: [], icmp_errors: [], local_errors: [], error: null };
  const finish = (rc: number) => {
    if (finished) return;
    finished = true;
    if (ns) ns.icmpSockets.delete(sock);
    sim.engine.cancel(timer.deadline);
    for (const t of sends) sim.engine.cancel(t);
    result.rc = rc;
    result.ok = rc === 0 && (result.received ?? 0) > 0;
    result.reply_from = [...new Set(result.reply_from)].sort();
    result.error = classifyPing(result);
    if (result.icmp_errors && result.icmp_errors.length > 0) result.error_from = result.icmp_errors[0].from;
    sim.trace.push({ t: sim.engine.now, kind: 'probe-end', index, line: probe.line, ok: result.ok, detail: probeDetail(result) });
    done(result);
  };
  let finished = false;
  let errors = 0;
  const sends: TimerHandle[] = [];
  const timer: { deadline?: TimerHandle } = {};
  const dst = parseIp(probe.dst);
  const sock: IcmpSocket = {
    id: sim.rng.int(1, 0xffff),
    onEchoReply: (from) => {
      result.received = (result.received ?? 0) + 1;
      result.reply_from!.push(formatIp(from));
      if ((result.received ?? 0) + errors >= probe.count) finish(0);
    },
    onError: (from, type, code, gateway) => {
      if (type === 5) {
        // iputils prints a redirect but does not count it as an error for the probe
        result.icmp_errors!.push({ from: formatIp(from), msg: `Redirect ${REDIRECT_TEXT[code] ?? 'Host'}(New nexthop: ${formatIp(gateway ?? 0)})` });
        return;
      }
      errors++;
      result.icmp_errors!.push({ from: formatIp(from), msg: errorText(type, code) });
      if ((result.received ?? 0) + errors >= probe.count) finish(result.received ? 0 : 1);
    },
  };
  if (!ns) {
    // `ip netns exec` fails before ping runs: exit 255, and its message is not a "ping:" line
    const why = `Cannot open network namespace "${probe.ns}": No such file or directory`;
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: probe.ns, text: why });
    sim.engine.after(0, () => finish(255));
    return;
  }
  if (dst === undefined) {
    result.local_errors!.push(`${probe.dst}: Name or service not known`);
    sim.engine.after(0, () => finish(2));
    return;
  }
  let oif: SimDev | undefined;
  let src: number | undefined = probe.src ? parseIp(probe.src) : undefined;
  if (probe.iface) {
    const asIp = parseIp(probe.iface);
    if (asIp !== undefined) src = asIp;
    else {
      oif = ns.byName.get(probe.iface);
      if (!oif) {
        result.local_errors!.push(`SO_BINDTODEVICE ${probe.iface}: No such device`);
        sim.engine.after(0, () => finish(2));
        return;
      }
    }
  }
  if (isBroadcastAddr(ns, dst)) {
    // iputils refuses a broadcast destination unless -b is given
    result.local_errors!.push('Do you want to ping broadcast? Then -b. If not, check your local firewall rules');
    sim.engine.after(0, () => finish(2));
    return;
  }
  ns.icmpSockets.add(sock);
  const interval = seconds(0.5);
  // one request per interval; each send schedules the next, so the agenda stays small
  const send = (seq: number) => {
    const payload = emitIcmp({ kind: 'echo-request', code: 0, id: sock.id, seq, data: pingData(sim.engine.now) });
    const r = ipSendLocal(sim, ns, { dst, src, oif, proto: IPPROTO_ICMP, payload, df: true });
    if (!r.ok) {
      result.local_errors!.push(ERRNO_TEXT[r.errno] ?? `sendmsg: ${r.errno}`);
      finish(2);
      return;
    }
    if (seq < probe.count && !finished) sends.push(sim.engine.after(interval, () => send(seq + 1)));
  };
  sends.push(sim.engine.after(0, () => send(1)));
  timer.deadline = sim.engine.after((probe.count - 1) * interval + seconds(probe.wait), () => finish((result.received ?? 0) > 0 ? 0 : 1));
}
