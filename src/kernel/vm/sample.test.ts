import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptiveLimiter } from '../pool';
import { familySample, kindFamily } from './sample';
import { parallelFor } from './slowness';

const HELD = new Set<string>(JSON.parse(readFileSync(new URL('../../core/sim/conformance-passing.json', import.meta.url), 'utf8')));
const ROOTS = ['conformance-debian-6.1', 'conformance-fuzz-debian-6.1'].map((f) => new URL(`../../../fixtures/${f}/`, import.meta.url).pathname);

describe('the VM sample rule', () => {
  it('names a family by the case name\'s first word', () => {
    expect(['gretap-basic', 'gre-keyed', 'ipip-onlink', 'bond-active-backup', 'vrf-two-tables', 'vm-seed-105'].map(kindFamily))
      .toEqual(['gretap', 'gre', 'ipip', 'bond', 'vrf', 'vm']);
  });

  it('takes one case per family of the cases the simulator is held to, the one with the fewest probes', () => {
    const names = familySample(ROOTS, HELD).map((d) => d.split('/').pop());
    expect(names).toEqual(['bond-8023ad-no-partner', 'bridge-vlan-filtering-default-pvid', 'dummy-down-address', 'gre-routes-over-tunnel',
      'gretap-far-end-down', 'ipvlan-l2-parent-down', 'vlan-parent-set-down', 'vm-seed-103', 'vrf-refused']);
  });
});

describe('running fewer sandboxes when the guest is slow', () => {
  it('halves and quarters the parallelism as the timer lag grows', () => {
    expect([0, 149, 150, 599, 600, 1999, 2000].map((l) => parallelFor(8, l))).toEqual([8, 8, 4, 4, 2, 2, 1]);
    expect(parallelFor(1, 5000)).toBe(1);
  });

  it('starts queued tasks only while fewer than the current limit run', async () => {
    let limit = 3;
    let running = 0;
    let most = 0;
    const run = adaptiveLimiter(() => limit, 5);
    const task = () => run(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
    });
    await Promise.all(Array.from({ length: 6 }, task));
    expect(most).toBe(3);
    limit = 0; // always at least one
    most = 0;
    await Promise.all(Array.from({ length: 3 }, task));
    expect(most).toBe(1);
  });
});
