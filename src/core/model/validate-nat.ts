/**
 * Port matches, NAT targets and listeners as iptables and the kernel accept them (iptables
 * 1.8 libxt_tcp/libxt_DNAT/libxt_SNAT/libxt_REDIRECT; the targets' hook masks in
 * net/netfilter/xt_nat.c and xt_REDIRECT.c, refused by x_tables with EINVAL).
 */
import type { FirewallRule, Namespace } from './types';
import { NAT_TARGET_CHAINS, parseNatTo, parsePortMatch, parsePortRange } from './nat-spec';

type Report = (code: string, message: string) => void;

const hasPorts = (r: FirewallRule) => r.proto === 'tcp' || r.proto === 'udp';

export function checkNatRule(r: FirewallRule, err: Report): void {
  for (const [flag, v] of [['--dport', r.dport], ['--sport', r.sport]] as const) {
    if (v === undefined) continue;
    if (!hasPorts(r)) err('bad-match', `iptables: ${flag} needs -p tcp or -p udp (iptables: unknown option "${flag}")`);
    else if (!parsePortMatch(v)) err('bad-match', `iptables ${flag} "${v}" is not a port or FIRST:LAST range (invalid port/service)`);
  }
  const chains = NAT_TARGET_CHAINS[r.target];
  if (r.target === 'DNAT' || r.target === 'SNAT' || r.target === 'REDIRECT') {
    if (r.table !== 'nat') err('bad-target', `${r.target} is only valid in the nat table (RULE_APPEND failed (Invalid argument))`);
    else if (!chains.includes(r.chain)) err('bad-target', `${r.target} is only valid in ${chains.join(' and ')} (RULE_APPEND failed (Invalid argument): rule in chain ${r.chain})`);
  }
  const to = r.target === 'DNAT' ? r.toDestination : r.target === 'SNAT' ? r.toSource : undefined;
  const flag = r.target === 'DNAT' ? '--to-destination' : '--to-source';
  if (r.target === 'DNAT' || r.target === 'SNAT') {
    if (to === undefined) err('bad-target', `${r.target} needs ${flag} (iptables: option "${flag}" must be specified)`);
    else {
      const t = parseNatTo(to);
      if (!t) err('bad-target', `${r.target} ${flag} "${to}" is not ADDRESS[:PORT[-PORT]] (Bad IP address)`);
      else if (t.ports && !hasPorts(r)) err('bad-target', `${r.target} to a port needs -p tcp or -p udp (Need TCP, UDP, SCTP or DCCP with port specification)`);
    }
  }
  if (r.toPorts !== undefined) {
    if (r.target !== 'REDIRECT' && r.target !== 'MASQUERADE') err('bad-target', `--to-ports belongs to REDIRECT or MASQUERADE, not ${r.target}`);
    else if (!parsePortRange(r.toPorts)) err('bad-target', `--to-ports "${r.toPorts}" is not PORT[-PORT]`);
    else if (!hasPorts(r)) err('bad-target', '--to-ports needs -p tcp or -p udp (Need TCP, UDP, SCTP or DCCP with port specification)');
  }
  if (r.toDestination !== undefined && r.target !== 'DNAT') err('bad-target', `--to-destination belongs to DNAT, not ${r.target}`);
  if (r.toSource !== undefined && r.target !== 'SNAT') err('bad-target', `--to-source belongs to SNAT, not ${r.target}`);
}

/** Listeners: a port 1–65535 (nc: "Port number invalid"), one socket per protocol and port (EADDRINUSE). */
export function checkListeners(ns: Namespace, err: (i: number, code: string, message: string) => void): void {
  const seen = new Set<string>();
  (ns.listeners ?? []).forEach((l, i) => {
    if (!Number.isInteger(l.port) || l.port < 1 || l.port > 65535) err(i, 'bad-port', `listener port ${l.port} is not 1–65535 (nc: Port number invalid)`);
    const key = `${l.proto}/${l.port}`;
    if (seen.has(key)) err(i, 'port-in-use', `a second ${l.proto} listener on port ${l.port} cannot bind (nc: Address already in use)`);
    seen.add(key);
  });
}
