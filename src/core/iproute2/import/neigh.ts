/** `ip neigh add|replace|change|del|flush`: static neighbour entries. */
import { parseIp } from '../../net/ipv4';
import type { Neighbour, NeighbourState } from '../../model/types';
import { matches } from './args';
import type { ImportState, Scope } from './state';

const RTNL = 'RTNETLINK answers: ';
const STATES: Record<string, NeighbourState> = { permanent: 'permanent', noarp: 'noarp', reachable: 'reachable', stale: 'stale' };
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** `ip neighbour SUBCOMMAND …` in `scope`. */
export function ipNeigh(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'get')) {
    st.info('"ip neigh show" only displays; nothing to import');
    return true;
  }
  let ip: string | undefined;
  let lladdr: string | undefined;
  let devName: string | undefined;
  let nud: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'lladdr') lladdr = rest[++i];
    else if (w === 'dev') devName = rest[++i];
    else if (w === 'nud') nud = rest[++i];
    else if (w === 'to') ip = rest[++i];
    else if (['proxy', 'router', 'extern_learn', 'use', 'managed'].includes(w)) continue;
    else if (w === 'protocol') i++;
    else ip ??= w;
  }
  if (matches(cmd, 'flush')) {
    const dev = devName !== undefined ? st.needDevice(scope, devName) : undefined;
    if (devName !== undefined && !dev) return false;
    // iproute2 flushes every state but PERMANENT unless `nud permanent` / `nud all` is given (measured)
    const keepPermanent = nud !== 'permanent' && nud !== 'all';
    scope.ns.neighbours = scope.ns.neighbours.filter((n) => (dev && n.dev !== dev.id) || (keepPermanent && n.state === 'permanent'));
    st.touch(scope.ns.id);
    return true;
  }
  const isAdd = matches(cmd, 'add');
  const isReplace = matches(cmd, 'replace') || matches(cmd, 'change') || cmd === 'chg';
  const isDel = matches(cmd, 'delete');
  if (!isAdd && !isReplace && !isDel) return st.fail(`Command "${cmd}" is unknown, try "ip neigh help".`, 'unknown-command');
  if (ip === undefined || devName === undefined) return st.fail('Device and destination are required arguments.');
  if (ip.includes(':')) { st.warn('IPv6 neighbours are not modelled; ignored', 'ipv6'); return true; }
  if (parseIp(ip) === undefined) return st.fail(`Error: inet address is expected rather than "${ip}".`);
  const dev = st.needDevice(scope, devName);
  if (!dev) return false;
  const k = scope.ns.neighbours.findIndex((n) => n.ip === ip && n.dev === dev.id);
  if (isDel) {
    if (k < 0) return st.fail(`${RTNL}No such file or directory`, 'no-such-neighbour');
    scope.ns.neighbours.splice(k, 1);
    st.touch(scope.ns.id, dev.id);
    return true;
  }
  if (k >= 0 && isAdd) return st.fail(`${RTNL}File exists`, 'exists');
  const state = nud === undefined ? 'permanent' : STATES[nud];
  if (!state) {
    if (nud === 'none' || nud === 'incomplete' || nud === 'delay' || nud === 'probe' || nud === 'failed') {
      st.warn(`neighbour state "${nud}" is runtime state; not kept in the design`);
      return true;
    }
    return st.fail(`Error: argument "${nud}" is wrong: nud state is bad`);
  }
  if (lladdr === undefined) {
    if (state === 'permanent' || state === 'noarp') {
      st.warn('a neighbour entry without lladdr is not modelled; ignored');
      return true;
    }
    return st.fail(`${RTNL}Invalid argument`);
  }
  const mac = lladdr.toLowerCase();
  if (!MAC.test(mac)) return st.fail(`${RTNL}Invalid argument`);
  const entry: Neighbour = { ip, lladdr: mac, dev: dev.id, state };
  if (k >= 0) scope.ns.neighbours.splice(k, 1, entry);
  else scope.ns.neighbours.push(entry);
  st.touch(scope.ns.id, dev.id);
  return true;
}
