/**
 * What an example adds to the design its script imports to: its explanation as the
 * design's notes, its suggested tests, and for a lab the task, the goals and the injected
 * faults, all made with the core edit commands (so a saved file or share link carries them).
 */
import { addTest, injectFault, setDesignInfo, setLabGoal, setLabTask, type EditResult, type FaultSpec } from '../../../core/model/edit/index';
import type { Design } from '../../../core/model/types';
import type { ExampleMeta } from './example-meta';

function must(r: EditResult, what: string): Design {
  if (!r.ok) throw new Error(`example ${what}: ${r.reason}`);
  return r.design;
}

/** The fault a `# fault:` line names, resolved against the design's names. */
export function faultOf(design: Design, line: string): FaultSpec {
  const [kind, ns, a, b] = line.split(/\s+/);
  const nsRef = design.hosts.flatMap((h) => h.namespaces.map((n) => ({ h, n }))).find((x) => x.n.name === ns);
  if (!nsRef) throw new Error(`fault "${line}": no namespace ${ns}`);
  const dev = () => {
    const d = nsRef.h.devices.find((x) => x.ns === nsRef.n.id && x.name === a);
    if (!d) throw new Error(`fault "${line}": no device ${a} in ${ns}`);
    return d.id;
  };
  switch (kind) {
    case 'link-down': return { kind, device: dev() };
    case 'hairpin-off': return { kind, device: dev() };
    case 'wrong-mask': return { kind, device: dev(), prefix: Number(b) };
    case 'missing-route': return { kind, ns: nsRef.n.id, dst: a };
    case 'rp-filter': return { kind, ns: nsRef.n.id };
    default: throw new Error(`fault "${line}": unknown kind`);
  }
}

/** The example's design: notes, tests and lab added to what its script imported. */
export function prepareExample(design: Design, meta: ExampleMeta): Design {
  let d = design;
  if (meta.about && !d.notes) d = must(setDesignInfo(d, { notes: meta.about }), 'notes');
  for (const t of meta.tests) {
    const r = addTest(d, { probe: t.probe, expect: t.expect, origin: t.goal ? 'lab' : 'example' });
    d = must(r, t.probe);
    if (t.goal && r.ok) d = must(setLabGoal(d, r.created[0], true), t.probe);
  }
  if (meta.task) d = must(setLabTask(d, meta.task), 'task');
  for (const f of meta.faults) d = must(injectFault(d, faultOf(d, f)), f);
  return d;
}
