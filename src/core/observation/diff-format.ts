/**
 * Human-readable rendering of observation differences, e.g.
 *
 *   ping ns1 192.168.0.171: kernel ok, simulator no_reply
 *   capture host:eth0 during probe 1 (ping ns1 192.168.0.171):
 *     kernel only:    ns1:mac1 > broadcast ARP who-has 192.168.0.171 tell 192.168.0.100
 *
 * The two sides are named by `labels` (e.g. kernel / simulator).
 */
import { canonicalJson } from './diff-equal';
import { MISSING, type DiffItem } from './diff';
import type { Observation, ProbeResult } from './types';

export interface DiffLabels {
  expected: string;
  observed: string;
}

const DEFAULT_LABELS: DiffLabels = { expected: 'expected', observed: 'observed' };

/** One short verdict for a probe: `ok`, `no_reply`, `host_unreachable from 10.0.0.1` ... */
export function probeVerdict(p: ProbeResult | undefined): string {
  if (!p) return MISSING;
  if (p.ok) return p.replies && p.replies.length ? `ok (${p.replies.join(', ')})` : 'ok';
  return p.error_from ? `${p.error} from ${p.error_from}` : String(p.error);
}

/** Lines describing `diffs` (from diffObservations(expected, observed)) for people. */
export function formatDiff(
  diffs: DiffItem[],
  expected: Partial<Observation>,
  observed: Partial<Observation>,
  labels: DiffLabels = DEFAULT_LABELS,
): string[] {
  const E = labels.expected;
  const O = labels.observed;
  const out: string[] = [];
  const probeName = (i: number) => expected.probes?.[i]?.probe ?? observed.probes?.[i]?.probe ?? `probe ${i}`;
  const doneProbes = new Set<number>();
  for (const d of diffs) {
    const parts = d.path.split('/').slice(1);
    if (parts[0] === 'probes') {
      const i = Number(parts[1]);
      if (doneProbes.has(i)) continue;
      doneProbes.add(i);
      const pe = expected.probes?.[i];
      const po = observed.probes?.[i];
      const ve = probeVerdict(pe);
      const vo = probeVerdict(po);
      if (ve !== vo) {
        out.push(`${probeName(i)}: ${E} ${ve}, ${O} ${vo}`);
      } else {
        const fields = diffs.filter((x) => x.path.startsWith(`/probes/${i}/`));
        const txt = fields.map((x) => `${x.path.split('/')[3]} ${E} ${show(x.expected)}, ${O} ${show(x.observed)}`);
        out.push(`${probeName(i)}: ${ve} on both sides, but ${txt.join('; ')}`);
      }
    } else if (parts[0] === 'captures' && parts[2] === 'probe') {
      const i = Number(parts[3]);
      const when = i < 0 ? 'before the first probe' : `during probe ${i} (${probeName(i)})`;
      out.push(`capture ${parts[1]} ${when}:`);
      out.push(...frameLines(d.expected, d.observed, labels));
    } else if (parts[0] === 'captures') {
      out.push(`capture ${parts[1]}: ${E} ${show(d.expected)}, ${O} ${show(d.observed)}`);
    } else if (parts[0] === 'neigh') {
      out.push(`neighbour ${parts[1]} ${parts[2]} ${parts[3]} ${parts[4]}: ${E} ${show(d.expected)}, ${O} ${show(d.observed)}`);
    } else if (parts[0] === 'links' && parts.length === 2) {
      out.push(`interfaces of ${parts[1]}: ${listChange(d.expected, d.observed, labels)}`);
    } else if (parts[0] === 'links') {
      out.push(`interface ${parts[1]} ${parts.slice(2).join('/')}: ${objectChange(d.expected, d.observed, labels)}`);
    } else if (parts[0] === 'routes' || parts[0] === 'fdb') {
      const what = parts[0] === 'routes' ? 'routes' : 'bridge FDB';
      out.push(`${what} of ${parts[1]}: ${listChange(d.expected, d.observed, labels)}`);
    } else if (parts[0] === 'setup' && parts[1] === 'failed-lines') {
      out.push(`script lines that fail: ${E} ${show(d.expected)}, ${O} ${show(d.observed)}`);
    } else if (parts[0] === 'namespaces') {
      out.push(`namespaces: ${listChange(d.expected, d.observed, labels)}`);
    } else {
      out.push(`${d.path.slice(1).replace(/\//g, ' ')}: ${E} ${show(d.expected)}, ${O} ${show(d.observed)}`);
    }
  }
  return out;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function frameText(f: unknown): string {
  const s = (f as { summary?: unknown })?.summary;
  return typeof s === 'string' ? s : canonicalJson(f);
}

/** Frames only one side saw (as multisets), or an order-only difference. */
function frameLines(x: unknown, y: unknown, labels: DiffLabels): string[] {
  if (!Array.isArray(x) || !Array.isArray(y)) return [`  ${labels.expected} ${show(x)}, ${labels.observed} ${show(y)}`];
  const onlyX = multisetMinus(x, y);
  const onlyY = multisetMinus(y, x);
  if (!onlyX.length && !onlyY.length) return ['  the same frames in another order'];
  const w = Math.max(labels.expected.length, labels.observed.length) + 7;
  const lines: string[] = [];
  for (const f of onlyX) lines.push(`  ${`${labels.expected} only:`.padEnd(w)}${frameText(f)}`);
  for (const f of onlyY) lines.push(`  ${`${labels.observed} only:`.padEnd(w)}${frameText(f)}`);
  return lines;
}

function multisetMinus(a: unknown[], b: unknown[]): unknown[] {
  const left = b.map(canonicalJson);
  const out: unknown[] = [];
  for (const f of a) {
    const k = left.indexOf(canonicalJson(f));
    if (k >= 0) left.splice(k, 1);
    else out.push(f);
  }
  return out;
}

function listChange(x: unknown, y: unknown, labels: DiffLabels): string {
  if (!Array.isArray(x) || !Array.isArray(y)) return `${labels.expected} ${show(x)}, ${labels.observed} ${show(y)}`;
  const onlyX = multisetMinus(x, y).map(show);
  const onlyY = multisetMinus(y, x).map(show);
  if (!onlyX.length && !onlyY.length) return 'same entries in another order';
  const parts: string[] = [];
  if (onlyX.length) parts.push(`${labels.expected} only [${onlyX.join('; ')}]`);
  if (onlyY.length) parts.push(`${labels.observed} only [${onlyY.join('; ')}]`);
  return parts.join(', ');
}

function objectChange(x: unknown, y: unknown, labels: DiffLabels): string {
  if (!x || !y || typeof x !== 'object' || typeof y !== 'object') {
    return `${labels.expected} ${show(x)}, ${labels.observed} ${show(y)}`;
  }
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const parts = keys
    .filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null))
    .map((k) => `${k} ${labels.expected} ${show(a[k] ?? MISSING)}, ${labels.observed} ${show(b[k] ?? MISSING)}`);
  return parts.join('; ');
}
