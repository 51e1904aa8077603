/**
 * Probe files (docs/conformance-format.md): one check per line, `#` starts a comment.
 *
 *   ping NS ADDRESS [count=N] [wait=SECONDS] [iface=DEV] [src=ADDRESS]
 *   arping NS DEV ADDRESS [wait=SECONDS]
 *   tcp NS ADDRESS PORT [wait=SECONDS]
 *   udp NS ADDRESS PORT [wait=SECONDS]
 *   traceroute NS ADDRESS [max=HOPS] [wait=SECONDS] [proto=icmp]
 *   capture NS DEV
 */
import type { Diagnostic } from '../model/diagnostics';

export interface PingProbe {
  kind: 'ping';
  ns: string;
  dst: string;
  count: number;
  /** Seconds ping waits for a reply (`-W`); 3.5 unless given. */
  wait: number;
  iface?: string;
  src?: string;
  /** The probe line, normalised (comment stripped, trimmed): the key used in observations. */
  line: string;
}

export interface ArpingProbe {
  kind: 'arping';
  ns: string;
  dev: string;
  dst: string;
  wait: number;
  line: string;
}

/** `tcp NS ADDRESS PORT [wait=S]` / `udp …`: `nc -z [-u] -w S ADDRESS PORT`. */
export interface ConnectProbe {
  kind: 'tcp' | 'udp';
  ns: string;
  dst: string;
  port: number;
  wait: number;
  line: string;
}

/** `traceroute NS ADDRESS [max=N] [wait=S] [proto=icmp]`: `traceroute -n -q 1 -w S -m N [-I]`. */
export interface TracerouteProbe {
  kind: 'traceroute';
  ns: string;
  dst: string;
  max: number;
  wait: number;
  icmp: boolean;
  line: string;
}

export type Probe = PingProbe | ArpingProbe | ConnectProbe | TracerouteProbe;

export const CONNECT_WAIT_SECONDS = 1;
export const TRACEROUTE_WAIT_SECONDS = 1;
export const TRACEROUTE_MAX_HOPS = 30;

export interface CaptureSpec {
  ns: string;
  dev: string;
}

export interface ProbeFile {
  probes: Probe[];
  captures: CaptureSpec[];
}

export const PING_WAIT_SECONDS = 3.5;
export const ARPING_WAIT_SECONDS = 1;

export function parseProbes(text: string, file = 'probes'): { probes: ProbeFile; diagnostics: Diagnostic[] } {
  const out: ProbeFile = { probes: [], captures: [] };
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.split('#', 1)[0].trim();
    if (!line) return;
    const toks = line.split(/\s+/);
    const verb = toks[0];
    const err = (message: string) => diagnostics.push({ level: 'error', message, file, line: idx + 1 });
    if (verb === 'capture' && toks.length === 3) {
      out.captures.push({ ns: toks[1], dev: toks[2] });
      return;
    }
    const opts: Record<string, string> = {};
    const pos: string[] = [];
    for (const t of toks.slice(1)) {
      const eq = t.indexOf('=');
      if (eq >= 0) opts[t.slice(0, eq)] = t.slice(eq + 1);
      else pos.push(t);
    }
    const num = (key: string, dflt: number) => {
      if (opts[key] === undefined) return dflt;
      const v = Number(opts[key]);
      if (!Number.isFinite(v) || v <= 0) { err(`${key}=${opts[key]} is not a positive number`); return dflt; }
      return v;
    };
    if (verb === 'ping' && pos.length === 2) {
      out.probes.push({ kind: 'ping', ns: pos[0], dst: pos[1], count: num('count', 1), wait: num('wait', PING_WAIT_SECONDS), iface: opts.iface, src: opts.src, line });
    } else if (verb === 'arping' && pos.length === 3) {
      out.probes.push({ kind: 'arping', ns: pos[0], dev: pos[1], dst: pos[2], wait: num('wait', ARPING_WAIT_SECONDS), line });
    } else if ((verb === 'tcp' || verb === 'udp') && pos.length === 3) {
      const port = Number(pos[2]);
      if (!/^\d+$/.test(pos[2]) || port < 1 || port > 65535) err(`port ${pos[2]} is not 1–65535`);
      else out.probes.push({ kind: verb, ns: pos[0], dst: pos[1], port, wait: num('wait', CONNECT_WAIT_SECONDS), line });
    } else if (verb === 'traceroute' && pos.length === 2) {
      if (opts.proto !== undefined && opts.proto !== 'icmp' && opts.proto !== 'udp') err(`proto=${opts.proto}: traceroute probes are udp (default) or icmp`);
      const max = Math.trunc(num('max', TRACEROUTE_MAX_HOPS));
      if (max > 255) err(`max=${max}: traceroute allows at most 255 hops`);
      out.probes.push({ kind: 'traceroute', ns: pos[0], dst: pos[1], max: Math.min(max, 255), wait: num('wait', TRACEROUTE_WAIT_SECONDS), icmp: opts.proto === 'icmp', line });
    } else {
      err(`cannot parse "${raw.trim()}": expected ping NS ADDRESS, arping NS DEV ADDRESS, tcp|udp NS ADDRESS PORT, traceroute NS ADDRESS or capture NS DEV`);
    }
  });
  return { probes: out, diagnostics };
}
