/**
 * Differential fuzzing, kernel vs simulator (root only):
 *
 *   npm run fuzz:kernel -- --seed S --count N [--out fuzz-findings] [--jobs 3] [--budget 40] [--broad] [--vxlan]
 *
 * Each seed gives a random design (src/core/fuzz/generate.ts) run on the kernel in a
 * throw-away sandbox and in the simulator. A disagreement is minimised (design elements,
 * then probes) and written as a conformance case folder under --out: topology.sh,
 * probes.txt, expected.json (what the kernel did), simulator.json and diff.txt. `--broad`
 * adds the broader semantics of src/core/fuzz/broad.ts (gateways anywhere, sysctls, more
 * LANs, filter rules, ICMP redirects).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DiffItem } from '../core/observation/diff';
import { formatDiff } from '../core/observation/diff-format';
import type { Observation } from '../core/observation/types';
import { generateFuzzCase, renderProbes, renderScript, type FuzzElement } from '../core/fuzz/generate';
import { minimise } from '../core/fuzz/minimise';
import { parseProbes } from '../core/world/probes';
import { assertSimulatorAvailable, importDesignScript, simulateDesign, UnavailableError } from '../kernel/collaborators';
import { compareWithSimulator } from '../kernel/compare';
import { limiter } from '../kernel/pool';
import { foldOperstate } from '../kernel/races';
import { runKernelCase, runKernelCaseRepeated, UnsupportedKernelError } from '../kernel/run-case';
import { isRoot, killSandboxes } from '../kernel/sandbox';
import { parseFuzzArgs, type FuzzArgs } from './fuzz-args';

type Args = FuzzArgs;

interface Outcome {
  kernel: Observation;
  sim: Observation;
  diff: DiffItem[];
  compared: Partial<Observation>;
}

function parseArgs(argv: string[]): Args | string {
  return parseFuzzArgs(argv, { count: 10, jobs: 3 }, { flags: ['broad', 'vxlan'] });
}

/** Runs one script + probes on both sides (the kernel `runs` times, merged). */
async function check(name: string, script: string, probes: string[], seed: number, runs = 1): Promise<Outcome> {
  const probesText = probes.join('\n') + '\n';
  const c = { name, script, probes: probesText };
  const kernel = runs > 1 ? await runKernelCaseRepeated(c, runs) : await runKernelCase(c);
  const { design, failedLines } = await importDesignScript(script, `${name}/topology.sh`);
  const sim = await simulateDesign(design, parseProbes(probesText).probes, seed, kernel.kernel);
  // compared as CI compares (fuzz.kernel.test.ts): DOWN and LOWERLAYERDOWN of a device whose
  // peer is in another namespace are one reading, as the kernel gives either (races.ts)
  const { diff, kernel: compared } = compareWithSimulator(foldOperstate(kernel) as Observation, foldOperstate(sim), { importerFailedLines: failedLines });
  return { kernel, sim, diff, compared };
}

/** The kinds of items that differ (`/probes`, `/captures` …): what a smaller case must keep. */
function kinds(diff: DiffItem[]): Set<string> {
  return new Set(diff.map((d) => d.path.split('/')[1]));
}

async function fuzzOne(seed: number, args: Args): Promise<'agree' | 'finding'> {
  // VNETLAB_FUZZ_TRANSPORT=1 adds netcat listeners, DNAT and tcp/traceroute probes
  const c = generateFuzzCase(seed, { transport: process.env.VNETLAB_FUZZ_TRANSPORT === '1', broad: args.extra.broad === true, vxlan: args.extra.vxlan === true });
  const name = `fuzz-${seed}`;
  const full = renderScript(c.elements, `fuzz seed ${seed}`);
  let first = await check(name, full, c.probes, seed);
  // a disagreement may be a kernel race (who answers an ARP first …): look again with 3 runs
  if (first.diff.length) first = await check(name, full, c.probes, seed, 3);
  if (!first.diff.length) {
    const racy = first.kernel.runs ? ` after ${first.kernel.runs} kernel runs` : '';
    console.log(`seed ${seed}: agree (${first.kernel.probes.length} probes${racy})`);
    return 'agree';
  }
  const want = kinds(first.diff);
  const stillFails = async (els: FuzzElement[], probes: string[]) => {
    try {
      const kept = renderProbes(els, probes);
      if (!kept.some((p) => !p.startsWith('capture '))) return false;
      const o = await check(name, renderScript(els, `fuzz seed ${seed}`), kept, seed);
      return o.diff.some((d) => want.has(d.path.split('/')[1]));
    } catch (e) {
      console.log(`seed ${seed}: a smaller case could not be checked: ${(e as Error).message}`);
      return false;
    }
  };
  console.log(`seed ${seed}: ${first.diff.length} disagreement(s); minimising`);
  const pingLines = c.probes.filter((p) => !p.startsWith('capture '));
  const captureLines = c.probes.filter((p) => p.startsWith('capture '));
  const els = await minimise(c.elements, (s) => stillFails(s, c.probes), { budget: args.budget });
  const kept = await minimise(pingLines, (s) => stillFails(els, [...captureLines, ...s]), { budget: Math.ceil(args.budget / 2) });
  const probes = renderProbes(els, [...captureLines, ...kept]);
  const script = renderScript(els, `fuzz seed ${seed} (minimised)`);
  let fin = await check(name, script, probes, seed, 3).catch((e: Error) => {
    console.log(`seed ${seed}: the minimised case could not be checked: ${e.message}`);
    return first;
  });
  // the minimised case may only fail through a race: then keep the whole case
  if (!fin.diff.length) {
    console.log(`seed ${seed}: the minimised case agrees over 3 kernel runs; keeping the whole case`);
    fin = first;
  }
  const dir = join(resolve(args.out), `seed-${seed}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'topology.sh'), fin === first ? renderScript(c.elements, `fuzz seed ${seed}`) : script);
  writeFileSync(join(dir, 'probes.txt'), (fin === first ? c.probes : probes).join('\n') + '\n');
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(fin.kernel, null, 1) + '\n');
  writeFileSync(join(dir, 'simulator.json'), JSON.stringify(fin.sim, null, 1) + '\n');
  const text = formatDiff(fin.diff, fin.compared, fin.sim, { expected: 'kernel', observed: 'simulator' });
  writeFileSync(join(dir, 'diff.txt'), text.join('\n') + '\n');
  console.log(`seed ${seed}: finding written to ${dir}\n  ${text.join('\n  ')}`);
  return 'finding';
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`fuzz:kernel: ${args}\nusage: npm run fuzz:kernel -- --seed S --count N [--out DIR] [--jobs J] [--budget B] [--broad] [--vxlan]`);
    return 2;
  }
  if (!isRoot()) {
    console.error('fuzz:kernel: needs root: it builds network namespaces in throw-away sandboxes');
    return 2;
  }
  try {
    await assertSimulatorAvailable();
  } catch (e) {
    console.error(`fuzz:kernel: ${(e as Error).message}`);
    return 3;
  }
  const stop = () => {
    killSandboxes();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const run = limiter(args.jobs);
  let findings = 0;
  let agree = 0;
  let skipped = 0;
  const seeds = Array.from({ length: args.count }, (_, i) => args.seed + i);
  try {
    await Promise.all(seeds.map((seed) => run(async () => {
      try {
        if ((await fuzzOne(seed, args)) === 'finding') findings++;
        else agree++;
      } catch (e) {
        if (e instanceof UnavailableError) throw e;
        skipped++;
        const why = e instanceof UnsupportedKernelError ? e.reasons.join('; ') : (e as Error).message;
        console.log(`seed ${seed}: skipped (${why})`);
      }
    })));
  } catch (e) {
    console.error(`fuzz:kernel: ${(e as Error).message}`);
    return 3;
  }
  console.log(`fuzz:kernel: ${agree} agree, ${findings} finding(s), ${skipped} skipped (seeds ${args.seed}..${args.seed + args.count - 1})`);
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
