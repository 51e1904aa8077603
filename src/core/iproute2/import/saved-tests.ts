/**
 * A design's saved tests as script lines again (`ping -c N -W S …`, `arping -c 1 -I DEV …`,
 * `ip neigh flush dev X`), each in the namespace it ran in, for the exporter to place.
 */
import type { SavedTest } from '../../model/types';

const quote = (s: string) => (/^[A-Za-z0-9_.:/@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** The command line a saved test stands for, or undefined for a test that is not a script line. */
export function savedTestLine(t: SavedTest): string | undefined {
  const [verb, ns, ...rest] = t.probe.trim().split(/\s+/);
  if (!ns) return undefined;
  const opts = Object.fromEntries(rest.filter((w) => w.includes('=')).map((w) => w.split('=', 2) as [string, string]));
  const plain = rest.filter((w) => !w.includes('='));
  const inNs = (cmd: string) => (ns === 'host' ? cmd : `ip netns exec ${quote(ns)} ${cmd}`);
  switch (verb) {
    case 'ping': {
      const [dst] = plain;
      if (!dst) return undefined;
      const parts = ['ping', '-n', '-c', opts.count ?? '1', '-W', opts.wait ?? '3.5'];
      if (opts.iface) parts.push('-I', quote(opts.iface));
      else if (opts.src) parts.push('-I', quote(opts.src));
      parts.push(quote(dst));
      return inNs(parts.join(' '));
    }
    case 'arping': {
      const [dev, dst] = plain;
      if (!dev || !dst) return undefined;
      return inNs(`arping -c 1 -w ${opts.wait ?? '1'} -I ${quote(dev)} ${quote(dst)}`);
    }
    case 'neigh-flush': return inNs(plain[0] ? `ip neigh flush dev ${quote(plain[0])}` : 'ip neigh flush all');
    case 'neigh-del': {
      const [addr, dev] = plain;
      if (!addr) return undefined;
      return inNs(dev ? `ip neigh del ${quote(addr)} dev ${quote(dev)}` : `arp -d ${quote(addr)}`);
    }
  }
  return undefined;
}

/** Script lines for a design's saved tests, in order; tests that are not script lines are left out. */
export function savedTestLines(tests: readonly SavedTest[] | undefined): string[] {
  return (tests ?? []).map(savedTestLine).filter((l): l is string => l !== undefined);
}
