/**
 * Designs made the way users make them (editing sessions of the canvas's commands, names as
 * people type them), exported, run on the kernel and compared with the simulator. Gating CI
 * is deterministic: fixed fast-check seeds give the same sessions on every run. Exploration
 * with other seeds: `npm run fuzz:edits -- --seed S --count N` (root), which minimises each
 * finding into fixtures/conformance-fuzz. VNETLAB_EDIT_SEED / VNETLAB_EDIT_COUNT choose others.
 */
import { expect, it } from 'vitest';
import { editCase, type EditCase } from '../core/fuzz/edit-case';
import { sampleSessions } from '../core/fuzz/edit-session';
import { runEditCase } from './edit-fuzz';
import { paletteKindsOnThisKernel } from './edit-kinds';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { isRoot } from './sandbox';

const SEED = Number(process.env.VNETLAB_EDIT_SEED) || 10_100;
/** Sessions sampled; those whose design validates and exports run (at least 300 of them). */
const COUNT = Number(process.env.VNETLAB_EDIT_COUNT) || 430;
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;

const kinds = isRoot() ? await paletteKindsOnThisKernel() : [];

describeAsRoot('editing sessions: exported, run on the kernel, compared with the simulator', () => {
  const sessions = sampleSessions(SEED, COUNT, { kinds });
  const cases = sessions.map((s, i) => ({ i, c: editCase(s) })).filter((x): x is { i: number; c: EditCase } => !!x.c.script);
  console.log(`edit sessions: seed ${SEED}, ${COUNT} sessions, ${cases.length} designs export (kinds: ${kinds.join(' ')})`);
  it('runs at least 300 designs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(COUNT === 430 ? 300 : 1);
  });
  const run = limiter(JOBS);
  const outcomes = cases.map(({ i, c }) => {
    const p = run(() => runEditCase(c, `edits-${SEED}-${i}`, SEED + i));
    p.catch(() => {});
    return { i, p };
  });
  for (const { i, p } of outcomes) {
    it(`session ${i} of seed ${SEED}: the script runs and the simulator agrees with the kernel`, async () => {
      const o = await p;
      expect(o.text.join('\n'), `session ${i} (replay: npm run fuzz:edits -- --seed ${SEED} --count ${i + 1} --only ${i})`).toBe('');
    });
  }
});
