import { describe, expect, it } from 'vitest';
import { importScript } from '../../../core/iproute2/import/index';
import { validateDesign } from '../../../core/model/validate';
import { runSavedTests } from '../../../worker/saved-tests';
import { prepareExample } from './example-design';
import { exampleMeta, stemOf } from './example-meta';

const examples = import.meta.glob('/fixtures/examples/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Warnings an example exists to show (its lesson), not ones its author could avoid. */
const LESSONS: Record<string, RegExp> = {
  '02-macvlan-private': /private mode|cannot reach its parent/,
  '04-macvlan-passthru': /cannot reach its parent/,
  '06-macvlan-private-static-neigh': /private mode/,
  '10-tap-bridge': /no process holding it open/,
  '11-macvlan-bridge-lan-gateway': /cannot reach its parent/,
};

describe('example scripts', () => {
  it('reads the title, the explanation, suggested tests and a lab', () => {
    const m = exampleMeta('x', '#!/bin/bash\n# title: A title\n# about: first line\n# about: second line\n# test: ping ns1 10.0.0.2 => reply\n# goal: ping ns1 10.0.0.1 => no-reply\n# task: do it\n# fault: link-down ns1 v1\nip link add d type dummy\n');
    expect(m).toEqual({ id: 'x', title: 'A title', about: 'first line second line', task: 'do it', faults: ['link-down ns1 v1'],
      tests: [{ probe: 'ping ns1 10.0.0.2', expect: 'reply', goal: false }, { probe: 'ping ns1 10.0.0.1', expect: 'no-reply', goal: true }] });
  });

  for (const [path, text] of Object.entries(examples)) {
    const id = stemOf(path);
    it(`${id}: plain words, no avoidable warnings, and every suggested test gives its expected outcome in the simulator`, () => {
      const m = exampleMeta(id, text);
      expect(m.title).not.toBe(m.id);
      expect(m.about.length).toBeGreaterThan(80);
      expect(m.about).not.toMatch(/field notes|\[[a-z0-9-]+\]/);
      expect(m.tests.length).toBeGreaterThan(0);
      const imported = importScript(text, { file: `${id}.sh` }).design;
      const design = prepareExample(imported, m);
      expect(design.notes).toBe(m.about);
      const lesson = LESSONS[id];
      // A lab's faults show up as warnings on purpose; the design it breaks has none.
      const avoidable = validateDesign(design.lab?.faults?.length ? imported : design).filter((d) => d.level === 'warning' && !(lesson && lesson.test(d.message)));
      expect(avoidable.map((d) => d.message), id).toEqual([]);
      const runs = runSavedTests(design, design.tests!, 1);
      const goals = new Set(design.lab?.goals ?? []);
      const verdicts = runs.map((r, i) => `${design.tests![i].probe} → ${r.outcome}`);
      if (design.lab) {
        // A lab starts broken: every goal fails, each with the drop that stops it.
        for (const r of runs.filter((x) => goals.has(x.id))) {
          expect(r.pass, verdicts.join('\n')).toBe(false);
        }
        // …and the script itself (before the faults) meets them all.
        const solved = runSavedTests(imported, design.tests!, 1);
        expect(solved.map((r) => r.pass), verdicts.join('\n')).toEqual(solved.map(() => true));
      } else {
        expect(runs.map((r) => r.pass), verdicts.join('\n')).toEqual(runs.map(() => true));
      }
    });
  }
});

describe('a lab travels whole', () => {
  it('in the share link and the saved file: task, goals, faults and tests come back unchanged', async () => {
    const { encodeShare, decodeShare } = await import('../../../core/share/share-link');
    const { parseDesign } = await import('../../../core/model/schema');
    const path = Object.keys(examples).find((p) => p.includes('12-lab'))!;
    const meta = exampleMeta(stemOf(path), examples[path]);
    const design = prepareExample(importScript(examples[path], { file: 'lab.sh' }).design, meta);
    const shared = decodeShare(encodeShare(design));
    expect(shared.ok && shared.design.lab).toEqual(design.lab);
    expect(shared.ok && shared.design.tests).toEqual(design.tests);
    const saved = parseDesign(JSON.stringify(design, null, 2), 'lab.json').design!;
    expect(saved.lab).toEqual(design.lab);
    expect(saved.tests).toEqual(design.tests);
    expect(design.lab!.faults!.map((f) => f.description)).toEqual(['v1-br was set down', 'ns1: the route to default was deleted']);
  });
});
