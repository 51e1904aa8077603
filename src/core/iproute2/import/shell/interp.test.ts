import { describe, expect, it } from 'vitest';
import { BASH_CASES } from './bash-cases/cases';
import expected from './bash-cases/expected.json';
import { Shell, type ShellHost } from './interp';

/** A host whose network tools log their words and fail on FAIL, like measure.ts's stand-ins. */
function runCase(script: string, args: string[] = [], files: Record<string, string> = {}, limits?: { steps: number; depth: number; chars: number }) {
  const trace: string[] = [];
  const diags: { level: string; message: string; line: number; file: string }[] = [];
  const host: ShellHost<null> = {
    run: (argv, io, shell) => {
      let words = argv;
      if (words[0] === 'sudo') { words = words.slice(1); while (words[0]?.startsWith('-')) words = words.slice(1); }
      if (['ip', 'bridge', 'brctl', 'sysctl', 'iptables', 'ifconfig', 'route', 'ping', 'arping'].includes(words[0])) {
        trace.push(words.join('|'));
        return words.includes('FAIL') ? 1 : 0;
      }
      if (words !== argv) return shell.runExternal(words, null, io);
      if (words[0] === 'wc') return 0;
      return 127;
    },
    writeMachineFile: () => undefined,
    stat: () => undefined,
    diag: (level, message, _code, at) => { diags.push({ level, message, ...at }); },
    at: () => {},
  };
  const sh = new Shell(host, limits);
  for (const [n, t] of Object.entries(files)) sh.files.set(n, t);
  let stdout = '';
  const outcome = sh.runScript(script, 'main.sh', args, null, (t) => { stdout += t; });
  return { trace, stdout, status: outcome.status, trapped: sh.trapped.map((l) => l.line), diags, outcome };
}

const measured = (expected as { cases: Record<string, { trace: string[]; trapped: number[]; stdout: string; status: number }> }).cases;

describe('the interpreter agrees with bash 5.2', () => {
  for (const c of BASH_CASES) {
    it(c.name, () => {
      const r = runCase(c.script, c.args, c.files);
      const want = measured[c.name];
      expect(r.trace).toEqual(want.trace);
      expect(r.stdout).toEqual(want.stdout);
      expect(r.status).toBe(want.status);
      expect(r.trapped).toEqual(want.trapped);
    });
  }
});

describe('bounds', () => {
  it('stops an endless loop at the step limit with a located error, and goes on after it', () => {
    const r = runCase('x=1\nwhile true; do\n  x=$((x+1))\ndone\nip link add after type dummy\n', [], {}, { steps: 1000, depth: 50, chars: 10_000 });
    expect(r.diags.find((d) => d.level === 'error')).toMatchObject({ line: 2, file: 'main.sh' });
    expect(r.trace).toEqual(['ip|link|add|after|type|dummy']);
  });

  it('stops deep recursion', () => {
    const r = runCase('f() { f; }\nf\necho after\n', [], {}, { steps: 100_000, depth: 50, chars: 10_000 });
    expect(r.diags.some((d) => d.level === 'error' && /nesting/.test(d.message))).toBe(true);
    expect(r.stdout).toBe('after\n');
  });

  it('stops a huge expansion', () => {
    const r = runCase('a=x\nfor i in $(seq 1 30); do a="$a$a"; done\necho end\n', [], {}, { steps: 100_000, depth: 50, chars: 100_000 });
    expect(r.diags.some((d) => d.level === 'error' && /expansion|characters/.test(d.message))).toBe(true);
  });

  it('reports a syntax error where bash does and runs the lines before it', () => {
    const r = runCase('ip link add a type dummy\nfi\nip link add b type dummy\n');
    expect(r.trace).toEqual(['ip|link|add|a|type|dummy']);
    expect(r.diags).toContainEqual(expect.objectContaining({ level: 'error', line: 2, message: "syntax error near unexpected token `fi'" }));
  });

  it('warns, naming the file, when a sourced file was not given', () => {
    const r = runCase('. ./vars.sh\nip link add "${BR:-br0}" type bridge\n');
    expect(r.diags).toContainEqual(expect.objectContaining({ level: 'warning', line: 1, message: expect.stringContaining('"./vars.sh"') }));
    expect(r.trace).toEqual(['ip|link|add|br0|type|bridge']);
  });

  it('locates diagnostics inside a sourced file by its name', () => {
    const r = runCase('source lib.sh\n', [], { 'lib.sh': 'echo ok\nx=$((1/0))\n' });
    expect(r.diags).toContainEqual(expect.objectContaining({ level: 'error', file: 'lib.sh', line: 2 }));
  });
});
