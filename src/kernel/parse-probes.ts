/**
 * Reading what `ping` and `arping` printed into probe results, with the exact rules of the
 * conformance harness (shared/conformance/lib/oracle.py `run_ping` / `run_arping`), so the
 * verdicts and error kinds match expected.json.
 */
import type { ProbeError, ProbeResult } from '../core/observation/types';

/** Python's str.splitlines (the line breaks that matter in tool output). */
export function splitLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- Python splits on these control characters too
  const lines = text.split(/\r\n|\r|\n|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The result of one ping probe from its exit status, stdout and stderr. */
export function parsePing(line: string, rc: number, stdout: string, stderr: string): ProbeResult {
  const text = `${stdout}\n${stderr}`;
  const m = /(\d+) packets transmitted, (\d+) received/.exec(text);
  const received = m ? Number(m[2]) : 0;
  const ok = rc === 0 && received > 0;
  const replies = [...new Set([...text.matchAll(/bytes from ([0-9.]+)/g)].map((x) => x[1]))].sort();
  const errors: { from: string; msg: string }[] = [];
  for (const raw of splitLines(text)) {
    const l = raw.trim();
    const mm = /^From ([0-9.]+)(?: icmp_seq=\d+)?:? ?(.*)$/.exec(l);
    if (mm) errors.push({ from: mm[1], msg: mm[2].replace(/icmp_seq=\d+\s*/g, '').trim() });
  }
  const localErrors = splitLines(text)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('ping:'))
    .map((l) => l.replace(/^ping: /, ''));
  const res: ProbeResult = {
    probe: line,
    rc,
    ok,
    received,
    reply_from: replies,
    icmp_errors: errors,
    local_errors: localErrors,
    error: ok ? null : pingErrorKind(rc, errors, localErrors),
  };
  if (errors.length) res.error_from = errors[0].from;
  return res;
}

function pingErrorKind(rc: number, errors: { msg: string }[], localErrors: string[]): ProbeError {
  const joined = localErrors.join(' ');
  const msgs = errors.map((e) => e.msg).join(' ');
  if (joined.includes('Network is unreachable')) return 'network_unreachable';
  if (msgs.includes('Destination Host Unreachable')) return 'host_unreachable';
  if (msgs.includes('Destination Net Unreachable')) return 'net_unreachable';
  if (msgs.includes('Time to live exceeded')) return 'ttl_exceeded';
  if (msgs.includes('Destination Port Unreachable')) return 'port_unreachable';
  if (msgs.includes('Packet filtered')) return 'packet_filtered';
  if (msgs) return 'icmp_error';
  if (localErrors.length) return 'local_error';
  // the harness's verdict when `timeout` had to stop ping (not a ProbeError the simulator makes)
  if (rc === 124 || rc === 137) return 'timeout' as ProbeError;
  return 'no_reply';
}

/** An arping result before MACs are labelled: `replies_raw` holds the answering MACs. */
export interface RawArping {
  probe: string;
  rc: number;
  ok: boolean;
  replies_raw: string[];
  local_errors: string[];
}

/** The result of one arping probe (Habets' arping output). */
export function parseArping(line: string, rc: number, stdout: string, stderr: string): RawArping {
  const macs = [...stdout.matchAll(/bytes from ([0-9a-f:]{17}) \(([0-9.]+)\)/g)].map((x) => x[1]);
  return {
    probe: line,
    rc,
    ok: macs.length > 0,
    replies_raw: macs,
    local_errors: splitLines(stderr).filter((l) => l.trim()),
  };
}

/** Replaces an arping's raw MACs by their labels (`replies`, sorted, unique). */
export function labelArping(r: RawArping, label: (mac: string) => string): ProbeResult {
  const { replies_raw, ...rest } = r;
  // the harness gives arping results no `error` field
  return { ...rest, replies: [...new Set(replies_raw.map(label))].sort() } as unknown as ProbeResult;
}
