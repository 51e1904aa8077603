/**
 * `npm run vm:conformance [-- --jobs J] [--keep DIR] [CASE_DIR...]`: every case of
 * ../shared/conformance/cases-debian-6.1 (or the folders given) run in one VM boot on the
 * distribution kernel and compared with its expected.json; prints each verdict, the
 * agreement count and the boot's timings. Exit status 1 when a case disagrees. No root
 * needed on this machine (the sandboxes are inside the guest).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listCaseDirs } from '../kernel/case-dir';
import { caseJobs, caseVerdict } from '../kernel/vm/case-jobs';
import { runVmBatch } from '../kernel/vm/batch';
import { projectRoot } from '../kernel/vm/locate';

async function main(argv: string[]): Promise<number> {
  let parallel: number | undefined;
  let keepDir: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') parallel = Number(argv[++i]);
    else if (argv[i] === '--keep') keepDir = argv[++i];
    else dirs.push(argv[i]);
  }
  if (!dirs.length) {
    const root = projectRoot();
    const shared = join(root, '..', 'shared', 'conformance', 'cases-debian-6.1');
    dirs.push(...listCaseDirs(existsSync(shared) ? shared : join(root, 'fixtures', 'conformance-debian-6.1')));
  }
  const { cases, jobs } = caseJobs(dirs);
  const b = await runVmBatch(jobs, { parallel, keepDir, log: (l) => console.error(l) });
  let agree = 0;
  b.results.forEach((r, i) => {
    const v = caseVerdict(cases[i], r);
    if (!v) agree++;
    const again = r.runs.length > 1 ? `, ${r.runs.length} runs` : '';
    console.log(`${v ? 'DIFF' : 'ok  '} ${cases[i].name} (${r.seconds.toFixed(1)} s${again})${v ? `\n  ${v.split('\n').join('\n  ')}` : ''}`);
  });
  const t = b.timings;
  console.log(`vm conformance: ${agree}/${cases.length} cases agree on ${b.kernel.release}`
    + ` (boot to userland ${t.userland ?? '?'} s, modules loaded at ${t.modules ?? '?'} s, jobs done at ${t.jobs ?? '?'} s,`
    + ` qemu ${t.wall.toFixed(1)} s, prepare ${t.prepare.toFixed(1)} s, guest timer lag at worst ${t.lagWorstMs ?? '?'} ms)`);
  return agree === cases.length ? 0 : 1;
}

main(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (e: unknown) => {
  console.error(`vm:conformance: ${(e as Error).message}`);
  if ((e as { consoleTail?: string }).consoleTail) console.error((e as { consoleTail: string }).consoleTail);
  process.exitCode = 2;
});
