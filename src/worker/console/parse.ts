/**
 * Parses the console lines the simulator understands into a command. Options follow
 * iputils (`ping [-c N] [-W S] [-I DEV|ADDR] ADDR`, `arping [-c N] [-w S] -I DEV ADDR`) and
 * iproute2 (`ip [-4] addr|link|route|neigh [show] [dev DEV]`, `bridge fdb show`, `sysctl NAME`).
 */

export type ConsoleCommand =
  | { kind: 'ping'; dst: string; count: number; wait?: number; iface?: string }
  | { kind: 'arping'; dst: string; dev: string }
  /** `nc -z [-u] [-v] [-w S] ADDR PORT` */
  | { kind: 'nc'; proto: 'tcp' | 'udp'; dst: string; port: number; wait: number }
  /** `traceroute [-n] [-I] [-m N] [-w S] [-q 1] ADDR` */
  | { kind: 'traceroute'; dst: string; max: number; wait: number; icmp: boolean }
  | { kind: 'ip'; object: 'addr' | 'link' | 'route' | 'neigh'; dev?: string; brief?: boolean }
  /** A configuration change: the UI applies it to the design as one undoable edit. */
  | { kind: 'edit'; edit: ConsoleEdit }
  | { kind: 'bridge-fdb' }
  | { kind: 'sysctl'; name: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** The configuration commands the console takes, by interface and address as typed. */
export type ConsoleEdit =
  | { op: 'addr-add' | 'addr-del'; dev: string; cidr: string }
  | { op: 'link-up' | 'link-down'; dev: string }
  | { op: 'route-add' | 'route-del'; dst: string; via?: string; dev?: string; metric?: number };

const IP_OBJECTS: Record<string, 'addr' | 'link' | 'route' | 'neigh'> = {
  a: 'addr', ad: 'addr', addr: 'addr', address: 'addr', l: 'link', li: 'link', link: 'link',
  r: 'route', ro: 'route', route: 'route', n: 'neigh', ne: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh',
};

function parsePing(args: string[]): ConsoleCommand {
  let count = Infinity;
  let wait: number | undefined;
  let iface: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i];
    if (a === '-c') count = Number(value());
    else if (a === '-W') wait = Number(value());
    else if (a === '-I') iface = value();
    else if (a === '-n' || a === '-q') continue;
    else if (a.startsWith('-')) return { kind: 'error', message: `ping: invalid option -- '${a.slice(1)}'` };
    else rest.push(a);
  }
  if (rest.length !== 1) return { kind: 'error', message: 'ping: usage error: Destination address required' };
  if (!(count >= 1)) return { kind: 'error', message: 'ping: invalid argument: bad count' };
  // An endless ping would never end in a classroom; like the field notes, cap it.
  return { kind: 'ping', dst: rest[0], count: Number.isFinite(count) ? Math.floor(count) : 4, wait, iface };
}

function parseArping(args: string[]): ConsoleCommand {
  let dev: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-I') dev = args[++i];
    else if (a === '-c' || a === '-w') i++;
    else if (a.startsWith('-')) return { kind: 'error', message: `arping: invalid option -- '${a.slice(1)}'` };
    else rest.push(a);
  }
  if (rest.length !== 1) return { kind: 'error', message: 'arping: usage: arping -I DEV ADDR' };
  if (!dev) return { kind: 'error', message: 'arping: device (option -I) is required' };
  return { kind: 'arping', dst: rest[0], dev };
}

/** `ip addr add|del CIDR dev DEV`, `ip link set DEV up|down`, `ip route add|del DST [via GW] [dev DEV] [metric N]`. */
function parseIpEdit(object: string, verb: string, rest: string[]): ConsoleCommand {
  const usage = (m: string): ConsoleCommand => ({ kind: 'error', message: m });
  if (object === 'addr') {
    let dev: string | undefined; let cidr: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === 'dev') dev = rest[++i];
      else if (rest[i] === 'local') cidr = rest[++i];
      else if (cidr === undefined) cidr = rest[i];
      else return usage(`Error: either "local" is duplicate, or "${rest[i]}" is a garbage.`);
    }
    if (!dev) return usage('Not enough information: "dev" argument is required.');
    if (!cidr) return usage('Not enough information: "local" argument is required.');
    return { kind: 'edit', edit: { op: verb === 'add' ? 'addr-add' : 'addr-del', dev, cidr } };
  }
  if (object === 'link') {
    const words = rest[0] === 'dev' ? rest.slice(1) : rest;
    const [dev, state, ...more] = words;
    if (!dev) return usage('Not enough of information: "dev" argument is required.');
    if ((state !== 'up' && state !== 'down') || more.length) return usage('This console sets only "ip link set DEV up" or "down"; use the inspector for the rest.');
    return { kind: 'edit', edit: { op: state === 'up' ? 'link-up' : 'link-down', dev } };
  }
  let dst: string | undefined; let via: string | undefined; let dev: string | undefined; let metric: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'via') via = rest[++i];
    else if (w === 'dev') dev = rest[++i];
    else if (w === 'metric' || w === 'preference') metric = Number(rest[++i]);
    else if (w === 'to') dst = rest[++i];
    else if (dst === undefined) dst = w;
    else return usage(`Error: either "to" is duplicate, or "${w}" is a garbage.`);
  }
  if (!dst) return usage('Error: "to" argument is required.');
  if (metric !== undefined && !Number.isInteger(metric)) return usage('Error: "metric" value is invalid');
  return { kind: 'edit', edit: { op: verb === 'add' ? 'route-add' : 'route-del', dst, via, dev, metric } };
}

function parseIpCmd(args: string[]): ConsoleCommand {
  const brief = args.includes('-br') || args.includes('-brief');
  const a = args.filter((x) => x !== '-4' && x !== '-br' && x !== '-brief');
  const object = IP_OBJECTS[a[0] ?? ''];
  if (!object) return { kind: 'error', message: `Object "${a[0] ?? ''}" is unknown, try "ip help".` };
  const verb = a[1];
  if ((object === 'addr' || object === 'route') && (verb === 'add' || verb === 'del' || verb === 'delete')) return parseIpEdit(object, verb === 'add' ? 'add' : 'del', a.slice(2));
  if (object === 'link' && verb === 'set') return parseIpEdit(object, 'set', a.slice(2));
  let dev: string | undefined;
  for (let i = 1; i < a.length; i++) {
    if (a[i] === 'dev') dev = a[++i];
    else if (a[i] === 'show' || a[i] === 'list' || a[i] === 'ls') continue;
    else if (i === a.length - 1 && (object === 'addr' || object === 'link')) dev = a[i];
    else return { kind: 'error', message: `Command "${a[i]}" is unknown, try "ip ${object} help".` };
  }
  return brief ? { kind: 'ip', object, dev, brief } : { kind: 'ip', object, dev };
}

function parseNc(args: string[]): ConsoleCommand {
  let proto: 'tcp' | 'udp' = 'tcp';
  let wait = 5;
  let zero = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-w') wait = Number(args[++i]);
    else if (/^-[zuvn]+$/.test(a)) { if (a.includes('u')) proto = 'udp'; if (a.includes('z')) zero = true; }
    else if (a.startsWith('-')) return { kind: 'error', message: `nc: invalid option -- '${a.slice(1)}'` };
    else rest.push(a);
  }
  if (!zero) return { kind: 'error', message: 'nc: this console runs only "nc -z [-u] [-w S] ADDR PORT" (a connection test)' };
  if (rest.length !== 2) return { kind: 'error', message: 'usage: nc -z [-u] [-w timeout] destination port' };
  const port = Number(rest[1]);
  if (!/^\d+$/.test(rest[1]) || port < 1 || port > 65535) return { kind: 'error', message: `nc: port number invalid: ${rest[1]}` };
  if (!(wait > 0)) return { kind: 'error', message: 'nc: timeout invalid' };
  return { kind: 'nc', proto, dst: rest[0], port, wait };
}

function parseTraceroute(args: string[]): ConsoleCommand {
  let max = 30;
  let wait = 1;
  let icmp = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-m') max = Number(args[++i]);
    else if (a === '-w') wait = Number(args[++i]);
    else if (a === '-q') i++;
    else if (a === '-I') icmp = true;
    else if (a === '-n') continue;
    else if (a.startsWith('-')) return { kind: 'error', message: `traceroute: Bad option \`${a}'` };
    else rest.push(a);
  }
  if (rest.length !== 1) return { kind: 'error', message: 'Usage: traceroute [-n] [-I] [-m max_ttl] [-w wait] host' };
  if (!(max >= 1 && max <= 255)) return { kind: 'error', message: 'first hop out of range' };
  if (!(wait > 0)) return { kind: 'error', message: 'traceroute: bad wait' };
  return { kind: 'traceroute', dst: rest[0], max: Math.floor(max), wait, icmp };
}

/** Splits a console line into a command (or a usage error, worded like the tool). */
export function parseConsoleLine(line: string): ConsoleCommand {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [cmd, ...args] = words;
  if (!cmd || cmd === 'help') return { kind: 'help' };
  if (cmd === 'ping') return parsePing(args);
  if (cmd === 'arping') return parseArping(args);
  if (cmd === 'nc' || cmd === 'netcat') return parseNc(args);
  if (cmd === 'traceroute') return parseTraceroute(args);
  if (cmd === 'ip') return parseIpCmd(args);
  if (cmd === 'bridge' && args[0] === 'fdb' && (args.length === 1 || args[1] === 'show')) return { kind: 'bridge-fdb' };
  if (cmd === 'sysctl') {
    const name = args.filter((x) => !x.startsWith('-'))[0];
    if (!name) return { kind: 'error', message: 'sysctl: no variables specified' };
    return { kind: 'sysctl', name: name.replace(/\//g, '.') };
  }
  return { kind: 'error', message: `${cmd}: command not found` };
}

/** The help text listing what the console accepts. */
export const CONSOLE_HELP = [
  'ping [-c N] [-W SECONDS] [-I DEV|ADDR] ADDR',
  'arping -I DEV ADDR',
  'nc -z [-u] [-w SECONDS] ADDR PORT   (connected, refused or timed out)',
  'traceroute [-n] [-I] [-m HOPS] [-w SECONDS] ADDR',
  'ip [-br] addr|link|route|neigh [show] [dev DEV]',
  'ip addr add|del CIDR dev DEV        (changes the design: one undo step)',
  'ip link set DEV up|down',
  'ip route add|del DST [via GW] [dev DEV] [metric N]',
  'bridge fdb show',
  'sysctl NAME            e.g. sysctl net.ipv4.ip_forward',
].join('\n');
