/**
 * `nc` (netcat-openbsd) and `traceroute` lines of a script: `nc -l [-u] [-k] [-p] PORT` in a
 * namespace becomes a listener of the design; `nc -z [-u] [-w S] ADDRESS PORT` and
 * `traceroute [-n] [-I] [-m N] [-w S] ADDRESS` become saved tests.
 */
import type { ImportState, Scope } from './state';
import { options, save, scopeName, type ProbeOutcome } from './probes';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PORT = /^\d{1,5}$/;

export function ncCommand(st: ImportState, scope: Scope, argv: string[], outcome?: ProbeOutcome): number {
  const { opts, operands, bad } = options(argv, 'pwsiIOqTVXxeMm');
  if (bad) { st.fail(`nc: ${bad}`, 'usage'); return 1; }
  const proto = opts.has('u') ? 'udp' : 'tcp';
  if (opts.has('l')) {
    const portText = opts.get('p') ?? operands[operands.length - 1];
    if (portText === undefined) { st.fail('nc: missing port number', 'usage'); return 1; }
    if (!PORT.test(portText) || Number(portText) < 1 || Number(portText) > 65535) { st.fail(`nc: port number invalid: ${portText}`, 'usage'); return 1; }
    const port = Number(portText);
    const list = (scope.ns.listeners ??= []);
    if (list.some((l) => l.proto === proto && l.port === port)) { st.fail('nc: Address already in use', 'port-in-use'); return 1; }
    list.push({ proto, port, ...(opts.has('k') ? { keep: true } : {}) });
    st.touch(scope.ns.id);
    st.info(`"nc -l" is kept as a ${proto} listener on port ${port} in ${scopeName(st, scope)}`, 'listener');
    return 0;
  }
  if (!opts.has('z')) {
    st.info('"nc" without -z or -l sends data from its input; not modelled, skipped', 'not-config');
    return 0;
  }
  const [dst, portText] = operands;
  if (dst === undefined || portText === undefined) { st.fail('nc: missing hostname and port', 'usage'); return 1; }
  if (!IPV4.test(dst)) { st.warn(`nc ${dst}: names are not resolved by vnetlab; give an IPv4 address`, 'probe-name'); return 0; }
  if (!PORT.test(portText)) { st.warn(`nc -z with port "${portText}" (ranges, service names) is not a test vnetlab runs; skipped`, 'probe-port'); return 0; }
  const wait = opts.get('w');
  const t = save(st, `${proto} ${scopeName(st, scope)} ${dst} ${portText}${wait && /^\d+$/.test(wait) ? ` wait=${wait}` : ''}`);
  st.info(`"nc -z" is saved as a test of the design: ${t.probe}`, 'saved-test');
  return outcome?.(t, st) ?? 0;
}

export function tracerouteCommand(st: ImportState, scope: Scope, argv: string[], outcome?: ProbeOutcome): number {
  const { opts, operands, bad } = options(argv, 'mwqfNpsizgtlFAx');
  if (bad) { st.fail(`traceroute: ${bad}`, 'usage'); return 2; }
  const dst = operands[0];
  if (dst === undefined) { st.fail('traceroute: Specify "host" missing argument.', 'usage'); return 2; }
  if (!IPV4.test(dst)) { st.warn(`traceroute ${dst}: names are not resolved by vnetlab; give an IPv4 address`, 'probe-name'); return 0; }
  if (opts.has('T')) { st.info('traceroute -T (TCP SYN probes) is not modelled; skipped', 'unmodelled'); return 0; }
  const parts = [`traceroute ${scopeName(st, scope)} ${dst}`];
  const m = opts.get('m');
  if (m && /^\d+$/.test(m)) parts.push(`max=${m}`);
  const w = opts.get('w');
  if (w && /^\d+(\.\d+)?$/.test(w)) parts.push(`wait=${w}`);
  if (opts.has('I')) parts.push('proto=icmp');
  const t = save(st, parts.join(' '));
  st.info(`"traceroute" is saved as a test of the design: ${t.probe}`, 'saved-test');
  return outcome?.(t, st) ?? 0;
}
