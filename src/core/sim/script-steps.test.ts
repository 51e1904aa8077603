import { describe, expect, it } from 'vitest';
import type { SavedTest } from '../model/types';
import { DesignBuilder } from './testing/design-builder';
import { simulate } from './simulate';

const step = (probe: string, n: number): SavedTest => ({ id: `t${n}`, probe, origin: 'script', line: n });

function twoNs(tests: SavedTest[]) {
  const b = new DesignBuilder();
  b.ns('ns1');
  b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
  b.design.tests = tests;
  return simulate(b.design, { probes: [], captures: [] }, { seed: 1 }).observation;
}

describe('the script\'s own probes run during the setup', () => {
  it('leave the neighbour entries the kernel has after the script', () => {
    const o = twoNs([step('ping host 10.0.0.2 count=1 wait=1', 1)]);
    expect(o.neigh.host.map((e) => [e.ip, e.lladdr])).toEqual([['10.0.0.2', 'ns1:v1']]);
    expect(o.neigh.ns1.map((e) => [e.ip, e.lladdr])).toEqual([['10.0.0.1', 'host:v0']]);
  });

  it('ip neigh flush and arp -d steps remove what the pings learned, in script order', () => {
    const o = twoNs([step('ping host 10.0.0.2', 1), step('neigh-flush ns1', 2), step('neigh-del host 10.0.0.2 v0', 3)]);
    expect(o.neigh.host).toEqual([]);
    expect(o.neigh.ns1).toEqual([]);
  });

  it('tests of other origins (examples, labs) are not run by the setup', () => {
    const o = twoNs([{ id: 'e', probe: 'ping host 10.0.0.2', origin: 'example' }]);
    expect(o.neigh.host).toEqual([]);
  });
});
