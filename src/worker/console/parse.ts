/**
 * Parses the console lines the simulator understands into a command. Options follow
 * iputils (`ping [-c N] [-W S] [-I DEV|ADDR] ADDR`, `arping [-c N] [-w S] -I DEV ADDR`) and
 * iproute2 (`ip [-4] addr|link|route|neigh [show] [dev DEV]`, `bridge fdb show`, `sysctl NAME`).
 */

export type ConsoleCommand =
  | { kind: 'ping'; dst: string; count: number; wait?: number; iface?: string }
  | { kind: 'arping'; dst: string; dev: string }
  | { kind: 'ip'; object: 'addr' | 'link' | 'route' | 'neigh'; dev?: string }
  | { kind: 'bridge-fdb' }
  | { kind: 'sysctl'; name: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

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

function parseIpCmd(args: string[]): ConsoleCommand {
  const a = args.filter((x) => x !== '-4' && x !== '-br');
  const object = IP_OBJECTS[a[0] ?? ''];
  if (!object) return { kind: 'error', message: `Object "${a[0] ?? ''}" is unknown, try "ip help".` };
  let dev: string | undefined;
  for (let i = 1; i < a.length; i++) {
    if (a[i] === 'dev') dev = a[++i];
    else if (a[i] === 'show' || a[i] === 'list' || a[i] === 'ls') continue;
    else if (i === a.length - 1 && (object === 'addr' || object === 'link')) dev = a[i];
    else return { kind: 'error', message: `Command "${a[i]}" is unknown, try "ip ${object} help".` };
  }
  return { kind: 'ip', object, dev };
}

/** Splits a console line into a command (or a usage error, worded like the tool). */
export function parseConsoleLine(line: string): ConsoleCommand {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [cmd, ...args] = words;
  if (!cmd || cmd === 'help') return { kind: 'help' };
  if (cmd === 'ping') return parsePing(args);
  if (cmd === 'arping') return parseArping(args);
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
  'ip addr|link|route|neigh [show] [dev DEV]',
  'bridge fdb show',
  'sysctl NAME            e.g. sysctl net.ipv4.ip_forward',
].join('\n');
