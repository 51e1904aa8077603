/**
 * Value equality and canonical text for observation items, with the semantics of the
 * conformance harness (Python `==` on decoded JSON): objects compare by keys regardless of
 * key order, arrays by position, numbers by value (`1 == 1.0`, `true == 1`). A key whose
 * value is `undefined` counts as absent, as it would after a JSON round trip.
 */

/** Deep equality of two JSON-like values, Python style. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = definedKeys(a as Record<string, unknown>);
    const kb = definedKeys(b as Record<string, unknown>);
    if (ka.length !== kb.length) return false;
    const rb = b as Record<string, unknown>;
    return ka.every((k) => k in rb && rb[k] !== undefined && jsonEqual((a as Record<string, unknown>)[k], rb[k]));
  }
  return false;
}

/** JSON text with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

/** True if the two lists hold the same elements, counting repeats, in any order. */
export function sameMultiset(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(canonicalJson).sort();
  const y = b.map(canonicalJson).sort();
  return x.every((s, i) => s === y[i]);
}

function isNumeric(v: unknown): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of definedKeys(o).sort()) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}
