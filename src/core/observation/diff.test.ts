import { describe, expect, it } from 'vitest';
import { diffObservations, differingPaths, MISSING, observationItems } from './diff';
import { formatDiff } from './diff-format';
import { mergeObservations } from './diff-merge';
import { jsonEqual, sameMultiset } from './diff-equal';
import type { Observation } from './types';

const fixtures = import.meta.glob('../../../fixtures/conformance*/*/expected.json', {
  eager: true,
  import: 'default',
}) as Record<string, Observation>;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const byName = (name: string): Observation => {
  const key = Object.keys(fixtures).find((k) => k.endsWith(`/conformance/${name}/expected.json`));
  if (!key) throw new Error(`fixture ${name} not found`);
  return clone(fixtures[key]);
};

describe('observationItems', () => {
  it('makes one item per probe field, capture group, resolved neighbour, link, route list and fdb', () => {
    const obs = byName('macvtap-no-reader');
    const items = observationItems(obs);
    expect(items.get('/probes/0/ok')).toBe(true);
    expect(items.get('/probes/0/error')).toBeNull();
    expect(items.get('/setup/exit')).toBe(0);
    expect(items.has('/captures/host:eth0/probe/0')).toBe(true);
    expect(items.has('/captures/host:eth0/probe/-1')).toBe(false);
    expect(items.get('/namespaces')).toEqual(Object.keys(obs.links).sort());
    expect(items.has('/links/host/eth0')).toBe(true);
    expect(items.has('/routes/host')).toBe(true);
  });

  it('gives an empty group to probes during which an interface saw nothing', () => {
    const obs = byName('macvtap-no-reader');
    obs.captures['host:eth0'] = { frames: [] };
    const items = observationItems(obs);
    expect(items.get('/captures/host:eth0/probe/0')).toEqual([]);
    expect(items.get('/captures/host:eth0/probe/1')).toEqual([]);
  });

  it('never makes items of neighbour entries without a link-layer address', () => {
    const obs = byName('macvtap-no-reader');
    obs.neigh = { host: [{ ip: '10.9.9.9', dev: 'eth0', state: 'FAILED' }] };
    const paths = [...observationItems(obs).keys()].filter((k) => k.startsWith('/neigh/'));
    expect(paths).toEqual([]);
  });
});

describe('diffObservations', () => {
  const all = Object.entries(fixtures);

  it('finds nothing between any fixture and itself', () => {
    expect(all.length).toBeGreaterThan(40);
    for (const [, obs] of all) expect(diffObservations(obs, clone(obs), { states: true })).toEqual([]);
  });

  it('finds nothing when object keys come in another order', () => {
    const obs = byName('nat-masquerade');
    const other = clone(obs);
    other.probes = other.probes.map((p) => Object.fromEntries(Object.entries(p).reverse()) as typeof p);
    expect(diffObservations(obs, other)).toEqual([]);
  });

  it('reports a changed probe verdict', () => {
    const obs = byName('nat-masquerade');
    const other = clone(obs);
    other.probes[0].ok = false;
    other.probes[0].error = 'no_reply';
    const d = diffObservations(obs, other);
    expect(d.map((x) => x.path)).toEqual(['/probes/0/error', '/probes/0/ok']);
    expect(d[1]).toEqual({ path: '/probes/0/ok', expected: true, observed: false });
  });

  it('reports a missing frame, a missing link and a missing field as <missing> where needed', () => {
    const obs = byName('nat-masquerade');
    const other = clone(obs);
    const cap = other.captures['host:eth0'] as { frames: unknown[] };
    cap.frames.pop();
    other.links.host = other.links.host.filter((l) => l.name !== 'v0');
    delete other.probes[1].error_from;
    other.probes[1].error_from = undefined;
    const paths = diffObservations(obs, other).map((x) => x.path);
    expect(paths.some((p) => p.startsWith('/captures/host:eth0/probe/'))).toBe(true);
    expect(paths).toContain('/links/host');
    const v0 = diffObservations(obs, other).find((x) => x.path === '/links/host/v0');
    expect(v0?.observed).toBe(MISSING);
  });

  it('skips items the expected side lists as unstable', () => {
    const obs = byName('macvlan-vepa-mac3-hairpin');
    const other = clone(obs);
    const n = other.neigh.ns1.find((e) => e.dev === 'mac1' && e.ip === '192.168.0.171');
    expect(n).toBeDefined();
    n!.lladdr = 'unknown:02:00:00:00:00:01';
    expect(diffObservations(obs, other)).toEqual([]);
    // without the unstable list the same change is a difference
    const strict = { ...obs, unstable: {}, unstable_order_only: [] };
    expect(diffObservations(strict, other).map((x) => x.path)).toContain('/neigh/ns1/mac1/192.168.0.171/lladdr');
  });

  it('compares order-only capture groups as multisets', () => {
    const obs = byName('macvtap-no-reader');
    const other = clone(obs);
    const frames = (other.captures['host:eth0'] as { frames: { probe: number }[] }).frames;
    const p0 = frames.filter((f) => f.probe === 0).reverse();
    const rest = frames.filter((f) => f.probe !== 0);
    (other.captures['host:eth0'] as { frames: unknown[] }).frames = [...p0, ...rest];
    expect(diffObservations(obs, other)).toEqual([]);
    // a lost frame in such a group is still a difference
    (other.captures['host:eth0'] as { frames: unknown[] }).frames = [...p0.slice(1), ...rest];
    expect(diffObservations(obs, other).map((x) => x.path)).toEqual(['/captures/host:eth0/probe/0']);
  });

  it('ignores neighbour states unless asked', () => {
    const obs = byName('nat-masquerade');
    const other = clone(obs);
    const ns = Object.keys(other.neigh).find((k) => other.neigh[k].some((e) => e.lladdr))!;
    const e = other.neigh[ns].find((x) => x.lladdr)!;
    e.state = e.state === 'STALE' ? 'REACHABLE' : 'STALE';
    expect(diffObservations(obs, other)).toEqual([]);
    expect(diffObservations(obs, other, { states: true }).map((x) => x.path)).toEqual([
      `/neigh/${ns}/${e.dev}/${e.ip}/state`,
    ]);
  });

  it('differingPaths ignores nothing', () => {
    const obs = byName('macvlan-vepa-mac3-hairpin');
    const other = clone(obs);
    other.neigh.ns1 = other.neigh.ns1.map((x) => ({ ...x, state: 'PROBE' }));
    expect(differingPaths(obs, other).length).toBeGreaterThan(0);
  });
});

describe('formatDiff', () => {
  it('names a probe verdict change by the probe line and both sides', () => {
    const obs = byName('macvlan-bridge-mac3-fieldnotes');
    const i = obs.probes.findIndex((p) => p.ok);
    const other = clone(obs);
    Object.assign(other.probes[i], { ok: false, error: 'no_reply', rc: 1, received: 0, reply_from: [] });
    const lines = formatDiff(diffObservations(obs, other), obs, other, { expected: 'kernel', observed: 'simulator' });
    expect(lines[0]).toBe(`${obs.probes[i].probe}: kernel ok, simulator no_reply`);
    expect(lines.length).toBe(1);
  });

  it('lists frames only one side saw by their summaries', () => {
    const obs = byName('nat-masquerade');
    const other = clone(obs);
    const cap = other.captures['host:eth0'] as { frames: { summary: string; probe: number }[] };
    const lost = cap.frames.shift()!;
    const lines = formatDiff(diffObservations(obs, other), obs, other, { expected: 'kernel', observed: 'simulator' });
    expect(lines[0]).toMatch(new RegExp(`^capture host:eth0 during probe ${lost.probe} `));
    expect(lines[1]).toContain('kernel only:');
    expect(lines[1]).toContain(lost.summary);
  });
});

describe('jsonEqual', () => {
  it('treats numbers like Python does and ignores key order and undefined keys', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1.0 })).toBe(true);
    expect(jsonEqual({ a: 1, c: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(null, MISSING)).toBe(false);
    expect(sameMultiset([{ a: 1 }, { b: 2 }], [{ b: 2 }, { a: 1 }])).toBe(true);
    expect(sameMultiset([{ a: 1 }, { a: 1 }], [{ a: 1 }, { b: 2 }])).toBe(false);
  });
});

describe('mergeObservations', () => {
  it('lists items that differ between runs and order-only capture groups', () => {
    const a = clone(byName('macvtap-no-reader'));
    delete a.unstable;
    delete a.unstable_order_only;
    const b = clone(a);
    const frames = (b.captures['host:eth0'] as { frames: { probe: number }[] }).frames;
    (b.captures['host:eth0'] as { frames: unknown[] }).frames = [...frames.filter((f) => f.probe === 0).reverse(), ...frames.filter((f) => f.probe !== 0)];
    b.probes[1].rc = 7;
    const m = mergeObservations([a, b]);
    expect(m.runs).toBe(2);
    expect(Object.keys(m.unstable!)).toEqual(['/captures/host:eth0/probe/0', '/probes/1/rc']);
    expect(m.unstable!['/probes/1/rc']).toEqual([a.probes[1].rc, 7]);
    expect(m.unstable_order_only).toEqual(['/captures/host:eth0/probe/0']);
    // diffing either run against the merge finds nothing
    expect(diffObservations(m, a)).toEqual([]);
    expect(diffObservations(m, b)).toEqual([]);
  });

  it('gives an empty unstable list for identical runs', () => {
    const a = clone(byName('nat-masquerade'));
    const m = mergeObservations([a, clone(a), clone(a)]);
    expect(m.unstable).toEqual({});
    expect(m.unstable_order_only).toEqual([]);
  });
});
