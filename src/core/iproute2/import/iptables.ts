/** `iptables [-t nat|filter] -A|-I|-D CHAIN … -j TARGET`, `-P CHAIN POLICY`, `-F`. */
import { CT_STATES, type CtState, type FirewallRule, type FirewallTable, type FirewallTarget } from '../../model/types';
import type { ImportState, Scope } from './state';
import { NAT_TARGET_CHAINS, parseNatTo, parsePortMatch } from '../../model/nat-spec';

type Chain = FirewallRule['chain'];
const CHAINS: Record<FirewallTable, Chain[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
const TARGETS = new Set(['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE', 'DNAT', 'SNAT', 'REDIRECT']);
const IPT = 'iptables v1.8.9 (nf_tables):';
const PROTOS = new Set(['all', 'icmp', 'tcp', 'udp']);

/** The `iptables` command line in `scope`. */
export function iptablesCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  let table = 'filter';
  let action: string | undefined;
  let chain: string | undefined;
  let position: number | undefined;
  let policy: string | undefined;
  const rule: Partial<FirewallRule> = {};
  let negate = false;
  const unmodelled: string[] = [];
  // matches loaded by -m: their options are only known after the -m (iptables: unknown option)
  const loaded = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const val = () => (negate ? '!' : '') + (argv[++i] ?? '');
    if (w === '!') { negate = true; continue; }
    if (w === '-t' || w === '--table') table = argv[++i] ?? '';
    else if (['-A', '--append', '-I', '--insert', '-D', '--delete', '-F', '--flush', '-P', '--policy', '-L', '--list', '-S', '--list-rules', '-N', '--new-chain', '-X', '--delete-chain', '-Z', '--zero', '-C', '--check'].includes(w)) {
      action = w;
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) chain = argv[++i];
      if ((w === '-I' || w === '--insert') && /^\d+$/.test(argv[i + 1] ?? '')) position = Number(argv[++i]);
      if ((w === '-P' || w === '--policy')) policy = argv[++i];
    } else if (w === '-s' || w === '--source' || w === '--src') rule.src = val();
    else if (w === '-d' || w === '--destination' || w === '--dst') rule.dst = val();
    else if (w === '-i' || w === '--in-interface') rule.in = val();
    else if (w === '-o' || w === '--out-interface') rule.out = val();
    else if (w === '-p' || w === '--protocol') {
      const p = (argv[++i] ?? '').toLowerCase();
      if (!PROTOS.has(p) || negate) unmodelled.push(`-p ${negate ? '! ' : ''}${p}`);
      else rule.proto = p as FirewallRule['proto'];
    } else if ((w === '--dport' || w === '--destination-port' || w === '--sport' || w === '--source-port') && (rule.proto === 'tcp' || rule.proto === 'udp')) {
      const v = val();
      if (!parsePortMatch(v)) return st.fail(`${IPT} invalid port/service \`${v.replace(/^!/, '')}' specified`, 'bad-match');
      if (w.startsWith('--d')) rule.dport = v; else rule.sport = v;
    } else if (w === '--dport' || w === '--destination-port' || w === '--sport' || w === '--source-port') return st.fail(`${IPT} unknown option "${w}"`, 'bad-match');
    else if (w === '--to-destination' || w === '--to-source' || w === '--to-ports' || w === '--to') {
      const v = argv[++i] ?? '';
      if (w === '--to-ports') rule.toPorts = v;
      else if (w === '--to-source') rule.toSource = v;
      else rule.toDestination = v;
    } else if (w === '-j' || w === '--jump') rule.target = argv[++i] as FirewallTarget;
    else if (w === '--reject-with') rule.rejectWith = argv[++i];
    else if (w === '-n' || w === '-v' || w === '-x' || w === '--line-numbers' || w === '-w' || w === '--wait') continue;
    else if (w === '-m' || w === '--match') {
      const m = argv[++i] ?? '';
      if (m === 'conntrack' || m === 'state') loaded.add(m);
      else if ((m === 'tcp' || m === 'udp') && rule.proto === m) loaded.add(m);
      else unmodelled.push(`-m ${m}`);
    } else if ((w === '--ctstate' && loaded.has('conntrack')) || (w === '--state' && loaded.has('state'))) {
      // xt_conntrack/xt_state parse the list case-insensitively (strncasecmp)
      const list = argv[++i] ?? '';
      const pieces = list.split(',');
      const states = pieces.map((x) => x.toUpperCase());
      const k = states.findIndex((x) => !(CT_STATES as readonly string[]).includes(x));
      if (k >= 0) {
        // --ctstate SNAT/DNAT exist but NAT-ness is not tracked here; anything else is a typo,
        // reported from the bad piece on as libxt_conntrack does
        if (w === '--ctstate' && states.every((x) => x === 'SNAT' || x === 'DNAT' || (CT_STATES as readonly string[]).includes(x))) unmodelled.push(`${w} ${list}`);
        else return st.fail(`iptables v1.8.9 (nf_tables): Bad ${w === '--state' ? 'state' : 'ctstate'} "${pieces.slice(k).join(',')}"`, 'bad-match');
      } else {
        rule.ctstate = [...new Set(states as CtState[])];
        if (negate) rule.ctstateNeg = true;
      }
    } else if (w === '--ctstate' || w === '--state') return st.fail(`iptables v1.8.9 (nf_tables): unknown option "${w}"`, 'bad-match');
    else if (w.startsWith('-') || w.startsWith('\u2013')) {
      unmodelled.push(w);
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) unmodelled.push(argv[++i]);
    } else unmodelled.push(w);
    negate = false;
  }
  if (table !== 'filter' && table !== 'nat') {
    st.warn(`iptables table "${table}" is not modelled; ignored`);
    return true;
  }
  const t = table as FirewallTable;
  if (action === undefined) return st.fail('iptables v1.8.9 (nf_tables): no command specified');
  if (['-L', '--list', '-S', '--list-rules', '-Z', '--zero', '-C', '--check'].includes(action)) {
    st.info('listing iptables rules changes nothing');
    return true;
  }
  if (['-N', '--new-chain', '-X', '--delete-chain'].includes(action)) {
    st.warn('user-defined iptables chains are not modelled; ignored');
    return true;
  }
  if (chain !== undefined && !CHAINS[t].includes(chain as Chain)) {
    if (action === '-F' || action === '--flush' || /^[A-Z]+$/.test(chain) === false) {
      st.warn(`iptables chain "${chain}" is not modelled; ignored`);
      return true;
    }
    return st.fail('iptables: No chain/target/match by that name.', 'no-such-chain');
  }
  if (action === '-F' || action === '--flush') {
    scope.ns.firewall = scope.ns.firewall.filter((r) => r.table !== t || (chain !== undefined && r.chain !== chain));
    st.touch(scope.ns.id);
    return true;
  }
  if (chain === undefined) return st.fail(`iptables v1.8.9 (nf_tables): option "${action}" requires a chain`);
  if (action === '-P' || action === '--policy') {
    if (policy !== 'ACCEPT' && policy !== 'DROP') return st.fail('iptables: Bad policy name.');
    const key = `${t}/${chain}`;
    const policies = { ...(scope.ns.policies ?? {}) };
    if (policy === 'ACCEPT') delete policies[key]; else policies[key] = policy;
    if (Object.keys(policies).length) scope.ns.policies = policies; else delete scope.ns.policies;
    st.touch(scope.ns.id);
    return true;
  }
  if (!rule.target) return st.fail('iptables: a rule without -j TARGET is not modelled', 'no-target');
  if (!TARGETS.has(rule.target)) {
    st.warn(`iptables target ${rule.target} is not modelled; rule ignored`);
    return true;
  }
  if (rule.target === 'MASQUERADE' && (t !== 'nat' || chain !== 'POSTROUTING')) {
    return st.fail('iptables v1.8.9 (nf_tables): MASQUERADE is only valid in the nat table, POSTROUTING chain', 'bad-target');
  }
  const natTarget = rule.target === 'DNAT' || rule.target === 'SNAT' || rule.target === 'REDIRECT';
  if (t === 'nat' && !natTarget && rule.target !== 'MASQUERADE' && rule.target !== 'ACCEPT') {
    return st.fail(`iptables v1.8.9 (nf_tables): ${rule.target} is not valid in the nat table`, 'bad-target');
  }
  if (rule.target === 'DNAT' && rule.toDestination === undefined) return st.fail(`${IPT} DNAT: option "--to-destination" must be specified`, 'bad-target');
  if (rule.target === 'SNAT' && rule.toSource === undefined) return st.fail(`${IPT} SNAT: option "--to-source" must be specified`, 'bad-target');
  for (const to of [rule.toDestination, rule.toSource]) {
    if (to === undefined) continue;
    const parsed = parseNatTo(to);
    if (!parsed) return st.fail(`${IPT} Bad IP address "${to.split(':')[0]}"`, 'bad-target');
    if (parsed.ports && rule.proto !== 'tcp' && rule.proto !== 'udp') return st.fail(`${IPT} Need TCP, UDP, SCTP or DCCP with port specification`, 'bad-target');
  }
  if (rule.toPorts !== undefined && (rule.proto !== 'tcp' && rule.proto !== 'udp')) return st.fail(`${IPT} Need TCP, UDP, SCTP or DCCP with port specification`, 'bad-target');
  // the kernel refuses a NAT target outside its hooks (x_tables checkentry: EINVAL)
  if (natTarget && (t !== 'nat' || !NAT_TARGET_CHAINS[rule.target].includes(chain))) {
    return st.fail(`${IPT}  RULE_APPEND failed (Invalid argument): rule in chain ${chain}`, 'bad-target');
  }
  if (unmodelled.length) {
    st.warn(`iptables matches ${unmodelled.join(' ')} are not modelled; rule ignored`);
    return true;
  }
  const full = { table: t, chain: chain as Chain, ...rule } as FirewallRule;
  const fw = scope.ns.firewall;
  if (action === '-D' || action === '--delete') {
    const k = fw.findIndex((r) => JSON.stringify(r) === JSON.stringify(full));
    if (k < 0) return st.fail('iptables: Bad rule (does a matching rule exist in that chain?).');
    fw.splice(k, 1);
  } else if (action === '-I' || action === '--insert') {
    // Position counts within the chain (1-based), so insert before that chain rule.
    const inChain = fw.map((r, idx) => ({ r, idx })).filter((x) => x.r.table === t && x.r.chain === chain);
    const p = (position ?? 1) - 1;
    if (p > inChain.length) return st.fail('iptables: Index of insertion too big.');
    const at = p < inChain.length ? inChain[p].idx : (inChain.length ? inChain[inChain.length - 1].idx + 1 : fw.length);
    fw.splice(at, 0, full);
  } else fw.push(full);
  st.touch(scope.ns.id);
  return true;
}
