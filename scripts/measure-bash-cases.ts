/**
 * Runs every case of src/core/iproute2/import/shell/bash-cases/cases.ts in real bash and writes
 * its expected.json beside it (`npx tsx scripts/measure-bash-cases.ts`).
 * Needs only bash: the network tools are shell functions that log their arguments.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASH_CASES } from '../src/core/iproute2/import/shell/bash-cases/cases';

const PRELUDE = `__log() { local IFS='|'; printf '%s\\n' "$*" >> "$TRACE"; }
for __c in ip bridge brctl sysctl iptables ifconfig route ping arping; do
  eval "$__c() { __log $__c \\"\\$@\\"; case \\" \\$* \\" in *' FAIL '*) return 1;; esac; return 0; }"
done
sudo() { while [ "\${1#-}" != "$1" ]; do shift; done; "$@"; }
trap 'printf "ERR %s\\n" "$LINENO" >> "$TRACE"' ERR
`;

const out: Record<string, { trace: string[]; trapped: number[]; stdout: string; status: number }> = {};
for (const c of BASH_CASES) {
  const dir = mkdtempSync(join(tmpdir(), 'bash-case-'));
  try {
    writeFileSync(join(dir, 'prelude.sh'), PRELUDE);
    writeFileSync(join(dir, 'main.sh'), c.script);
    for (const [n, t] of Object.entries(c.files ?? {})) writeFileSync(join(dir, n), t);
    writeFileSync(join(dir, 'trace'), '');
    let stdout = '';
    let status = 0;
    try {
      stdout = execFileSync('bash', ['main.sh', ...(c.args ?? [])], { cwd: dir, env: { PATH: '/usr/bin:/bin', BASH_ENV: join(dir, 'prelude.sh'), TRACE: join(dir, 'trace'), HOME: '/root' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      status = err.status;
      stdout = err.stdout;
    }
    const lines = readFileSync(join(dir, 'trace'), 'utf8').split('\n').filter(Boolean);
    out[c.name] = { trace: lines.filter((l) => !l.startsWith('ERR ')), trapped: lines.filter((l) => l.startsWith('ERR ')).map((l) => Number(l.slice(4))), stdout, status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
writeFileSync(new URL('../src/core/iproute2/import/shell/bash-cases/expected.json', import.meta.url), `${JSON.stringify({ bash: execFileSync('bash', ['--version'], { encoding: 'utf8' }).split('\n')[0], cases: out }, null, 1)}\n`);
