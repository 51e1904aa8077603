import { describe, expect, it } from 'vitest';
import { DesignBuilder } from './testing/design-builder';
import { SimSession } from './session';
import { seconds } from './engine/time';

describe('SimSession (incremental driving)', () => {
  it('steps one event at a time and streams the trace by index', () => {
    const b = new DesignBuilder();
    b.ns('ns1');
    b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
    const s = new SimSession(b.design, { seed: 2 });
    s.runUntil(seconds(1));
    const before = s.traceSince(0).length;
    const h = s.ping('host', '10.0.0.2');
    let steps = 0;
    while (!h.result && s.step()) steps++;
    expect(h.result?.ok).toBe(true);
    expect(steps).toBeGreaterThan(3);
    const fresh = s.traceSince(before);
    expect(fresh.some((e) => e.kind === 'frame-tx' && e.at.dev === 'v0')).toBe(true);
    expect(fresh.every((e, i) => i === 0 || e.t >= fresh[i - 1].t)).toBe(true);
  });

  it('reads per-namespace tables', () => {
    const b = new DesignBuilder();
    b.ns('ns1');
    b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
    const s = new SimSession(b.design, { seed: 2 });
    expect(s.namespaces()).toEqual(['host', 'ns1']);
    expect(s.routes('ns1')).toEqual(['10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.2']);
    expect(s.links('ns1').map((l) => [l.name, l.operstate])).toEqual([['lo', 'UNKNOWN'], ['v1', 'UP']]);
  });
});
