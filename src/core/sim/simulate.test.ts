import { describe, expect, it } from 'vitest';
import { parseProbes } from '../world/probes';
import { DesignBuilder } from './testing/design-builder';
import { simulate } from './simulate';

function design() {
  const b = new DesignBuilder();
  b.ns('ns1', true);
  b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
  return b.design;
}

const probes = parseProbes('capture ns1 v1\ncapture ns1 nope\nping host 10.0.0.2\nping ns1 10.0.0.3\nping ns1 192.0.2.1\n').probes;

describe('simulate', () => {
  it('is a pure function of design, probes and seed', () => {
    const a = simulate(design(), probes, { seed: 9 });
    const b = simulate(design(), probes, { seed: 9 });
    expect(JSON.stringify(b.observation)).toBe(JSON.stringify(a.observation));
    expect(b.trace.length).toBe(a.trace.length);
  });

  it('reports verdicts like the harness: ok, no reply (lo down), network unreachable', () => {
    const { observation } = simulate(design(), probes, { seed: 1 });
    expect(observation.probes.map((p) => [p.ok, p.error, p.rc])).toEqual([
      [true, null, 0],
      [false, 'no_reply', 1],
      [false, 'network_unreachable', 2],
    ]);
    expect(observation.probes[2].local_errors).toEqual(['connect: Network is unreachable']);
  });

  it('captures frames by probe window with MAC labels, and reports a missing device', () => {
    const { observation } = simulate(design(), probes, { seed: 1 });
    const cap = observation.captures['ns1:v1'];
    expect('frames' in cap && cap.frames.slice(0, 2).map((f) => [f.probe, f.summary])).toEqual([
      [0, 'host:v0 > broadcast ARP who-has 10.0.0.2 tell 10.0.0.1'],
      [0, 'ns1:v1 > host:v0 ARP 10.0.0.2 is-at ns1:v1'],
    ]);
    expect(observation.captures['ns1:nope']).toEqual({ error: '(No such device exists)' });
  });

  it('prints routes as iproute2 does', () => {
    const { observation } = simulate(design(), probes, { seed: 1 });
    expect(observation.routes.ns1).toEqual(['10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.2']);
  });
});
