/**
 * The simulator against the kernel: every conformance case (Linux 6.18 and Debian 6.1,
 * fuzz findings of both)
 * is simulated and diffed with its expected.json. Every case runs and its differences are
 * printed; the cases listed in conformance-passing.json must agree (a ratchet extended as
 * cases start to pass).
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types';
import { runCase, type CaseInput } from '../testing/conformance-cases';
import { FAST_HARNESS, SLOW_HARNESS } from './simulate';
import passing from './conformance-passing.json';

const topologies = import.meta.glob('../../../fixtures/{conformance,conformance-debian-6.1,conformance-fuzz,conformance-fuzz-debian-6.1,conformance-conntrack,conformance-transport}/*/topology.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const probeFiles = import.meta.glob('../../../fixtures/{conformance,conformance-debian-6.1,conformance-fuzz,conformance-fuzz-debian-6.1,conformance-conntrack,conformance-transport}/*/probes.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const expecteds = import.meta.glob('../../../fixtures/{conformance,conformance-debian-6.1,conformance-fuzz,conformance-fuzz-debian-6.1,conformance-conntrack,conformance-transport}/*/expected.json', { import: 'default', eager: true }) as Record<string, Observation>;

function cases(): CaseInput[] {
  return Object.keys(topologies).sort().map((path) => {
    const dir = path.slice(0, -'/topology.sh'.length);
    const name = `${dir.split('/').slice(-2).join('/')}`;
    return { name, topology: topologies[path], probes: probeFiles[`${dir}/probes.txt`], expected: expecteds[`${dir}/expected.json`] };
  });
}

describe('conformance: simulator vs kernel', () => {
  const all = cases();
  // The timing profile belongs to the machine that measured a fixture set, not to a case.
  const outcomes = all.map((c) => runCase(c, 1, /^conformance(-fuzz)?-debian-6\.1\//.test(c.name) ? SLOW_HARNESS : FAST_HARNESS));

  it('finds all 156 cases (58 Linux 6.18, 47 Debian 6.1, 31 fuzz findings on 6.18 and 3 on 6.1, 4 conntrack, 13 transport)', () => {
    expect(all.length).toBe(156);
  });

  it('agrees with the kernel on every case in the ratchet list', () => {
    const agreeing = outcomes.filter((o) => o.diffs.length === 0).map((o) => o.name);
    for (const o of outcomes) {
      if (o.diffs.length === 0) continue;
      const lines = o.diffs.slice(0, 6).map((d) => `  ${d.path}\n    expected: ${JSON.stringify(d.expected)}\n    observed: ${JSON.stringify(d.observed)}`);
      console.log(`DIFF ${o.name} (${o.diffs.length} items)\n${lines.join('\n')}`);
    }
    console.log(`${agreeing.length}/${all.length} cases agree`);
    const failing = (passing as string[]).filter((n) => !agreeing.includes(n));
    expect(failing).toEqual([]);
  });
});
