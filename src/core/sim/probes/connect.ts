/**
 * `nc -z -v -w WAIT ADDRESS PORT` and `nc -z -u -v -w WAIT …` (netcat-openbsd) as the
 * kernel runner runs them. TCP: connect() sends a SYN; a SYN-ACK connects (exit 0, "Connection
 * to … succeeded!", then nc closes), a reset or an ICMP error fails it at once, nothing within
 * WAIT seconds times out (exit 1). UDP: nc writes one byte twice in a row on a connected
 * socket; an ICMP port unreachable that came back before the second write makes it fail with
 * ECONNREFUSED (exit 1, silently); otherwise nc waits WAIT seconds and reports success (it
 * cannot tell an open port from a silent one), then writes once more.
 */
import { formatIp, parseIp } from '../../net/ipv4';
import type { ConnectProbe } from '../../world/probes';
import type { ProbeResult } from '../../observation/types';
import type { Sim } from '../model';
import { micros, seconds } from '../engine/time';
import { tcpConnect, udpConnect } from '../stack/transport';

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused', EHOSTUNREACH: 'No route to host', ENETUNREACH: 'Network is unreachable',
  EACCES: 'Permission denied', EINVAL: 'Invalid argument', ENOPROTOOPT: 'Protocol not available', EMSGSIZE: 'Message too long',
};

/** Gap between nc's two back-to-back UDP writes. */
const UDP_WRITE_GAP = micros(100);

export function errnoText(errno: string): string { return ERRNO_TEXT[errno] ?? errno; }

/** The error kind of a failed connect (the runner reads the same from nc's words). */
export function connectErrorKind(errno: string): ProbeResult['error'] {
  if (errno === 'ECONNREFUSED') return 'connection_refused';
  if (errno === 'ETIMEDOUT') return 'timed_out';
  if (errno === 'ENETUNREACH') return 'network_unreachable';
  if (errno === 'EHOSTUNREACH') return 'host_unreachable';
  return 'local_error';
}

export function startConnect(sim: Sim, probe: ConnectProbe, done: (r: ProbeResult) => void, index = -1): void {
  const ns = sim.nsByLabel.get(probe.ns);
  const result: ProbeResult = { probe: probe.line, rc: 1, ok: false, local_errors: [], error: null };
  let finished = false;
  const proto = probe.kind;
  const finish = (rc: number, errno?: string, from?: number) => {
    if (finished) return;
    finished = true;
    result.rc = rc;
    result.ok = rc === 0;
    if (errno) {
      result.error = connectErrorKind(errno);
      const verb = errno === 'ETIMEDOUT' ? 'timed out: Operation now in progress' : `failed: ${errnoText(errno)}`;
      if (proto === 'tcp' || errno !== 'ECONNREFUSED') result.local_errors!.push(`connect to ${probe.dst} port ${probe.port} (${proto}) ${verb}`);
      // nc does not say who refused: the address stays in the trace only
      if (from !== undefined) sim.trace.push({ t: sim.engine.now, kind: 'note', ns: probe.ns, text: `${proto} ${probe.dst}:${probe.port}: ${errnoText(errno)} (from ${formatIp(from)})` });
    }
    const detail = result.ok ? `Connection to ${probe.dst} ${probe.port} port [${proto}] succeeded!` : (result.local_errors![0] ?? `${proto} ${probe.dst}:${probe.port} refused`);
    sim.trace.push({ t: sim.engine.now, kind: 'probe-end', index, line: probe.line, ok: result.ok, detail });
    done(result);
  };
  if (!ns) {
    sim.trace.push({ t: sim.engine.now, kind: 'note', ns: probe.ns, text: `Cannot open network namespace "${probe.ns}": No such file or directory` });
    sim.engine.after(0, () => finish(255));
    return;
  }
  const dst = parseIp(probe.dst);
  if (dst === undefined) {
    result.local_errors!.push(`getaddrinfo for host "${probe.dst}" port ${probe.port}: Name or service not known`);
    sim.engine.after(0, () => finish(1, 'EINVAL'));
    return;
  }
  sim.engine.after(0, () => {
    if (proto === 'tcp') {
      const sock: { close?: () => void } = {};
      const s = tcpConnect(sim, ns, dst, probe.port, {
        onConnected: () => { finish(0); sock.close?.(); },
        onError: (errno, from) => finish(1, errno, from),
      });
      if ('errno' in s) { finish(1, s.errno); return; }
      sock.close = s.close;
      sim.engine.after(seconds(probe.wait), () => { if (!finished) { s.close(); finish(1, 'ETIMEDOUT'); } });
      return;
    }
    let pending: string | undefined;
    let from: number | undefined;
    const u = udpConnect(sim, ns, dst, probe.port, { onError: (errno, f) => { pending ??= errno; from ??= f; } });
    if ('errno' in u) { finish(1, u.errno); return; }
    const X = new Uint8Array([0x58]);
    const write = () => {
      if (pending) { const e = pending; pending = undefined; return e; }
      return u.send(X);
    };
    const e1 = write();
    if (e1) { u.close(); finish(1, e1, from); return; }
    sim.engine.after(UDP_WRITE_GAP, () => {
      const e2 = write();
      if (e2) { u.close(); finish(1, e2, from); return; }
      sim.engine.after(seconds(probe.wait), () => { finish(0); write(); u.close(); });
    });
  });
}
