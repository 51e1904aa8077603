/**
 * MAC labels (docs/conformance-format.md "MAC labels"): every MAC in an observation is
 * replaced by `NS:DEV` of the interface owning it at the end of the run. This follows the
 * label function of the kernel harness's `collect_links` (shared/conformance/lib/oracle.py).
 */
import type { MacLabeler } from './describe';

export interface LabelInterface {
  /** Namespace label: `host`, a script namespace, an external host. */
  ns: string;
  dev: string;
  /** The interface's MAC (any case); empty/undefined for devices without one. */
  mac?: string;
  /** Link kind as in `links[].kind` (`bridge` matters here). */
  kind: string;
  /** Name of the master device in the same namespace (a bridge port's bridge). */
  master?: string;
  /**
   * False for devices whose link type is not Ethernet (loopback, tun, ipip ...): they own
   * no MAC. Default true. The harness counts only `link_type == "ether"`.
   */
  ether?: boolean;
  /** Whether the bridge's MAC was set by hand. Informative only: the harness decides by equality of MACs alone. */
  bridgeMacExplicit?: boolean;
}

/**
 * Build `label(mac)`: `broadcast`, `zero`, the owner(s) `NS:DEV` (several joined with `|`,
 * sorted, after dropping bridge ports whose bridge shares the MAC), `multicast:MAC` for
 * group addresses, `unknown:MAC` otherwise.
 */
export function buildMacLabeler(interfaces: readonly LabelInterface[]): MacLabeler {
  const owners = new Map<string, LabelInterface[]>();
  for (const i of interfaces) {
    const m = (i.mac ?? '').toLowerCase();
    if (!m || m === '00:00:00:00:00:00' || i.ether === false) continue;
    const list = owners.get(m);
    if (list) list.push(i);
    else owners.set(m, [i]);
  }
  const cache = new Map<string, string>();
  for (const [m, ows] of owners) {
    const bridges = new Set(ows.filter((o) => o.kind === 'bridge').map((o) => `${o.ns}\0${o.dev}`));
    const keep = ows.filter((o) => !(o.master && bridges.has(`${o.ns}\0${o.master}`)));
    // Python's sorted() on str compares code points, as does the default JS sort.
    cache.set(m, keep.map((o) => `${o.ns}:${o.dev}`).sort().join('|'));
  }
  return (raw: string): string => {
    const m = raw.toLowerCase();
    if (m === 'ff:ff:ff:ff:ff:ff') return 'broadcast';
    if (m === '00:00:00:00:00:00') return 'zero';
    const hit = cache.get(m);
    if (hit !== undefined) return hit;
    return parseInt(m.slice(0, 2), 16) & 1 ? `multicast:${m}` : `unknown:${m}`;
  };
}
