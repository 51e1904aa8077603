/**
 * A design's saved tests as script lines again (`ping -n -c N -W S …`, `arping -c 1 -I DEV …`,
 * `ip neigh flush dev X`), each in the namespace it ran in. The exporter appends them after
 * the configuration; they import back to the same tests.
 */
import type { SavedTest } from '../../model/types';
import { shq } from './shell-quote';

/** The words of a probe line: verb, namespace, positional words and `key=value` options. */
function probeWords(t: SavedTest): { verb: string; ns: string; plain: string[]; opts: Record<string, string> } | undefined {
  const [verb, ns, ...rest] = t.probe.trim().split(/\s+/);
  if (!verb || !ns) return undefined;
  const opts: Record<string, string> = {};
  const plain: string[] = [];
  for (const w of rest) {
    const eq = w.indexOf('=');
    if (eq > 0) opts[w.slice(0, eq)] = w.slice(eq + 1);
    else plain.push(w);
  }
  return { verb, ns, plain, opts };
}

/** The namespace a saved test runs in (`host` is the machine's root namespace). */
export function savedTestNamespace(t: SavedTest): string | undefined {
  return probeWords(t)?.ns;
}

/** The command line a saved test stands for, or undefined for a test that is not a script line. */
export function savedTestLine(t: SavedTest): string | undefined {
  const p = probeWords(t);
  if (!p) return undefined;
  const { verb, ns, plain, opts } = p;
  const inNs = (cmd: string) => (ns === 'host' ? cmd : `ip netns exec ${shq(ns)} ${cmd}`);
  const num = (v: string | undefined, dflt: string) => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? v : dflt);
  switch (verb) {
    case 'ping': {
      const [dst] = plain;
      if (!dst) return undefined;
      // -W only where the script gave it: the test then imports back unchanged
      const parts = ['ping', '-n', '-c', num(opts.count, '1')];
      if (opts.wait !== undefined) parts.push('-W', num(opts.wait, '3.5'));
      if (opts.iface) parts.push('-I', shq(opts.iface));
      else if (opts.src) parts.push('-I', shq(opts.src));
      parts.push(shq(dst));
      return inNs(parts.join(' '));
    }
    case 'arping': {
      const [dev, dst] = plain;
      if (!dev || !dst) return undefined;
      return inNs(`arping -c 1 -w ${num(opts.wait, '1')} -I ${shq(dev)} ${shq(dst)}`);
    }
    case 'neigh-flush': return inNs(plain[0] ? `ip neigh flush dev ${shq(plain[0])}` : 'ip neigh flush all');
    case 'neigh-del': {
      const [addr, dev] = plain;
      if (!addr) return undefined;
      return inNs(dev ? `ip neigh del ${shq(addr)} dev ${shq(dev)}` : `arp -d ${shq(addr)}`);
    }
  }
  return undefined;
}

/** Script lines for a design's saved tests, in order; tests that are not script lines are left out. */
export function savedTestLines(tests: readonly SavedTest[] | undefined): string[] {
  return (tests ?? []).map(savedTestLine).filter((l): l is string => l !== undefined);
}

/**
 * A saved test as a line of a `set -e` script: a probe that does not give what the test
 * expects prints a notice instead of stopping the script (`!` and `||` are not counted as
 * failures by errexit), so every test runs and the configuration above stays in place.
 */
export function savedTestCommand(t: SavedTest): string | undefined {
  const line = savedTestLine(t);
  if (!line) return undefined;
  const verb = probeWords(t)?.verb;
  if (verb !== 'ping' && verb !== 'arping') return `${line} || true`;
  const notice = `echo ${shq(`test failed: ${t.probe}${t.expect === 'no-reply' ? ' (expected no reply)' : ''}`)} >&2`;
  return t.expect === 'no-reply' ? `! ${line} || ${notice}` : `${line} || ${notice}`;
}
