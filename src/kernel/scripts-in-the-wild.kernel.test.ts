/**
 * Every script of fixtures/scripts-in-the-wild run on the real kernel as a user runs it,
 * `bash script.sh ARGS` in its folder (a terminal transcript: the lines typed at its prompts),
 * and diffed with its expected.json. The sandbox runner sources its script, so the script
 * given to it is a wrapper: the world header and that one bash command. The failed-line list
 * is left out of the comparison (the measurement traced the script's own lines; the wrapper
 * only sees its one line); its exit status and stderr are compared. Root only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWithSecondLook } from './second-look';
import { formatDiff } from '../core/observation/diff-format';
import type { Observation } from '../core/observation/types';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { runKernelCase } from './run-case';

const ROOT = new URL('../../fixtures/scripts-in-the-wild/', import.meta.url).pathname;
const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 5;
const HEADER = /^#\s*(phys|host):/;
// a prompt as measure.sh reads it: `$ `, `user@box:dir$ `, or a root `# ` before a network command
const PROMPT = /^(?:[\w.-]+@[\w.-]+(?::[^$#\s]*)?[$#] |\$ |# (?=(?:sudo )?(?:ip|bridge|brctl|sysctl|iptables|ifconfig|route|arping|ping) ))/;

/** The wrapper the sandbox sources: the header, then the script run by bash as a user runs it. */
function wrapperScript(dir: string): string {
  const script = readFileSync(join(dir, 'script.sh'), 'utf8');
  const header = script.split('\n').filter((l) => HEADER.test(l));
  const argsFile = join(dir, 'args.txt');
  const args = existsSync(argsFile) ? ' $(cat args.txt)' : '';
  if (!existsSync(join(dir, 'pasted'))) return [...header, `bash ./script.sh${args} < /dev/null`, ''].join('\n');
  const typed = script.split('\n').map((l) => (HEADER.test(l) || !PROMPT.test(l) ? '' : l.replace(PROMPT, '')));
  return [...header, `bash -s --${args} <<'TYPED_AT_THE_PROMPT'`, ...typed, 'TYPED_AT_THE_PROMPT', ''].join('\n');
}

const CASES = existsSync(ROOT)
  ? readdirSync(ROOT).map((n) => join(ROOT, n)).filter((p) => statSync(p).isDirectory() && existsSync(join(p, 'script.sh'))).sort()
  : [];

describeAsRoot('kernel: scripts in the wild', () => {
  const run = limiter(JOBS);
  const runs = CASES.map((dir) => {
    const name = dir.split('/').pop()!;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Observation;
    const once = () => run(() => runKernelCase({ name, script: wrapperScript(dir), probes: readFileSync(join(dir, 'probes.txt'), 'utf8'), cwd: dir }));
    const p = once();
    p.catch(() => {});
    return { name, expected, p, once };
  });

  describe('each script as bash runs it', () => {
    it('has at least 40 scripts', () => {
      expect(CASES.length).toBeGreaterThanOrEqual(40);
    });
    for (const { name, expected, p, once } of runs) {
      it(`${name} agrees with expected.json`, async () => {
        const obs = await p;
        // a kernel race (neighbour timing, the LAN's own IPv6 link-up frames teaching a bridge)
        // differs in one run and not the next: the kernel is asked again, as verify does
        const d = (await diffWithSecondLook(expected, obs, once)).diff.filter((x) => x.path !== '/setup/failed');
        const text = formatDiff(d, expected, obs, { expected: 'expected', observed: 'kernel' }).join('\n');
        expect(text, `${name}: the kernel disagrees with expected.json`).toBe('');
      });
    }
  });
});
