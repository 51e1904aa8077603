/**
 * The script's own probes: `ping -c N`, `arping -c N -I DEV`, `arp -d`, `ip neigh flush|del`.
 * They change neighbour tables on the kernel, so they become saved tests of the design
 * (probe-file lines, `docs/conformance-format.md`) at their place in the script. Lines that
 * never return on a real machine (`ping` without `-c`, `tcpdump`, `nc -l`) are noted, not run.
 */
import type { SavedTest } from '../../model/types';
import { contains, parseCidr, parseIp } from '../../net/ipv4';
import type { ImportState, Scope } from './state';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The probe-file name of a scope: `host`, a netns name, or an outside machine's name. */
export function scopeName(st: ImportState, scope: Scope): string {
  if (scope.host !== st.main) return scope.host.name;
  return scope.ns.root ? 'host' : scope.ns.name;
}

/**
 * Decides a probe's exit status while the script runs (a `set -e` script stops at a failing
 * ping; `ping … && echo ok` depends on it). Without one, probes are taken to succeed.
 */
export type ProbeOutcome = (test: SavedTest, st: ImportState) => number | undefined;

export function save(st: ImportState, probe: string): SavedTest {
  const t: SavedTest = { id: st.ids.take('test'), probe, origin: 'script', line: st.line, afterStep: st.configSteps };
  st.tests.push(t);
  return t;
}

/** Splits `-c3` / `-c 3` style options; returns the value of each single-letter option and the operands. */
export function options(argv: string[], withValue: string): { opts: Map<string, string>; operands: string[]; bad?: string } {
  const opts = new Map<string, string>();
  const operands: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--') { operands.push(...argv.slice(k + 1)); break; }
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        const v = a.slice(j + 1) || argv[++k];
        if (v === undefined) return { opts, operands, bad: `option requires an argument -- '${f}'` };
        opts.set(f, v);
        break;
      }
      opts.set(f, '');
    }
  }
  return { opts, operands };
}

export function pingCommand(st: ImportState, scope: Scope, name: string, argv: string[], outcome?: ProbeOutcome): number {
  const { opts, operands, bad } = options(argv, 'cWwIisStTQlmMpr');
  if (bad) { st.fail(`${name}: ${bad}`, 'usage'); return 2; }
  const dst = operands[operands.length - 1];
  if (dst === undefined) { st.fail(`${name}: usage error: Destination address required`, 'usage'); return 2; }
  if (name === 'ping6' || opts.has('6') || dst.includes(':')) { st.info('IPv6 ping is not modelled; skipped', 'ipv6'); return 0; }
  if (!IPV4.test(dst)) { st.warn(`ping ${dst}: names are not resolved by vnetlab; give an IPv4 address`, 'probe-name'); return 0; }
  const count = opts.get('c');
  const deadline = opts.get('w');
  if (count === undefined && deadline === undefined) {
    st.info(`"${name}" without -c never stops on a real machine; noted, not run (add -c N to make it a test)`, 'never-ends');
    return 0;
  }
  const n = Math.max(1, Math.min(100, Number(count ?? deadline) || 1));
  const parts = [`ping ${scopeName(st, scope)} ${dst} count=${n}`];
  const wait = opts.get('W');
  if (wait !== undefined && /^\d+(\.\d+)?$/.test(wait)) parts.push(`wait=${wait}`);
  const iface = opts.get('I');
  if (iface !== undefined) parts.push(IPV4.test(iface) ? `src=${iface}` : `iface=${iface}`);
  const t = save(st, parts.join(' '));
  st.info(`"${name}" is saved as a test of the design: ${t.probe}`, 'saved-test');
  return outcome?.(t, st) ?? 0;
}

export function arpingCommand(st: ImportState, scope: Scope, argv: string[], outcome?: ProbeOutcome): number {
  const { opts, operands, bad } = options(argv, 'cwWIisSTtCp');
  if (bad) { st.fail(`arping: ${bad}`, 'usage'); return 2; }
  const dst = operands[operands.length - 1];
  if (dst === undefined || !IPV4.test(dst)) { st.fail('arping: usage: arping [-c count] [-w timeout] -I device destination', 'usage'); return 2; }
  if (opts.has('D') || opts.has('U') || opts.has('A')) { st.info('arping -D/-U/-A (duplicate detection, gratuitous ARP) is not modelled; skipped', 'unmodelled'); return 0; }
  if (!opts.has('c') && !opts.has('w') && !opts.has('f')) {
    st.info('"arping" without -c never stops on a real machine; noted, not run (add -c N)', 'never-ends');
    return 0;
  }
  const dev = opts.get('I') ?? opts.get('i');
  if (dev === undefined) { st.warn('arping without -I: the kernel picks the device; give -I DEV to make it a test', 'probe-device'); return 0; }
  if (!st.device(scope, dev)) { st.fail(`arping: Device ${dev} not available.`, 'no-such-device'); return 2; }
  const wait = opts.get('w');
  const t = save(st, `arping ${scopeName(st, scope)} ${dev} ${dst}${wait && /^\d+$/.test(wait) ? ` wait=${wait}` : ''}`);
  st.info(`"arping" is saved as a test of the design: ${t.probe}`, 'saved-test');
  return outcome?.(t, st) ?? 0;
}

/**
 * net-tools `arp`: `-s ADDRESS MAC [-i DEV] [temp]` adds a static entry (permanent unless
 * `temp`) on the device the address is reachable through; `-d ADDRESS [-i DEV]` deletes an
 * entry: a static one from the design, and a learned one at this point of the script.
 */
export function arpCommand(st: ImportState, scope: Scope, argv: string[], neigh: (argv: string[]) => boolean): number {
  const i = argv.indexOf('-i');
  let dev = i >= 0 ? argv[i + 1] : undefined;
  const s = argv.indexOf('-s');
  const d = argv.indexOf('-d');
  if (s < 0 && d < 0) { st.info('"arp" only displays; nothing to import', 'not-config'); return 0; }
  const addr = argv[(s >= 0 ? s : d) + 1];
  if (!addr || !IPV4.test(addr)) { st.fail('arp: need host name', 'usage'); return 255; }
  dev ??= deviceFor(scope, addr);
  if (s >= 0) {
    const mac = argv[s + 2];
    if (!mac || !/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(mac)) { st.fail(`arp: invalid hardware address ${mac ?? ''}`, 'usage'); return 255; }
    if (!dev) { st.fail('SIOCSARP: Network is unreachable', 'unreachable'); return 255; }
    st.configSteps++;
    return neigh(['replace', addr, 'lladdr', mac.toLowerCase(), 'dev', dev, 'nud', argv.includes('temp') ? 'reachable' : 'permanent']) ? 0 : 255;
  }
  if (scope.ns.neighbours.some((n) => n.ip === addr)) {
    st.configSteps++;
    neigh(['del', addr, ...(dev ? ['dev', dev] : [])]);
  }
  save(st, `neigh-del ${scopeName(st, scope)} ${addr}${dev ? ` ${dev}` : ''}`);
  return 0;
}

/** The device whose connected subnet holds `addr` (where the kernel would look the entry up). */
function deviceFor(scope: Scope, addr: string): string | undefined {
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  for (const dev of scope.host.devices) {
    if (dev.ns !== scope.ns.id) continue;
    for (const a of dev.addresses) {
      const c = parseCidr(a.cidr);
      if (c && contains(c, ip)) return dev.name;
    }
  }
  return undefined;
}

/** `ip neigh flush …` / `ip neigh del ADDR dev X` on a learned entry: a step of the script's tests. */
export function neighStep(st: ImportState, scope: Scope, verb: 'flush' | 'del', addr: string | undefined, dev: string | undefined): void {
  const ns = scopeName(st, scope);
  save(st, verb === 'flush' ? `neigh-flush ${ns}${dev ? ` ${dev}` : ''}` : `neigh-del ${ns} ${addr}${dev ? ` ${dev}` : ''}`);
}

/** Commands that never return on a real machine: noted, not run. */
export function neverEnding(st: ImportState, name: string, argv: string[]): boolean {
  const listen = name === 'ncat' ? argv.some((a) => /^-[a-zA-Z]*l/.test(a)) : false;
  if (name === 'tcpdump' || name === 'tshark' || name === 'wireshark' || name === 'dumpcap' || listen || name === 'watch' || name === 'top' || name === 'socat' || (name === 'ip' && argv[0] === 'monitor') || name === 'iperf' || name === 'iperf3') {
    const bounded = (name === 'tcpdump' || name === 'tshark') && argv.some((a) => /^-c/.test(a));
    st.info(`"${name}" ${bounded ? 'runs' : 'never returns'} on a real machine (it waits for traffic or a key); noted, not run`, 'never-ends');
    return true;
  }
  return false;
}
