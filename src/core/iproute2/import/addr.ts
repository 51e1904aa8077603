/** `ip addr add|del|flush` with the kernel's duplicate and ipvlan address checks. */
import { parseCidr, formatCidr } from '../../net/ipv4';
import type { Address, Device } from '../../model/types';
import { matches } from './args';
import { childrenOf } from './kernel';
import type { ImportState, Scope } from './state';

const RTNL = 'RTNETLINK answers: ';

/** `ip address SUBCOMMAND …` in `scope`. */
export function ipAddr(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst') || cmd === 'showdump') {
    st.info('"ip address show" only displays; nothing to import');
    return true;
  }
  if (matches(cmd, 'add') || matches(cmd, 'change') || cmd === 'chg' || matches(cmd, 'replace')) {
    return addrAdd(st, scope, rest, matches(cmd, 'add'));
  }
  if (matches(cmd, 'delete')) return addrDel(st, scope, rest);
  if (matches(cmd, 'flush')) return addrFlush(st, scope, rest);
  if (matches(cmd, 'help')) { st.info('"ip address help" only displays'); return true; }
  return st.fail(`Command "${cmd}" is unknown, try "ip address help".`, 'unknown-command');
}

interface AddrArgs {
  local?: string;
  peer?: string;
  dev?: string;
  noprefixroute: boolean;
  error?: string;
}

function parseAddrArgs(argv: string[]): AddrArgs {
  const r: AddrArgs = { noprefixroute: false };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w === 'dev') r.dev = argv[++i];
    else if (w === 'peer' || w === 'remote') r.peer = argv[++i];
    else if (w === 'local') r.local = argv[++i];
    else if (w === 'noprefixroute') r.noprefixroute = true;
    else if (['broadcast', 'brd', 'anycast', 'label', 'scope', 'valid_lft', 'preferred_lft', 'metric', 'priority', 'proto'].includes(w)) i++;
    else if (['home', 'nodad', 'optimistic', 'mngtmpaddr', 'autojoin', 'dynamic', 'permanent', 'secondary', 'primary', 'up'].includes(w)) continue;
    else if (r.local === undefined) r.local = w;
    else r.error ??= `Error: either "local" is duplicate, or "${w}" is a garbage.`;
  }
  return r;
}

function addrAdd(st: ImportState, scope: Scope, argv: string[], exclusive: boolean): boolean {
  const a = parseAddrArgs(argv);
  if (a.error) return st.fail(a.error);
  if (a.local === undefined) return st.fail('Not enough information: "local" argument is required.');
  if (a.local.includes(':')) {
    st.warn('IPv6 addresses are not modelled; ignored', 'ipv6');
    return true;
  }
  // iproute2 reads a bare `0` as the address 0.0.0.0 (`0/0`, `0/8` …)
  const c = parseCidr(a.local.replace(/^0(?=\/|$)/, '0.0.0.0'));
  if (!c) return st.fail(`Error: any valid prefix is expected rather than "${a.local}".`, 'bad-address');
  if (a.dev === undefined) return st.fail('Not enough information: "dev" argument is required.');
  const dev = st.needDevice(scope, a.dev);
  if (!dev) return false;
  if (c.addr === 0 && a.peer === undefined) {
    // __inet_insert_ifa drops an address whose local part is 0.0.0.0: exit 0, nothing added
    st.info(`the kernel ignores address ${a.local} (0.0.0.0 is no address); nothing is added`, 'zero-address');
    return true;
  }
  let peer: string | undefined;
  if (a.peer !== undefined) {
    const p = parseCidr(a.peer);
    if (!p) return st.fail(`Error: any valid prefix is expected rather than "${a.peer}".`);
    peer = formatCidr(p);
  }
  const cidr = formatCidr(peer ? { addr: c.addr, len: 32 } : c);
  const same = dev.addresses.findIndex((x) => sameAddress(x, cidr, peer));
  if (same >= 0) {
    // inet_rtm_newaddr's extack for NLM_F_EXCL on an existing address (measured on 6.18)
    if (exclusive) return st.fail('Error: ipv4: Address already assigned.', 'exists');
    dev.addresses.splice(same, 1);
  }
  if (dev.kind === 'ipvlan' && ipvlanAddressTaken(scope, dev, c.addr)) {
    return st.fail('Error: ipvlan: Address already assigned to an ipvlan device.', 'ipvlan-address-in-use');
  }
  const addr: Address = { cidr };
  if (peer) addr.peer = peer;
  if (a.noprefixroute) addr.noprefixroute = true;
  dev.addresses.push(addr);
  st.touch(dev.id);
  return true;
}

function sameAddress(x: Address, cidr: string, peer?: string): boolean {
  return x.cidr === cidr && (x.peer ?? '') === (peer ?? '');
}

/** The same IPv4 address on another child of the same ipvlan master (§2.3). */
function ipvlanAddressTaken(scope: Scope, dev: Device, ip: number): boolean {
  if (dev.kind !== 'ipvlan') return false;
  return childrenOf(scope.host, dev.parent).some((s) => s.id !== dev.id && s.kind === 'ipvlan'
    && s.addresses.some((x) => parseCidr(x.cidr)?.addr === ip));
}

function addrDel(st: ImportState, scope: Scope, argv: string[]): boolean {
  const a = parseAddrArgs(argv);
  if (a.error) return st.fail(a.error);
  if (a.dev === undefined) return st.fail('Not enough information: "dev" argument is required.');
  const dev = st.needDevice(scope, a.dev);
  if (!dev) return false;
  if (a.local === undefined) {
    // `ip addr del dev X` deletes the first address.
    if (!dev.addresses.length) return st.fail(`${RTNL}Operation not supported`);
    dev.addresses.shift();
    st.touch(dev.id);
    return true;
  }
  const c = parseCidr(a.local);
  if (!c) return st.fail(`Error: any valid prefix is expected rather than "${a.local}".`);
  const explicitLen = a.local.includes('/');
  const k = dev.addresses.findIndex((x) => {
    const y = parseCidr(x.cidr);
    return !!y && y.addr === c.addr && (!explicitLen || y.len === c.len || !!x.peer);
  });
  // inet_rtm_deladdr's extack (measured on 6.18); the prefix length must match when given
  if (k < 0) return st.fail('Error: ipv4: Address not found.', 'no-such-address');
  if (!explicitLen) st.info(`deleting ${a.local} without a prefix length matches any length (iproute2 warns about this)`);
  dev.addresses.splice(k, 1);
  st.touch(dev.id);
  return true;
}

function addrFlush(st: ImportState, scope: Scope, argv: string[]): boolean {
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'dev') name = argv[++i];
    else if (['scope', 'label', 'to'].includes(argv[i])) i++;
    else name ??= argv[i];
  }
  if (name === undefined) return st.fail('Flush requires arguments.');
  const dev = st.needDevice(scope, name);
  if (!dev) return false;
  dev.addresses = [];
  st.touch(dev.id);
  return true;
}
