/**
 * Differential fuzzing of the device kinds only a distribution kernel has (root only):
 *
 *   npm run fuzz:vm -- --seed S --count N [--jobs 8] [--out fuzz-findings] [--probes 8] [--runs 1]
 *
 * The N designs (src/core/fuzz/vm-kinds.ts) run in one boot of the VM kernel
 * (src/kernel/vm/batch.ts, the VM runner verify --vm uses), then in the simulator. Each disagreement is written as a
 * conformance case folder under --out: topology.sh, probes.txt, expected.json (what the VM
 * kernel did; its `kernel` field names it), simulator.json and diff.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fuzzVmSeeds, vmUnavailable } from '../kernel/vm-fuzz';
import { parseFuzzArgs } from './fuzz-args';

async function main(argv: string[]): Promise<number> {
  const args = parseFuzzArgs(argv, { count: 10, jobs: 8 }, { numbers: ['probes', 'runs'] });
  if (typeof args === 'string') {
    console.error(`fuzz:vm: ${args}\nusage: npm run fuzz:vm -- --seed S --count N [--jobs J] [--out DIR] [--probes P] [--runs R]`);
    return 2;
  }
  const why = vmUnavailable();
  if (why) {
    console.error(`fuzz:vm: ${why}`);
    return 2;
  }
  const seeds = Array.from({ length: args.count }, (_, i) => args.seed + i);
  const maxProbes = typeof args.extra.probes === 'number' ? args.extra.probes : undefined;
  const runs = typeof args.extra.runs === 'number' ? Math.max(1, args.extra.runs) : 1;
  const { outcomes, seconds, log } = await fuzzVmSeeds(seeds, args.jobs, maxProbes, runs, { log: (l) => console.error(l) });
  let findings = 0;
  let missing = 0;
  for (const o of outcomes) {
    if (!o.kernel) {
      missing++;
      console.log(`seed ${o.seed}: no observation from the guest (${o.error ?? 'no result'})`);
      continue;
    }
    if (!o.diffs.length) {
      console.log(`seed ${o.seed}: agree (${o.kernel.probes.length} probes)`);
      continue;
    }
    findings++;
    const dir = join(resolve(args.out), `vm-seed-${o.seed}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'topology.sh'), o.case.script);
    writeFileSync(join(dir, 'probes.txt'), o.case.probes);
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(o.kernel, null, 1) + '\n');
    writeFileSync(join(dir, 'simulator.json'), JSON.stringify(o.sim, null, 1) + '\n');
    const text = o.diffs.map((d) => `${d.path}\n  kernel:    ${JSON.stringify(d.expected)}\n  simulator: ${JSON.stringify(d.observed)}`);
    writeFileSync(join(dir, 'diff.txt'), text.join('\n') + '\n');
    console.log(`seed ${o.seed}: ${o.diffs.length} disagreement(s), written to ${dir}\n  ${text.slice(0, 6).join('\n  ')}`);
  }
  if (missing === outcomes.length) console.log(log);
  console.log(`fuzz:vm: ${outcomes.length - findings - missing} agree, ${findings} finding(s), ${missing} without observation (seeds ${args.seed}..${args.seed + args.count - 1}, one boot, ${Math.round(seconds)} s)`);
  return findings || missing ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
