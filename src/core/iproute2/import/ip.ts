/** `ip [OPTIONS] OBJECT COMMAND …`: global options, then the object, with iproute2's abbreviations. */
import { ipAddr } from './addr';
import { matches } from './args';
import { ipLink, ipTuntap } from './link';
import { ipNeigh } from './neigh';
import { ipNetns, type Exec } from './netns';
import { ipRoute } from './route';
import type { ImportState, Scope } from './state';

/** iproute2's object table, in its order: an abbreviation means the first object it prefixes. */
const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats', 'help'];
const VALUE_OPTIONS = ['-family', '-rcvbuf', '-batch', '-loops'];
const FLAG_OPTIONS = ['-4', '-0', '-details', '-statistics', '-stats', '-json', '-pretty', '-brief', '-color', '-oneline', '-resolve', '-all', '-human', '-human-readable', '-iec', '-timestamp', '-tshort', '-numeric', '-force', '-echo', '-N', '-d', '-s', '-j', '-p', '-br', '-c', '-o', '-r', '-a', '-h', '-t', '-ts', '-V', '-Version', '-iec'];

/** Runs an `ip` command line (without the leading `ip`) in `scope`. */
export function ipCommand(st: ImportState, scope: Scope, argv: string[], exec: Exec): boolean {
  let i = 0;
  let here = scope;
  while (i < argv.length && argv[i].startsWith('-') && argv[i].length > 1) {
    const raw = argv[i];
    const o = raw.startsWith('--') ? raw.slice(1) : raw;
    if (o === '-n' || (o.length >= 4 && matches(o, '-netns'))) {
      const name = argv[++i];
      if (name === undefined) return st.fail('Option "-netns" requires a namespace name.');
      const s = st.netns(name);
      if (!s) return st.fail(`Cannot open network namespace "${name}": No such file or directory`, 'no-such-netns');
      here = s;
    } else if (o === '-6' || (o === '-f' || matches(o, '-family')) && ['inet6', 'link', 'mpls', 'bridge'].includes(argv[i + 1] ?? '')) {
      st.warn('IPv6 (and non-IPv4 families) are not modelled; command ignored', 'ipv6');
      return true;
    } else if (o === '-f' || (o.length > 2 && VALUE_OPTIONS.some((v) => matches(o, v)))) {
      i++;
    } else if (FLAG_OPTIONS.includes(o) || FLAG_OPTIONS.some((f) => f.length > 2 && o.length > 2 && matches(o, f))) {
      if (o === '-V' || o === '-Version') { st.info('"ip -V" only displays'); return true; }
    } else {
      return st.fail(`Option "${raw}" is unknown, try "ip -help".`, 'unknown-option');
    }
    i++;
  }
  const obj = argv[i];
  const rest = argv.slice(i + 1);
  if (obj === undefined) return st.fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', 'usage');
  const full = OBJECTS.find((o) => matches(obj, o));
  switch (full) {
    case 'address': return ipAddr(st, here, rest);
    case 'route': return ipRoute(st, here, rest);
    case 'neighbor': case 'neighbour': return ipNeigh(st, here, rest);
    case 'link': return ipLink(st, here, rest);
    case 'tuntap': case 'tap': return ipTuntap(st, here, rest);
    case 'netns': return ipNetns(st, rest, (s, cmd) => exec(s, cmd));
    case 'help': st.info('"ip help" only displays'); return true;
    case 'monitor': st.info('"ip monitor" only displays'); return true;
    case undefined: return st.fail(`Object "${obj}" is unknown, try "ip help".`, 'unknown-object');
    default:
      st.warn(`"ip ${full}" is not modelled; ignored`, 'unmodelled');
      return true;
  }
}
