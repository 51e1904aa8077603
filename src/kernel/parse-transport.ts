/** Reading what `nc -z -v` and `traceroute -n -q 1` printed into probe results. */
import type { ProbeError, ProbeResult } from '../core/observation/types';
import { splitLines } from './parse-probes';

/** nc -z -v: "Connection to A P port [tcp/…] succeeded!" or "nc: connect to A port P (tcp) failed: …". */
export function parseConnect(line: string, proto: 'tcp' | 'udp', rc: number, stdout: string, stderr: string): ProbeResult {
  const text = `${stdout}\n${stderr}`;
  const ok = rc === 0 && /succeeded!/.test(text);
  const errs = splitLines(text).map((l) => l.trim()).filter((l) => l.startsWith('nc: ')).map((l) => l.slice(4));
  let error: ProbeError | null = null;
  if (!ok) {
    const j = errs.join(' ');
    if (j.includes('Connection refused')) error = 'connection_refused';
    else if (j.includes('timed out')) error = 'timed_out';
    else if (j.includes('Network is unreachable')) error = 'network_unreachable';
    else if (j.includes('No route to host')) error = 'host_unreachable';
    // nc -u reports a refused datagram by its exit status alone
    else if (proto === 'udp' && rc === 1 && errs.length === 0) error = 'connection_refused';
    else error = 'local_error';
  }
  return { probe: line, rc, ok, local_errors: errs, error };
}

/** traceroute -n -q 1: one " N  ADDRESS  T ms [!H]" or " N  *" line per TTL. */
export function parseTraceroute(line: string, rc: number, stdout: string, stderr: string, dst: string): ProbeResult {
  const hops: string[] = [];
  for (const raw of splitLines(stdout)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(raw);
    if (!m) continue;
    const words = m[2].trim().split(/\s+/);
    if (words[0] === '*') { hops.push('*'); continue; }
    const notes = words.filter((w) => w.startsWith('!'));
    hops.push([words[0], ...notes].join(' '));
  }
  const local = splitLines(stderr).map((l) => l.trim()).filter(Boolean);
  const ok = hops.some((h) => h.split(' ')[0] === dst);
  let error: ProbeError | null = null;
  if (!ok) error = local.some((l) => l.includes('Network is unreachable')) ? 'network_unreachable' : local.length && hops.length === 0 ? 'local_error' : 'no_reply';
  return { probe: line, rc, ok, hops, local_errors: local, error };
}
