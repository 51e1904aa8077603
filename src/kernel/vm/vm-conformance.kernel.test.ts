/**
 * The VM kernel in CI, in ONE boot of Debian's distribution kernel under qemu:
 * - a sample of the VM-measured conformance cases (fixtures/conformance-debian-6.1 and
 *   fixtures/conformance-fuzz-debian-6.1), one per device-kind family by rule (sample.ts:
 *   the family is the case name's first word), each compared with its expected.json, second
 *   looks included in the same boot. A new family added to those folders is sampled here
 *   without editing this file. Every case: `npm run vm:conformance`.
 * - a fixed-seed sample of random VM-kind designs (src/core/fuzz/vm-kinds.ts), measured in
 *   the same boot and compared with the simulator as the Debian 6.1 goldens are. New seeds
 *   are exploration (`npm run fuzz:vm -- --seed S --count N`); each finding is kept as a
 *   regression case in fixtures/conformance-fuzz-debian-6.1.
 *
 * VNETLAB_VM_SAMPLE=a,b narrows the conformance sample to those case names;
 * VNETLAB_VM_FUZZ_SEED / VNETLAB_VM_FUZZ_COUNT choose other designs (COUNT=0: none).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { expect, it } from 'vitest';
import { listCaseDirs } from '../case-dir';
import { formatVmDiff, vmFuzzJobs, vmFuzzOutcomes } from '../vm-fuzz';
import { caseJobs, caseVerdict } from './case-jobs';
import { familySample, kindFamily } from './sample';
import { describeVmBatch } from './vm-suite';

/** The boot's whole time limit comes from runVmBatch; a test waits for the boot at most this long. */
const WAIT = 3_600_000;

const HELD = new Set<string>(JSON.parse(readFileSync(new URL('../../core/sim/conformance-passing.json', import.meta.url), 'utf8')));
const ROOTS = ['conformance-debian-6.1', 'conformance-fuzz-debian-6.1'].map((f) => new URL(`../../../fixtures/${f}/`, import.meta.url).pathname);

const only = process.env.VNETLAB_VM_SAMPLE?.split(',');
const dirs = only ? ROOTS.flatMap(listCaseDirs).filter((d) => only.includes(basename(d))) : familySample(ROOTS, HELD);
const { cases, jobs: caseJobList } = caseJobs(dirs);

// No designs by default: on the first measurement of seeds 200-229 the simulator disagreed
// with Debian 6.1 on 19 of 30 (open findings); they run on demand with VNETLAB_VM_FUZZ_COUNT.
const FUZZ_COUNT = Number(process.env.VNETLAB_VM_FUZZ_COUNT ?? 0);
const FUZZ_BASE = Number(process.env.VNETLAB_VM_FUZZ_SEED) || 200;
const FUZZ_PROBES = 3;
const seeds = Array.from({ length: FUZZ_COUNT }, (_, i) => FUZZ_BASE + i);
const fuzz = vmFuzzJobs(seeds, FUZZ_PROBES);

describeVmBatch('VM kernel: conformance sample and fuzz sample (one boot)', () => [...caseJobList, ...fuzz.jobs], (vm) => {
  const fuzzOutcomes = async () => vmFuzzOutcomes(seeds, fuzz.cases, (await vm.done()).results.slice(caseJobList.length));

  it('samples one case of every kind family the simulator is held to in the VM-measured fixture folders', () => {
    const held = ROOTS.flatMap(listCaseDirs).filter((d) => HELD.has(`${basename(dirname(d))}/${basename(d)}`));
    const families = [...new Set(held.map((d) => kindFamily(basename(d))))].sort();
    if (!only) expect(cases.map((c) => kindFamily(c.name))).toEqual(families);
    expect(cases.length).toBeGreaterThan(0);
  });

  cases.forEach((c, i) => {
    it(`${c.name} agrees with expected.json on the VM kernel`, async () => {
      const b = await vm.done();
      expect(caseVerdict(c, b.results[i]), `${c.name} on ${b.kernel.release}`).toBe('');
    }, WAIT);
  });

  it(`measures ${FUZZ_COUNT} random VM-kind designs in the same boot`, async () => {
    const os = await fuzzOutcomes();
    expect(os.filter((o) => !o.kernel).map((o) => `seed ${o.seed}: ${o.error}`)).toEqual([]);
  }, WAIT);

  seeds.forEach((seed, i) => {
    it(`random VM-kind design seed ${seed}: simulator agrees with the kernel`, async () => {
      const o = (await fuzzOutcomes())[i];
      expect(formatVmDiff(o).join('\n'), `seed ${seed} disagrees (replay: npm run fuzz:vm -- --seed ${seed} --count 1 --probes ${FUZZ_PROBES})`).toBe('');
    }, WAIT);
  });

  it('ran on the VM kernel, not this machine\'s, and reports the boot\'s timings', async () => {
    const b = await vm.done();
    const t = b.timings;
    const per = (r: { id: string; seconds: number; runs: unknown[] }) => `${r.id} ${r.seconds.toFixed(0)} s/${r.runs.length} run(s)`;
    console.log(`VM sample: ${b.kernel.release}, ${cases.length} cases + ${FUZZ_COUNT} designs, userland at ${t.userland} s, modules at ${t.modules} s, node at ${t.node} s,`
      + ` jobs done at ${t.jobs} s, qemu ${t.wall.toFixed(1)} s; per job: ${b.results.map(per).join(', ')}`);
    for (const r of b.results) for (const run of r.runs) expect(run.kernel).toBe(b.kernel.release);
    expect(b.support?.kinds.vlan?.supported).toBe(true);
  }, WAIT);
});
