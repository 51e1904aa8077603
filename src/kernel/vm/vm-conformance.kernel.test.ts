/**
 * A fixed sample of the Debian 6.1 conformance cases (fixtures/conformance-debian-6.1: the
 * kinds the machine's own kernel lacks), run through `verify --vm`'s runner in one VM boot
 * and compared with their expected.json, second looks included (in the same boot). Every
 * case: `npm run vm:conformance`.
 */
import { expect, it } from 'vitest';
import { listCaseDirs } from '../case-dir';
import { caseJobs, caseVerdict } from './case-jobs';
import { describeVmBatch } from './vm-suite';

const ROOT = new URL('../../../fixtures/conformance-debian-6.1/', import.meta.url).pathname;

/** One case per kind family, chosen among the quick ones (few failing pings). */
export const VM_SAMPLE = [
  'dummy-basic',
  'ipvlan-l2-basic',
  'ipvlan-l3s-basic',
  'vlan-on-veth-namespace',
  'vlan-parent-set-down',
  'bridge-vlan-filtering-trunk',
];

const dirs = listCaseDirs(ROOT).filter((d) => VM_SAMPLE.some((n) => d.endsWith(`/${n}`)));
const { cases, jobs } = caseJobs(dirs);

describeVmBatch('VM kernel conformance (sample, one boot)', () => jobs, (vm) => {
  it('has every sampled case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([...VM_SAMPLE].sort());
  });

  cases.forEach((c, i) => {
    it(`${c.name} agrees with expected.json on the VM kernel`, async () => {
      const b = await vm.done();
      expect(caseVerdict(c, b.results[i]), `${c.name} on ${b.kernel.release}`).toBe('');
    });
  });

  it('ran on the VM kernel, not this machine\'s, and reports the boot\'s timings', async () => {
    const b = await vm.done();
    const t = b.timings;
    console.log(`VM conformance sample: ${b.kernel.release}, userland at ${t.userland} s, modules at ${t.modules} s, node at ${t.node} s,`
      + ` jobs done at ${t.jobs} s, qemu ${t.wall.toFixed(1)} s; per case: ${b.results.map((r) => `${r.id} ${r.seconds.toFixed(0)} s/${r.runs.length} run(s)`).join(', ')}`);
    for (const r of b.results) for (const run of r.runs) expect(run.kernel).toBe(b.kernel.release);
    expect(b.support?.kinds.vlan?.supported).toBe(true);
  });
});
