/**
 * Netfilter and sysctl rules as iptables and sysctl enforce them: which chain belongs to
 * which table, which interface match a chain allows, where MASQUERADE and REJECT may go, and
 * which sysctl names exist.
 */
import { parseCidr } from '../net/ipv4';
import type { ValidationContext } from './validate-context';
import { INTERFACE_SYSCTL_KEYS, SYSCTL_DEFAULTS } from './types';
import { checkNatRule, checkListeners } from './validate-nat';

const TABLE_CHAINS: Record<string, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
const NO_IN = new Set(['OUTPUT', 'POSTROUTING']);
const NO_OUT = new Set(['PREROUTING', 'INPUT']);
const CONF_KEY = /^net\.ipv4\.conf\.(all|default)\.([a-z_]+)$/;

/** Checks iptables rules, chain policies and namespace sysctl names. */
export function checkFirewall(cx: ValidationContext): void {
  for (const { ns } of cx.namespaces.values()) {
    ns.firewall.forEach((r, i) => {
      const path = cx.nsPath(ns, `firewall[${i}]`);
      const err = (code: string, message: string) => cx.error(code, ns.id, path, message);
      if (!TABLE_CHAINS[r.table]?.includes(r.chain)) return err('bad-chain', `iptables: the ${r.table} table has no ${r.chain} chain (iptables: No chain/target/match by that name)`);
      if (r.in !== undefined && NO_IN.has(r.chain)) err('bad-match', `iptables: "-i" cannot be used in ${r.chain} (Can't use -i with ${r.chain})`);
      if (r.out !== undefined && NO_OUT.has(r.chain)) err('bad-match', `iptables: "-o" cannot be used in ${r.chain} (Can't use -o with ${r.chain})`);
      if (r.target === 'MASQUERADE' && !(r.table === 'nat' && r.chain === 'POSTROUTING')) err('bad-target', 'MASQUERADE is only valid in the nat table\'s POSTROUTING chain (x_tables: ip_tables: MASQUERADE target: only valid in nat table)');
      if (r.target === 'REJECT' && r.table !== 'filter') err('bad-target', 'REJECT is only valid in the filter table (x_tables: ip_tables: REJECT target: only valid in filter table)');
      if (r.ctstate !== undefined && r.ctstate.length === 0) err('bad-match', 'iptables --ctstate needs at least one state (iptables: Bad ctstate "")');
      if (r.ctstateNeg && r.ctstate === undefined) err('bad-match', 'a negated conntrack state match needs states to negate');
      checkNatRule(r, err);
      for (const [field, v] of [['src', r.src], ['dst', r.dst]] as const) {
        if (v !== undefined && !parseCidr(v.replace(/^!/, ''))) err('bad-address', `iptables ${field === 'src' ? '-s' : '-d'} "${v}" is not an IPv4 address or prefix`);
      }
    });
    checkListeners(ns, (i, code, message) => cx.error(code, ns.id, cx.nsPath(ns, `listeners[${i}]`), message));
    for (const [tc, policy] of Object.entries(ns.policies ?? {})) {
      const [table, chain] = tc.split('/');
      if (!TABLE_CHAINS[table]?.includes(chain)) cx.error('bad-chain', ns.id, cx.nsPath(ns, `policies.${tc}`), `policy for "${tc}": no such built-in chain`);
      else if (table === 'nat' && policy === 'DROP') cx.error('bad-policy', ns.id, cx.nsPath(ns, `policies.${tc}`), 'the nat table\'s chains only take the ACCEPT policy (iptables: Bad policy name)');
    }
    for (const key of Object.keys(ns.sysctls)) {
      const conf = CONF_KEY.exec(key);
      const known = key in SYSCTL_DEFAULTS || (conf && (INTERFACE_SYSCTL_KEYS as readonly string[]).includes(conf[2]));
      if (!known) cx.warn('unknown-sysctl', ns.id, cx.nsPath(ns, `sysctls.${key}`), `${key} is not a setting vnetlab models; it will be exported but not simulated`);
    }
  }
}
