/**
 * The teardown and the sandbox wrapper of designs made by editing sessions, on the kernel:
 * setup then teardown leaves no namespace and no virtual device of the design behind, and the
 * sandbox script builds its world and the design in a sandbox of its own without a failed line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { editCase } from '../core/fuzz/edit-case';
import { sampleSessions } from '../core/fuzz/edit-session';
import { exportScripts } from '../core/iproute2/export/index';
import { paletteKindsOnThisKernel } from './edit-kinds';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase } from './run-case';
import { isRoot } from './sandbox';
import { setupFailures } from './setup-failures';

const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;
const kinds = isRoot() ? await paletteKindsOnThisKernel() : [];
const dir = mkdtempSync(join(tmpdir(), 'vnetlab-modes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The commands of a script without its comments (and so without a second world header). */
const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

describeAsRoot('teardown and sandbox scripts of editing-session designs', () => {
  const cases = sampleSessions(10_600, 40, { kinds }).map((s) => editCase(s)).filter((c) => c.script).slice(0, 24);
  const run = limiter(JOBS);
  const outcomes = cases.map((c, i) => {
    const p = run(async () => {
      const teardown = exportScripts(c.design, { mode: 'teardown' })[0].text;
      const both = `${c.script!}\n${body(teardown)}\n`;
      const torn = await runKernelCase({ name: `modes-${i}-teardown`, script: both, probes: '' });
      const sandbox = exportScripts(c.design, { mode: 'sandbox' })[0].text;
      const file = join(dir, `sandbox-${i}.sh`);
      writeFileSync(file, sandbox);
      // the sandbox script makes its own sandbox (inside this one) and runs `true` there
      const line = `bash '${file}' true`;
      const sandboxed = await runKernelCase({ name: `modes-${i}-sandbox`, script: `${line}\n`, probes: '' });
      return { torn, both, sandboxed, line };
    });
    p.catch(() => {});
    return { c, i, p };
  });

  for (const { c, i, p } of outcomes) {
    it(`design ${i}: teardown leaves nothing of the design, the sandbox script runs`, async () => {
      const { torn, both, sandboxed, line } = await p;
      expect(setupFailures(torn, both).map((f) => f.text)).toEqual([]);
      const host = c.design.hosts.find((h) => h.role === 'host')!;
      const nics = new Set(host.devices.filter((d) => d.kind === 'physical' || d.kind === 'loopback').map((d) => d.name));
      const designNs = host.namespaces.filter((n) => !n.root).map((n) => n.name);
      expect(Object.keys(torn.links).filter((ns) => designNs.includes(ns)), 'namespaces left').toEqual([]);
      expect((torn.links.host ?? []).map((l) => l.name).filter((n) => !nics.has(n)), 'virtual devices left').toEqual([]);
      expect(setupFailures(sandboxed, line).map((f) => f.text), sandboxed.setup.stderr.join('\n')).toEqual([]);
    });
  }
});
