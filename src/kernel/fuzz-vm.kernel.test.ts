/**
 * Differential fuzzing of the kinds only a distribution kernel has (VLAN, ipvlan, dummy,
 * bridge vlan_filtering, macvlan/ipvlan over VLANs and bridges): a fixed-seed sample of
 * random designs (src/core/fuzz/vm-kinds.ts) measured in one boot of Debian's kernel under
 * qemu (src/kernel/vm-batch.ts) and compared with the simulator as the Debian 6.1
 * conformance goldens are. Run with VNETLAB_VM_FUZZ=1 (not yet part of CI). It is deterministic: the same designs every run. New seeds
 * are exploration (`npm run fuzz:vm -- --seed S --count N`); each finding is kept as a
 * regression case in fixtures/conformance-fuzz-debian-6.1. VNETLAB_VM_FUZZ_SEED /
 * VNETLAB_VM_FUZZ_COUNT choose other designs.
 */
import { describe, expect, it } from 'vitest';
import { formatVmDiff, fuzzVmSeeds, type VmFuzzOutcome } from './vm-fuzz';
import { vmUnavailable } from './vm-batch';

const COUNT = Number(process.env.VNETLAB_VM_FUZZ_COUNT) || 30;
const BASE = Number(process.env.VNETLAB_VM_FUZZ_SEED) || 200;
const PROBES = 3;
// Opt-in until a sample fits the CI budget: on a loaded 2-core machine one boot of 30 designs
// took 19 min and timed out before most of them finished (TCG).
const why = process.env.VNETLAB_VM_FUZZ === '1' ? vmUnavailable() : 'set VNETLAB_VM_FUZZ=1 to run it';

(why ? describe.skip : describe)(`VM differential fuzzing: Debian kernel vs simulator${why ? ` (skipped: ${why})` : ''}`, () => {
  let run: Promise<{ outcomes: VmFuzzOutcome[]; seconds: number }> | undefined;
  const outcomes = () => (run ??= fuzzVmSeeds(Array.from({ length: COUNT }, (_, i) => BASE + i), 10, PROBES));

  it(`measures ${COUNT} designs in one boot`, async () => {
    const { outcomes: os, seconds } = await outcomes();
    console.log(`vm fuzz: ${COUNT} designs, seeds ${BASE}..${BASE + COUNT - 1}, one boot, ${Math.round(seconds)} s`);
    expect(os.filter((o) => !o.kernel).map((o) => `seed ${o.seed}: ${o.error}`)).toEqual([]);
  }, 1_500_000);

  for (let i = 0; i < COUNT; i++) {
    const seed = BASE + i;
    it(`random VM-kind design seed ${seed}: simulator agrees with the kernel`, async () => {
      const o = (await outcomes()).outcomes[i];
      expect(formatVmDiff(o).join('\n'), `seed ${seed} disagrees (replay: npm run fuzz:vm -- --seed ${seed} --count 1)`).toBe('');
    });
  }
});
