/**
 * Editing-session fuzzing, kernel vs simulator (root only):
 *
 *   npm run fuzz:edits -- --seed S --count N [--only I] [--out fuzz-findings] [--jobs 4] [--budget 40] [--print]
 *
 * Session I of seed S is the I-th of `N` fast-check samples (src/core/fuzz/edit-session.ts),
 * the same as in the kernel test. Its design is exported, run on the kernel in a throw-away
 * sandbox and compared with the simulator. A finding (a failed script line, or a
 * disagreement) is minimised over the session's steps and written as a conformance case
 * folder under --out: topology.sh (the exported script), probes.txt, expected.json (what the
 * kernel did), session.json, design.json and diff.txt. `--print` shows each design's script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { editCase } from '../core/fuzz/edit-case';
import { sampleSessions, type EditStep } from '../core/fuzz/edit-session';
import { minimise } from '../core/fuzz/minimise';
import { runEditCase, type EditOutcome } from '../kernel/edit-fuzz';
import { paletteKindsOnThisKernel } from '../kernel/edit-kinds';
import { limiter } from '../kernel/pool';
import { runKernelCase } from '../kernel/run-case';
import { isRoot, killSandboxes } from '../kernel/sandbox';
import { parseFuzzArgs, type FuzzArgs } from './fuzz-args';

interface Args extends FuzzArgs { only?: number; print: boolean }

function parseArgs(argv: string[]): Args | string {
  const a = parseFuzzArgs(argv, { count: 20, jobs: 4 }, { numbers: ['only'], flags: ['print'] });
  if (typeof a === 'string') return a;
  return { ...a, only: typeof a.extra.only === 'number' ? a.extra.only : undefined, print: a.extra.print === true };
}

/** What kind of finding an outcome is: what a smaller session must still show. */
function findingKind(o: EditOutcome): string | undefined {
  if (o.failedLines.length) return 'setup';
  if (!o.text.length) return undefined;
  return [...new Set(o.diff.map((d) => d.path.split('/')[1]))].sort().join(',');
}

async function one(steps: EditStep[], index: number, args: Args): Promise<'agree' | 'finding' | 'skipped'> {
  const name = `edits-seed-${args.seed}-${index}`;
  const c = editCase(steps);
  if (!c.script) return 'skipped';
  if (args.print) console.log(`--- ${name}\n${c.script}${c.probes.join('\n')}\n`);
  const first = await runEditCase(c, name, args.seed + index);
  const kind = findingKind(first);
  if (!kind) return 'agree';
  console.log(`${name}: ${kind}: ${first.text.join('\n  ')}`);
  const small = await minimise(steps, async (sub) => {
    const sc = editCase(sub);
    if (!sc.script) return false;
    return findingKind(await runEditCase(sc, name, args.seed + index)) === kind;
  }, { budget: args.budget });
  const sc = editCase(small);
  const out = await runEditCase(sc, name, args.seed + index);
  const dir = resolve(args.out, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'topology.sh'), sc.script!);
  writeFileSync(join(dir, 'probes.txt'), sc.probes.join('\n') + '\n');
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(await runKernelCase({ name, script: sc.script!, probes: sc.probes.join('\n') + '\n' }), null, 1) + '\n');
  writeFileSync(join(dir, 'session.json'), JSON.stringify(small, null, 1) + '\n');
  writeFileSync(join(dir, 'design.json'), JSON.stringify(sc.design, null, 1) + '\n');
  writeFileSync(join(dir, 'diff.txt'), out.text.join('\n') + '\n');
  console.log(`${name}: minimised ${steps.length} → ${small.length} steps: ${dir}`);
  return 'finding';
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`fuzz:edits: ${args}`);
    return 2;
  }
  if (!isRoot()) {
    console.error('fuzz:edits: needs root (it builds network namespaces in throw-away sandboxes)');
    return 2;
  }
  const stop = () => { killSandboxes(); process.exit(130); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const kinds = await paletteKindsOnThisKernel();
  const sessions = sampleSessions(args.seed, args.count, { kinds });
  const run = limiter(args.jobs);
  const picked = sessions.map((s, i) => ({ s, i })).filter(({ i }) => args.only === undefined || i === args.only);
  const results = await Promise.all(picked.map(({ s, i }) => run(() => one(s, i, args))));
  const n = (k: string) => results.filter((r) => r === k).length;
  console.log(`fuzz:edits: seed ${args.seed}: ${picked.length} sessions, ${n('skipped')} without an exportable design, ${n('agree')} agree, ${n('finding')} finding(s)`);
  return n('finding') ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); killSandboxes(); process.exit(3); });
