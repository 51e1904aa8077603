/**
 * The text forms of iptables port matches and NAT targets, read once for validation, the
 * simulator and the exporter: `--dport 80`, `--dport 8080:8090`, `! --dport 22`;
 * `--to-destination 10.0.0.2`, `10.0.0.2:80`, `:80`, `10.0.0.2:1024-2000`; `--to-ports 80-90`.
 */
import { parseIp } from '../net/ipv4';

export interface PortRange { first: number; last: number }
export interface PortMatch extends PortRange { neg: boolean }

/** A port number as iptables reads one (0–65535, decimal). */
function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** `PORT` or `FIRST:LAST` (xt_tcpudp; an empty side means 0 / 65535), maybe `!`-negated. */
export function parsePortMatch(text: string): PortMatch | undefined {
  const neg = text.startsWith('!');
  const body = neg ? text.slice(1).trim() : text;
  const colon = body.indexOf(':');
  if (colon < 0) {
    const p = port(body);
    return p === undefined ? undefined : { neg, first: p, last: p };
  }
  const a = colon === 0 ? 0 : port(body.slice(0, colon));
  const b = colon === body.length - 1 ? 65535 : port(body.slice(colon + 1));
  if (a === undefined || b === undefined || a > b) return undefined;
  return { neg, first: a, last: b };
}

/** `PORT` or `FIRST-LAST` of a NAT target (nf_nat_range proto min/max). */
export function parsePortRange(text: string): PortRange | undefined {
  const dash = text.indexOf('-');
  const a = port(dash < 0 ? text : text.slice(0, dash));
  const b = dash < 0 ? a : port(text.slice(dash + 1));
  if (a === undefined || b === undefined || a > b) return undefined;
  return { first: a, last: b };
}

/** `--to-destination` / `--to-source`: an address (or none), maybe `:PORTS`. */
export interface NatTo { addr?: number; ports?: PortRange }

export function parseNatTo(text: string): NatTo | undefined {
  const colon = text.indexOf(':');
  const addrText = colon < 0 ? text : text.slice(0, colon);
  const out: NatTo = {};
  if (addrText !== '') {
    const a = parseIp(addrText);
    if (a === undefined) return undefined;
    out.addr = a;
  }
  if (colon >= 0) {
    const r = parsePortRange(text.slice(colon + 1));
    if (!r) return undefined;
    out.ports = r;
  }
  if (out.addr === undefined && out.ports === undefined) return undefined;
  return out;
}

/** Where each NAT target may go (the x_tables hook masks of the targets). */
export const NAT_TARGET_CHAINS: Record<string, readonly string[]> = {
  DNAT: ['PREROUTING', 'OUTPUT'],
  REDIRECT: ['PREROUTING', 'OUTPUT'],
  SNAT: ['POSTROUTING', 'INPUT'],
  MASQUERADE: ['POSTROUTING'],
};
