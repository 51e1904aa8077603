import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import';
import { parseProbes } from '../world/probes';
import { simulate } from '../sim/simulate';
import { renderProbes, renderScript } from './generate';
import { generateVmFuzzCase } from './vm-kinds';

describe('VM-kind fuzz designs with ipip, GRE and gretap tunnels', () => {
  it('draws every tunnel kind; the importer accepts each drawn tunnel and the simulator runs it', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const c = generateVmFuzzCase(seed);
      const script = renderScript(c.elements);
      const m = /type (ipip|gre|gretap)\b/.exec(script);
      if (!m) continue;
      kinds.add(m[1]);
      const { design, diagnostics } = importScript(script);
      expect(diagnostics.filter((d) => d.level === 'error' && /tun1|u0/.test(d.message))).toEqual([]);
      const probes = parseProbes(renderProbes(c.elements, c.probes).join('\n')).probes;
      const { observation } = simulate(design, probes, { seed });
      expect(observation.probes.some((p) => p.probe === 'ping ta 10.77.0.2')).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['gre', 'gretap', 'ipip']);
  });
});
