/**
 * Comparing observations item by item, with the exact semantics of the conformance harness
 * (lib/oracle.py `views` and `diff`; docs/conformance-format.md "Comparing"):
 *
 * - an observation is flattened into items: one per probe field, one per capture group (the
 *   frames of one probe on one interface), one per resolved neighbour's `lladdr` and `state`,
 *   one per link plus each namespace's link names, one per namespace's routes and FDB;
 * - items listed under the expected side's `unstable` are skipped, except the
 *   `unstable_order_only` capture groups, which are compared as multisets of frames;
 * - neighbour states are timer-driven and only compared when asked (`states`);
 * - neighbour entries without a link-layer address (FAILED / INCOMPLETE) are never items.
 */
import { jsonEqual, sameMultiset } from './diff-equal';
import type { Observation } from './types';

/** The value of an item one side does not have. */
export const MISSING = '<missing>';

/** One item on which two observations disagree. */
export interface DiffItem {
  path: string;
  expected: unknown;
  observed: unknown;
}

export interface DiffOptions {
  /** Also compare neighbour states (REACHABLE, STALE ...), which are timer-driven. */
  states?: boolean;
}

type Loose = Partial<Observation> & Record<string, unknown>;

/** Flattens an observation into its comparable items, keyed by path (oracle.py `views`). */
export function observationItems(obs: Partial<Observation>): Map<string, unknown> {
  const o = obs as Loose;
  const v = new Map<string, unknown>();
  const put = (k: string, val: unknown) => v.set(k, val === undefined ? null : val);
  const setup = (o.setup ?? {}) as Partial<Observation['setup']>;
  put('/setup/failed', setup.failed);
  put('/setup/stderr', setup.stderr);
  put('/setup/exit', setup.exit);
  const probes = o.probes ?? [];
  probes.forEach((p, i) => {
    for (const [k, val] of Object.entries(p)) if (val !== undefined) v.set(`/probes/${i}/${k}`, val);
  });
  for (const [key, cap] of Object.entries(o.captures ?? {})) {
    if ('error' in cap) {
      put(`/captures/${key}/error`, cap.error);
      continue;
    }
    const groups = new Map<number, Record<string, unknown>[]>();
    for (const f of cap.frames ?? []) {
      const { probe, ...rest } = f;
      if (!groups.has(probe)) groups.set(probe, []);
      groups.get(probe)!.push(rest);
    }
    for (let i = -1; i < probes.length; i++) {
      if (groups.has(i) || i >= 0) v.set(`/captures/${key}/probe/${i}`, groups.get(i) ?? []);
    }
  }
  for (const [ns, ents] of Object.entries(o.neigh ?? {})) {
    for (const e of ents) {
      if (!e.lladdr) continue;
      const base = `/neigh/${ns}/${e.dev}/${e.ip}`;
      v.set(`${base}/lladdr`, e.lladdr);
      put(`${base}/state`, e.state);
    }
  }
  for (const [ns, ls] of Object.entries(o.links ?? {})) {
    v.set(`/links/${ns}`, ls.map((l) => l.name).sort(byCodePoint));
    for (const l of ls) v.set(`/links/${ns}/${l.name}`, l);
  }
  for (const [ns, rs] of Object.entries(o.routes ?? {})) v.set(`/routes/${ns}`, rs);
  for (const [ns, fs] of Object.entries(o.fdb ?? {})) v.set(`/fdb/${ns}`, fs);
  v.set('/namespaces', Object.keys(o.links ?? {}).sort(byCodePoint));
  return v;
}

/** Every item path whose values differ, ignoring nothing (oracle.py `diff_views`). */
export function differingPaths(a: Partial<Observation>, b: Partial<Observation>): string[] {
  const va = observationItems(a);
  const vb = observationItems(b);
  const keys = [...new Set([...va.keys(), ...vb.keys()])].sort(byCodePoint);
  return keys.filter((k) => !jsonEqual(va.has(k) ? va.get(k) : MISSING, vb.has(k) ? vb.get(k) : MISSING));
}

/**
 * The items on which `observed` disagrees with `expected`, skipping what `expected` marks
 * unstable (oracle.py `diff`). Values a side lacks are `MISSING`.
 */
export function diffObservations(
  expected: Partial<Observation>,
  observed: Partial<Observation>,
  options: DiffOptions = {},
): DiffItem[] {
  const orderOnly = new Set(expected.unstable_order_only ?? []);
  const skip = new Set(Object.keys(expected.unstable ?? {}).filter((k) => !orderOnly.has(k)));
  const va = observationItems(expected);
  const vb = observationItems(observed);
  const out: DiffItem[] = [];
  for (const path of differingPaths(expected, observed)) {
    if (skip.has(path)) continue;
    if (!options.states && path.startsWith('/neigh/') && path.endsWith('/state')) continue;
    const x = va.has(path) ? va.get(path) : MISSING;
    const y = vb.has(path) ? vb.get(path) : MISSING;
    if (orderOnly.has(path) && Array.isArray(x) && Array.isArray(y) && sameMultiset(x, y)) continue;
    out.push({ path, expected: x, observed: y });
  }
  return out;
}

/** Python's default string order (code points), which the harness sorts paths and names by. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
