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

/** The boot's whole time limit comes from runVmBatch; a test waits for the boot at most this long. */
const WAIT = 2_400_000;

const ROOT = new URL('../../../fixtures/conformance-debian-6.1/', import.meta.url).pathname;

/**
 * One case per kind family (dummy, ipvlan l2 and l3, 802.1Q, a VLAN whose parent goes down —
 * LOWERLAYERDOWN on 6.1 —, bridge vlan_filtering), among the quick ones: two or three probes,
 * so that all of them run side by side in one boot. VNETLAB_VM_SAMPLE=a,b narrows it locally.
 */
export const VM_SAMPLE = process.env.VNETLAB_VM_SAMPLE?.split(',') ?? [
  'dummy-default-route',
  'ipvlan-l2-different-subnets',
  'ipvlan-l3-different-subnets',
  'vlan-on-veth-namespace',
  'vlan-parent-set-down',
  'bridge-vlan-filtering-default-pvid',
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
    }, WAIT);
  });

  it('ran on the VM kernel, not this machine\'s, and reports the boot\'s timings', async () => {
    const b = await vm.done();
    const t = b.timings;
    console.log(`VM conformance sample: ${b.kernel.release}, userland at ${t.userland} s, modules at ${t.modules} s, node at ${t.node} s,`
      + ` jobs done at ${t.jobs} s, qemu ${t.wall.toFixed(1)} s; per case: ${b.results.map((r) => `${r.id} ${r.seconds.toFixed(0)} s/${r.runs.length} run(s)`).join(', ')}`);
    for (const r of b.results) for (const run of r.runs) expect(run.kernel).toBe(b.kernel.release);
    expect(b.support?.kinds.vlan?.supported).toBe(true);
  }, WAIT);
});
