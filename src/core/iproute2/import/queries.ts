/**
 * `ip` lines that only look, answered from the design as built so far, with the exit status
 * iproute2 gives (`ip link show X` is 1, "Device "X" does not exist.", when X is missing), so
 * `if ip link show br0 >/dev/null 2>&1`, `ip netns list | grep` and `$(ip netns identify)`
 * behave as on the kernel. Also the script's own neighbour steps (`ip neigh flush|del`).
 */
import { rootNamespace } from '../../model/design';
import type { Device } from '../../model/types';
import { matches } from './args';
import { linkView } from './compare';
import { neighStep, scopeName } from './probes';
import type { ImportState, Scope } from './state';

export interface QueryIo {
  out(text: string): void;
}

const OBJECTS: [string, string][] = [['address', 'addr'], ['link', 'link'], ['netns', 'netns'], ['neighbour', 'neigh'], ['neighbor', 'neigh'], ['route', 'route']];

/** Answers an `ip` query or records a neighbour step; undefined when the line is not one (the handlers run it). */
export function ipQuery(st: ImportState, scope: Scope, argv: string[], io: QueryIo): number | undefined {
  let here = scope;
  let brief = false;
  let k = 0;
  for (; k < argv.length && argv[k].startsWith('-'); k++) {
    const o = argv[k].replace(/^--/, '-');
    if (o === '-n' || o === '-netns') {
      const s = st.netns(argv[k + 1] ?? '');
      if (!s) return undefined;
      here = s;
      k++;
    } else if (o === '-br' || o === '-brief') brief = true;
    else if (o === '-f' || o === '-family') k++;
    else if (['-4', '-o', '-oneline', '-d', '-details', '-s', '-c', '-color', '-p', '-pretty'].includes(o) || o.startsWith('-c')) continue;
    else return undefined;
  }
  const obj = OBJECTS.find(([full]) => matches(argv[k], full))?.[1];
  const cmd = argv[k + 1];
  const rest = argv.slice(k + 2);
  const showing = cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst');
  // iproute2 tries `set` before `show` for links: `ip l s X up` sets.
  if (obj === 'link' && showing && !(cmd !== undefined && matches(cmd, 'set'))) return showLinks(st, here, rest, brief, io, false);
  if (obj === 'addr' && showing) return showLinks(st, here, rest, brief, io, true);
  if (obj === 'netns') {
    if (showing) {
      const names = st.main.namespaces.filter((n) => !n.root).map((n) => n.name).reverse();
      io.out(names.map((n) => `${n}\n`).join(''));
      return 0;
    }
    if (matches(cmd, 'identify')) {
      io.out(here.ns.root || here.host !== st.main ? '\n' : `${here.ns.name}\n`);
      return 0;
    }
  }
  if (obj === 'neigh' && cmd !== undefined && (matches(cmd, 'flush') || matches(cmd, 'delete'))) {
    const dev = valueOf(rest, 'dev');
    if (dev !== undefined && !st.device(here, dev)) return undefined;
    if (matches(cmd, 'flush')) {
      neighStep(st, here, 'flush', undefined, dev);
      return undefined; // the handler also drops static entries of the design
    }
    const addr = rest.find((w, i) => i === 0 || (rest[i - 1] !== 'dev' && rest[i - 1] !== 'lladdr' && rest[i - 1] !== 'nud' && w !== 'dev'));
    // Deleting an entry the script's own probes taught the kernel, not one it configured.
    const isStatic = here.ns.neighbours.some((n) => n.ip === addr);
    const probed = st.tests.some((t) => t.probe.split(' ')[1] === scopeName(st, here) && /^(ping|arping) /.test(t.probe));
    if (isStatic || !probed || !addr) return undefined;
    neighStep(st, here, 'del', addr, dev);
    return 0;
  }
  return undefined;
}

function valueOf(argv: string[], key: string): string | undefined {
  const i = argv.indexOf(key);
  return i >= 0 ? argv[i + 1] : undefined;
}

function showLinks(st: ImportState, scope: Scope, rest: string[], brief: boolean, io: QueryIo, addrs: boolean): number {
  const named = valueOf(rest, 'dev') ?? rest.find((w, i) => !['dev', 'up', 'type', 'master', 'scope', 'label', 'to'].includes(w) && !['type', 'master', 'scope', 'label', 'to'].includes(rest[i - 1] ?? ''));
  const devices = scope.host.devices.filter((d) => d.ns === (scope.ns.id ?? rootNamespace(scope.host).id));
  let list: Device[] = devices;
  if (named !== undefined) {
    const d = devices.find((x) => x.name === named);
    if (!d) {
      st.fail(`Device "${named}" does not exist.`, 'no-such-device');
      return 1;
    }
    list = [d];
  }
  if (rest.includes('up')) list = list.filter((d) => linkView(scope.host, d).up);
  const lines = list.map((d, idx) => {
    const v = linkView(scope.host, d);
    const state = v.up ? 'UP' : 'DOWN';
    if (brief) return `${v.name.padEnd(16)} ${(v.up ? 'UP' : 'DOWN').padEnd(14)} ${addrs ? v.addrs.join(' ') : ''}\n`;
    let s = `${idx + 1}: ${v.name}: <${v.up ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'BROADCAST,MULTICAST'}>${v.master ? ` master ${v.master}` : ''} state ${state}\n`;
    if (addrs) s += v.addrs.map((a) => `    inet ${a} scope global ${v.name}\n`).join('');
    return s;
  });
  io.out(lines.join(''));
  return 0;
}
