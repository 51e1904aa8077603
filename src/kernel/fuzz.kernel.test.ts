/**
 * Differential fuzzing in CI: 50 random designs run on the real kernel and on the simulator;
 * any disagreement fails the run. Gating CI is deterministic, so the base seed is fixed:
 * the same 50 designs every run. New seeds are exploration (`npm run fuzz:kernel -- --seed S
 * --count N`), and each finding is kept as a regression case in fixtures/conformance-fuzz.
 * VNETLAB_FUZZ_SEED / VNETLAB_FUZZ_COUNT choose other designs. A disagreement is looked at
 * again over three kernel runs first, so that the kernel's own races (which interface's ARP
 * reply arrives first, frame order between two senders) are compared loosely, as the
 * conformance cases do through their `unstable` lists.
 * A second fixed sample draws the same seeds' transport elements too (netcat listeners, DNAT,
 * FORWARD DROP with `--ctstate`, tcp and traceroute probes): the seeds 20780018..23 are those
 * of the base window whose designs hold DNAT rules, listeners and tcp probes together.
 * VNETLAB_FUZZ_TRANSPORT_SEED / _COUNT choose others (exploration: VNETLAB_FUZZ_TRANSPORT=1
 * npm run fuzz:kernel).
 */
import { expect, it } from 'vitest';
import { generateFuzzCase } from '../core/fuzz/generate';
import { formatDiff } from '../core/observation/diff-format';
import type { Observation } from '../core/observation/types';
import { parseProbes } from '../core/world/probes';
import { renderProbes, renderScript } from '../core/fuzz/generate';
import { importDesignScript } from './collaborators';
import { simulate } from '../core/sim/simulate';
import { arpRaces, foldOperstate, isRacyNeighbour } from './races';
import { compareWithSimulator } from './compare';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase, runKernelCaseRepeated } from './run-case';

const countOf = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isInteger(Number(v)) ? Number(v) : d);
const COUNT = countOf(process.env.VNETLAB_FUZZ_COUNT, 50);
const BASE = Number(process.env.VNETLAB_FUZZ_SEED) || 20_780_000;
const TRANSPORT_COUNT = countOf(process.env.VNETLAB_FUZZ_TRANSPORT_COUNT, 6);
const TRANSPORT_BASE = Number(process.env.VNETLAB_FUZZ_TRANSPORT_SEED) || 20_780_018;
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;
const MAX_PROBES = 8;

async function compare(seed: number, runs: number, transport: boolean) {
  const c = generateFuzzCase(seed, { maxProbes: MAX_PROBES, transport });
  const script = renderScript(c.elements, `fuzz seed ${seed}`);
  const probes = renderProbes(c.elements, c.probes).join('\n') + '\n';
  const kc = { name: `fuzz-${seed}`, script, probes };
  const kernel = runs > 1 ? await runKernelCaseRepeated(kc, runs) : await runKernelCase(kc);
  const { design, failedLines } = await importDesignScript(script, `fuzz-${seed}/topology.sh`);
  const { observation: sim, trace } = simulate(design, parseProbes(probes).probes, { seed });
  const racy = arpRaces(trace);
  const { diff: all, kernel: compared } = compareWithSimulator(foldOperstate(kernel) as Observation, foldOperstate(sim), { importerFailedLines: failedLines });
  const diff = all.filter((d) => !isRacyNeighbour(d.path, racy));
  return { diff, text: formatDiff(diff, compared, sim, { expected: 'kernel', observed: 'simulator' }), probes: kernel.probes.length };
}

describeAsRoot('differential fuzzing: kernel vs simulator', () => {
  console.log(`fuzz: ${COUNT} random designs, seeds ${BASE}..${BASE + COUNT - 1}, and ${TRANSPORT_COUNT} with transport, seeds ${TRANSPORT_BASE}..${TRANSPORT_BASE + TRANSPORT_COUNT - 1} (replay one: [VNETLAB_FUZZ_TRANSPORT=1] npm run fuzz:kernel -- --seed S --count 1)`);
  const run = limiter(JOBS);
  const sample = [
    ...Array.from({ length: COUNT }, (_, i) => ({ seed: BASE + i, transport: false })),
    ...Array.from({ length: TRANSPORT_COUNT }, (_, i) => ({ seed: TRANSPORT_BASE + i, transport: true })),
  ];
  const outcomes = sample.map(({ seed, transport }) => {
    const p = run(async () => {
      const first = await compare(seed, 1, transport);
      return first.diff.length ? { ...(await compare(seed, 3, transport)), seed } : { ...first, seed };
    });
    p.catch(() => {});
    return { seed, transport, p };
  });

  for (const { seed, transport, p } of outcomes) {
    const what = transport ? 'random design with listeners and NAT' : 'random design';
    const replay = `${transport ? 'VNETLAB_FUZZ_TRANSPORT=1 ' : ''}npm run fuzz:kernel -- --seed ${seed} --count 1`;
    it(`${what} seed ${seed}: simulator agrees with the kernel`, async () => {
      const o = await p;
      expect(o.text.join('\n'), `seed ${seed} disagrees (replay: ${replay})`).toBe('');
    });
  }
});
