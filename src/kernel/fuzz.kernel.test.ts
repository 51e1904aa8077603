/**
 * Differential fuzzing in CI: fresh random designs (a new base seed every run, printed so a
 * failure can be replayed with `npm run fuzz:kernel -- --seed S --count 1`) run on the real
 * kernel and on the simulator; any disagreement fails the run. A disagreement is looked at
 * again over three kernel runs first, so that the kernel's own races (which interface's ARP
 * reply arrives first, frame order between two senders) are compared loosely, as the
 * conformance cases do through their `unstable` lists.
 */
import { expect, it } from 'vitest';
import { generateFuzzCase } from '../core/fuzz/generate';
import { formatDiff } from '../core/observation/diff-format';
import type { Observation } from '../core/observation/types';
import { parseProbes } from '../core/world/probes';
import { renderProbes, renderScript } from '../core/fuzz/generate';
import { importDesignScript, simulateDesign } from './collaborators';
import { compareWithSimulator } from './compare';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase, runKernelCaseRepeated } from './run-case';

const COUNT = Number(process.env.VNETLAB_FUZZ_COUNT) || 50;
const BASE = Number(process.env.VNETLAB_FUZZ_SEED) || 1000 + (Math.floor(Date.now() / 1000) % 1_000_000) * 64;
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;
const MAX_PROBES = 8;

/**
 * A device that is up without carrier and whose peer or lower device sits in another
 * namespace is reported DOWN or LOWERLAYERDOWN depending on timing (the kernel looks the
 * lower device up by ifindex in the device's own namespace); the same commands gave both
 * in separate sandboxes. Both readings mean "no carrier", so they are compared as one.
 */
function foldOperstate(o: Partial<Observation>): Partial<Observation> {
  if (!o.links) return o;
  const links = Object.fromEntries(Object.entries(o.links).map(([ns, ls]) => [ns, ls.map((l) => (l.operstate === 'LOWERLAYERDOWN' ? { ...l, operstate: 'DOWN' } : l))]));
  return { ...o, links };
}

async function compare(seed: number, runs: number) {
  const c = generateFuzzCase(seed, { maxProbes: MAX_PROBES });
  const script = renderScript(c.elements, `fuzz seed ${seed}`);
  const probes = renderProbes(c.elements, c.probes).join('\n') + '\n';
  const kc = { name: `fuzz-${seed}`, script, probes };
  const kernel = runs > 1 ? await runKernelCaseRepeated(kc, runs) : await runKernelCase(kc);
  const { design, failedLines } = await importDesignScript(script, `fuzz-${seed}/topology.sh`);
  const sim = await simulateDesign(design, parseProbes(probes).probes, seed);
  const { diff, kernel: compared } = compareWithSimulator(foldOperstate(kernel) as Observation, foldOperstate(sim), { importerFailedLines: failedLines });
  return { diff, text: formatDiff(diff, compared, sim, { expected: 'kernel', observed: 'simulator' }), probes: kernel.probes.length };
}

describeAsRoot('differential fuzzing: kernel vs simulator', () => {
  console.log(`fuzz: ${COUNT} random designs, seeds ${BASE}..${BASE + COUNT - 1} (replay one: npm run fuzz:kernel -- --seed S --count 1)`);
  const run = limiter(JOBS);
  const outcomes = Array.from({ length: COUNT }, (_, i) => {
    const seed = BASE + i;
    const p = run(async () => {
      const first = await compare(seed, 1);
      return first.diff.length ? { ...(await compare(seed, 3)), seed } : { ...first, seed };
    });
    p.catch(() => {});
    return { seed, p };
  });

  for (const { seed, p } of outcomes) {
    it(`random design seed ${seed}: simulator agrees with the kernel`, async () => {
      const o = await p;
      expect(o.text.join('\n'), `seed ${seed} disagrees (replay: npm run fuzz:kernel -- --seed ${seed} --count 1)`).toBe('');
    });
  }
});
