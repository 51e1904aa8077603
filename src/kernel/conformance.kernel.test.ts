/**
 * Every conformance case, run on the real kernel in a throw-away sandbox and diffed with its
 * expected.json (modulo the items it lists as unstable). A case whose first run differs is run
 * again (twice at most, `second-look.ts`); an item fails only when every run disagrees on
 * it, so a busy machine's ARP timing does not fail the suite and a real difference still
 * does. Needs root: without it the suite is skipped, except in CI, where missing root is a
 * failure.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatDiff } from '../core/observation/diff-format';
import { listCaseDirs, readCaseDir } from './case-dir';
import { requiredFeatures, unsupportedFeatures } from './kernel-support';
import { limiter } from './pool';
import { runKernelCase, UnsupportedKernelError } from './run-case';
import { diffWithSecondLook } from './second-look';
import { describeAsRoot } from './root-suite';

const ROOT = new URL('../../fixtures/', import.meta.url).pathname;
const CASES = listCaseDirs(`${ROOT}conformance`);
const OTHER_KERNEL_CASES = listCaseDirs(`${ROOT}conformance-debian-6.1`);
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 7;

describeAsRoot('kernel conformance', () => {
  // What the machine's own network namespace looks like: it must not change.
  const machine = () => execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' }) + execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  const machineBefore = machine();
  // Start every case now, a few at a time; each test then waits for its own case.
  const run = limiter(JOBS);
  const started = Date.now();
  const runs = new Map(
    CASES.map((dir) => {
      const c = readCaseDir(dir);
      const p = run(async () => {
        const t0 = Date.now();
        const obs = await runKernelCase(c);
        const look = await diffWithSecondLook(c.expected!, obs, () => runKernelCase(c));
        return { obs, look, seconds: (Date.now() - t0) / 1000 };
      });
      p.catch(() => {});
      return [c.name, { c, p }] as const;
    }),
  );

  describe('kernel conformance: fixtures/conformance', () => {
    it('has cases', () => {
      expect(CASES.length).toBeGreaterThan(0);
    });

    for (const [name, { c, p }] of runs) {
      it(`${name} agrees with expected.json`, async () => {
        const { obs, look } = await p;
        const text = formatDiff(look.diff, c.expected!, obs, { expected: 'expected', observed: 'kernel' }).join('\n');
        const runs = look.runs.length > 1 ? ` (in every one of ${look.runs.length} runs)` : '';
        expect(text, `${name}: the kernel disagrees with expected.json${runs}`).toBe('');
      });
    }

    it('reports the agreement count and timings', async () => {
      const settled = await Promise.allSettled([...runs.values()].map((r) => r.p));
      const lines = [...runs.keys()].map((name, i) => {
        const s = settled[i];
        if (s.status !== 'fulfilled') return `${name} failed`;
        const again = s.value.look.runs.length > 1 ? `, ${s.value.look.runs.length} runs` : '';
        return `${name} ${s.value.seconds.toFixed(1)}s${again}`;
      });
      const agree = settled.filter((s) => s.status === 'fulfilled' && s.value.look.diff.length === 0).length;
      console.log(`kernel conformance: ${agree}/${runs.size} cases agree in ${((Date.now() - started) / 1000).toFixed(1)}s (${JOBS} at a time)\n  ${lines.join('\n  ')}`);
      expect(agree).toBe(runs.size);
    });

    it('leaves the machine network namespace as it was', async () => {
      await Promise.allSettled([...runs.values()].map((r) => r.p));
      expect(machine()).toBe(machineBefore);
    });
  });

  describe('kernel conformance: cases this kernel cannot run', () => {
    for (const dir of OTHER_KERNEL_CASES) {
      const c = readCaseDir(dir);
      it(`${c.name}: refused with the kernel's reason when a link type is missing`, async () => {
        const missing = await unsupportedFeatures(c.script);
        if (!missing.length) return; // this kernel has everything the case needs
        expect(requiredFeatures(c.script).length).toBeGreaterThan(0);
        for (const m of missing) expect(m).toMatch(/^this kernel has no .+ support \(.+: .+\); cannot verify$/);
        await expect(runKernelCase(c)).rejects.toBeInstanceOf(UnsupportedKernelError);
      });
    }
  });
});
