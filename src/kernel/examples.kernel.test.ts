/**
 * Every example's suggested tests (and a lab's goals, on the script before its faults) give
 * on the kernel the outcome the gallery promises: each example script runs in a sandbox with
 * its `# test:` / `# goal:` lines as probes, and each ping's verdict (reply or not) equals
 * the line's `=> reply` / `=> no-reply`. Examples needing a link type this kernel lacks (VLAN,
 * ipvlan on the 6.18 measuring kernel) are reported as not checkable here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { exampleMeta } from '../ui/panels/examples/example-meta';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase, UnsupportedKernelError } from './run-case';

const DIR = new URL('../../fixtures/examples/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.sh')).sort();
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;

describeAsRoot('examples keep their promises on the kernel', () => {
  const run = limiter(JOBS);
  const runs = FILES.map((file) => {
    const text = readFileSync(DIR + file, 'utf8');
    const meta = exampleMeta(file.replace(/\.sh$/, ''), text);
    const p = run(() => runKernelCase({ name: meta.id, script: text, probes: meta.tests.map((t) => t.probe).join('\n') + '\n', scriptFile: file }));
    p.catch(() => {});
    return { meta, p };
  });

  for (const { meta, p } of runs) {
    it(`${meta.id}: each suggested test gives its expected outcome`, async (ctx) => {
      let obs;
      try {
        obs = await p;
      } catch (e) {
        if (e instanceof UnsupportedKernelError) {
          console.warn(`${meta.id}: not checkable on this kernel: ${e.reasons.join('; ')}`);
          ctx.skip();
          return;
        }
        throw e;
      }
      const got = obs.probes.map((r) => `${r.probe} => ${r.ok ? 'reply' : 'no-reply'}`);
      expect(got).toEqual(meta.tests.map((t) => `${t.probe} => ${t.expect}`));
    });
  }
});
