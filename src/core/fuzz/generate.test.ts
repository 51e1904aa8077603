import { describe, expect, it } from 'vitest';
import { parseWorldHeader } from '../world/header';
import { parseProbes } from '../world/probes';
import { closedElements, generateFuzzCase, renderProbes, renderScript } from './generate';

describe('generateFuzzCase', () => {
  it('is a pure function of the seed', () => {
    expect(generateFuzzCase(7)).toEqual(generateFuzzCase(7));
    expect(renderScript(generateFuzzCase(7).elements)).not.toEqual(renderScript(generateFuzzCase(8).elements));
  });

  it('renders headers and probes the case parsers accept, for many seeds', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = generateFuzzCase(seed);
      const script = renderScript(c.elements);
      expect(parseWorldHeader(script).diagnostics).toEqual([]);
      const { probes, diagnostics } = parseProbes(c.probes.join('\n'));
      expect(diagnostics).toEqual([]);
      expect(probes.probes.length).toBeGreaterThan(0);
      expect(probes.probes.length).toBeLessThanOrEqual(14);
      const ids = c.elements.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('drops the dependents of a missing element when rendering', () => {
    const c = generateFuzzCase(3);
    const creator = c.elements.find((e) => e.id.startsWith('veth-'))!;
    const rest = c.elements.filter((e) => e !== creator);
    const kept = closedElements(rest);
    expect(kept.some((e) => e.needs.includes(creator.id))).toBe(false);
    expect(renderScript(rest)).not.toContain(creator.lines![0]);
    expect(renderScript(c.elements)).toContain(creator.lines![0]);
  });
});

describe('the VXLAN overlay option', () => {
  it('adds VXLAN pairs to some designs and leaves the rest of each design as it was', () => {
    let with_ = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const plain = generateFuzzCase(seed).elements;
      const vx = generateFuzzCase(seed, { vxlan: true }).elements;
      expect(vx.filter((e) => !e.id.startsWith('vxlan-'))).toEqual(plain);
      const pair = vx.filter((e) => e.id.startsWith('vxlan-'));
      if (pair.length) {
        with_++;
        expect(pair).toHaveLength(2);
        expect(pair[0].lines![0]).toMatch(/ link add vx0 type vxlan id \d dstport 4789/);
      }
    }
    expect(with_).toBeGreaterThan(5);
  });
});

describe('renderProbes', () => {
  it('keeps only probes whose namespace is still created', () => {
    const c = generateFuzzCase(11);
    const withoutNs = c.elements.filter((e) => !e.id.startsWith('netns-') && !e.id.startsWith('host-'));
    const kept = renderProbes(withoutNs, c.probes);
    expect(kept.every((p) => p.split(' ')[1] === 'host')).toBe(true);
    expect(renderProbes(c.elements, c.probes)).toEqual(c.probes);
  });
});

describe('generateFuzzCase with transport', () => {
  it('draws listeners, DNAT and tcp/traceroute probes within the probe budget, leaving the rest of the seed as it was', () => {
    let listeners = 0; let tcp = 0; let traces = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const plain = generateFuzzCase(seed);
      const c = generateFuzzCase(seed, { transport: true });
      expect(c.elements.slice(0, plain.elements.length)).toEqual(plain.elements);
      expect(c.probes.filter((p) => !p.startsWith('capture')).length).toBeLessThanOrEqual(14);
      const text = renderScript(c.elements);
      listeners += (text.match(/nc (-k )?-l -p/g) ?? []).length;
      tcp += c.probes.filter((p) => p.startsWith('tcp ')).length;
      traces += c.probes.filter((p) => p.startsWith('traceroute ')).length;
    }
    expect(listeners).toBeGreaterThan(5);
    expect(tcp).toBeGreaterThan(5);
    expect(traces).toBeGreaterThan(3);
  });
});
