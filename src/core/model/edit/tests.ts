/**
 * Saved tests: probe-file lines kept with the design (`design.tests`), each with what its
 * author expects. Adding, changing and removing one is one edit (one undo step).
 */
import { produce } from 'immer';
import { parseProbes } from '../../world/probes';
import { allIds } from '../design';
import type { Design, Id, SavedTest } from '../types';
import { done, refuse, type EditResult } from './result';

/** Why `probe` is not a line the simulator can run as a test, or undefined. */
export function testProblem(design: Design, probe: string): string | undefined {
  const text = probe.trim();
  if (!text) return 'a test is a probe line such as "ping ns1 10.0.0.2"';
  if (/\n/.test(text)) return 'a test is one line';
  const { probes, diagnostics } = parseProbes(text, 'test');
  if (diagnostics.length) return diagnostics[0].message;
  const p = probes.probes[0];
  if (!p) return 'a test is a ping or arping line (capture lines are not tests)';
  const names = new Set(design.hosts.flatMap((h) => h.namespaces.map((n) => n.name)));
  if (!names.has(p.ns)) return `there is no namespace "${p.ns}" (Cannot open network namespace)`;
  return undefined;
}

/** A test id not used by any object or test of the design. */
function freshTestId(design: Design): Id {
  const used = new Set<string>([...allIds(design), ...(design.tests ?? []).map((t) => t.id)]);
  let n = 1;
  while (used.has(`t${n}`)) n++;
  return `t${n}`;
}

/** Adds a saved test (its id is chosen here and returned in `created`). */
export function addTest(design: Design, test: Omit<SavedTest, 'id'>): EditResult {
  const p = testProblem(design, test.probe);
  if (p) return refuse(p);
  const id = freshTestId(design);
  const entry: SavedTest = { id, probe: test.probe.trim().replace(/\s+/g, ' ') };
  if (test.expect) entry.expect = test.expect;
  entry.origin = test.origin ?? 'user';
  if (test.label?.trim()) entry.label = test.label.trim();
  if (test.line !== undefined) entry.line = test.line;
  if (test.afterStep !== undefined) entry.afterStep = test.afterStep;
  return done(produce(design, (d) => { (d.tests ??= []).push(entry); }), [id]);
}

/** Changes a test's probe line, expectation or label; `expect: undefined` clears it. */
export function updateTest(design: Design, id: Id, patch: Partial<Pick<SavedTest, 'probe' | 'expect' | 'label'>>): EditResult {
  const i = (design.tests ?? []).findIndex((t) => t.id === id);
  if (i < 0) return refuse(`test ${id} does not exist`);
  if (patch.probe !== undefined) {
    const p = testProblem(design, patch.probe);
    if (p) return refuse(p);
  }
  return done(produce(design, (d) => {
    const t = d.tests![i];
    if (patch.probe !== undefined) t.probe = patch.probe.trim().replace(/\s+/g, ' ');
    if ('expect' in patch) { if (patch.expect) t.expect = patch.expect; else delete t.expect; }
    if ('label' in patch) { if (patch.label?.trim()) t.label = patch.label.trim(); else delete t.label; }
  }));
}

/** Removes a test, and its place among a lab's goals. */
export function removeTest(design: Design, id: Id): EditResult {
  if (!(design.tests ?? []).some((t) => t.id === id)) return refuse(`test ${id} does not exist`);
  return done(produce(design, (d) => {
    d.tests = d.tests!.filter((t) => t.id !== id);
    if (!d.tests.length) delete d.tests;
    if (d.lab) d.lab.goals = d.lab.goals.filter((g) => g !== id);
  }));
}
