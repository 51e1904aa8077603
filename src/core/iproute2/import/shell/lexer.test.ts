import { describe, expect, it } from 'vitest';
import { lex, type Token } from './lexer';
import { parse, type SimpleCommand } from './parser';
import { stripPrompts } from './prompts';
import { expandWord, runStatements } from './run';

/** The literal words of each simple command (no variables expanded). */
function commands(text: string): string[][] {
  const { statements } = parse(lex(text).tokens);
  return statements.map((s) => (s.node as SimpleCommand).words.map((w) => w.parts.map((p) => (p.variable ? `<${p.variable}>` : p.text)).join('')));
}

function run(text: string, vars: Record<string, string> = {}): { argv: string[]; line: number }[] {
  const out: { argv: string[]; line: number }[] = [];
  let line = 0;
  const { statements } = parse(lex(text).tokens);
  runStatements(statements, {
    vars: new Map(Object.entries(vars)),
    at: (l) => { line = l; },
    warn: () => {},
    info: () => {},
    command: (argv) => { out.push({ argv, line }); return !argv.includes('fail'); },
  });
  return out;
}

describe('shell lexer', () => {
  it('splits words on blanks and keeps quoted text together', () => {
    expect(commands(`ip link add "my dev" type 'dummy'`)).toEqual([['ip', 'link', 'add', 'my dev', 'type', 'dummy']]);
  });

  it('keeps command substitution literal: a$(id) is a name, not a command', () => {
    expect(commands('ip link add a$(id) type dummy')).toEqual([['ip', 'link', 'add', 'a$(id)', 'type', 'dummy']]);
    expect(lex('ip link add a$(id) type dummy').problems[0]).toMatchObject({ level: 'warning' });
    expect(commands('ip link add `whoami` type dummy')[0][3]).toBe('`whoami`');
  });

  it('does not split on ; inside quotes', () => {
    expect(commands(`ip link add 'b;c' type dummy`)).toEqual([['ip', 'link', 'add', 'b;c', 'type', 'dummy']]);
    expect(commands(`echo "a;b"; ip link`)).toEqual([['echo', 'a;b'], ['ip', 'link']]);
  });

  it('handles backslash escapes and line continuation', () => {
    expect(commands('ip addr add 10.0.0.1/24 \\\n  dev v0')).toEqual([['ip', 'addr', 'add', '10.0.0.1/24', 'dev', 'v0']]);
    expect(commands('echo a\\ b')).toEqual([['echo', 'a b']]);
  });

  it('drops comments but not # inside a word', () => {
    expect(commands('ip link # comment\n# whole line\nip a#b')).toEqual([['ip', 'link'], ['ip', 'a#b']]);
  });

  it('reports an unterminated quote and keeps going on the next line', () => {
    const r = lex(`ip link add "x type dummy\nip link add y type dummy`);
    expect(r.problems).toEqual([{ line: 1, level: 'error', message: 'unterminated double quote' }]);
    const single = lex(`ip link add 'x\nip link`);
    expect(single.problems[0]).toMatchObject({ line: 1, level: 'error', message: 'unterminated single quote' });
    expect(commands(`ip link add 'x\nip link`)).toEqual([['ip', 'link', 'add', 'x'], ['ip', 'link']]);
  });

  it('records the line of each command, also after continuations', () => {
    const { statements } = parse(lex('a \\\n b\nc').tokens);
    expect(statements.map((s) => (s.node as SimpleCommand).line)).toEqual([1, 3]);
  });

  it('lexes operators and redirections', () => {
    const ops = lex('a && b || c | d; e > /proc/x 2>&1').tokens.filter((t) => t.kind !== 'word').map((t) => ('op' in t ? t.op : ''));
    expect(ops).toEqual(['&&', '||', '|', ';', '>', '2>&']);
  });
});

describe('shell runner', () => {
  it('short-circuits && and || on the previous status', () => {
    expect(run('fail && a; fail || b; ok && c').map((c) => c.argv[0])).toEqual(['fail', 'fail', 'b', 'ok', 'c']);
  });

  it('expands variables and for loops, brace ranges included', () => {
    expect(run('for i in 1 2; do ip netns add ns$i; done').map((c) => c.argv.join(' '))).toEqual(['ip netns add ns1', 'ip netns add ns2']);
    expect(run('for i in {1..3}; do x v${i}b; done').map((c) => c.argv[1])).toEqual(['v1b', 'v2b', 'v3b']);
    expect(run('N=eth0\nip link set $N up').map((c) => c.argv)).toEqual([['ip', 'link', 'set', 'eth0', 'up']]);
  });

  it('splits unquoted expansions but not quoted ones', () => {
    const hooks = { vars: new Map([['A', 'x y']]), at: () => {}, warn: () => {}, info: () => {}, command: () => true };
    const [w] = lex('$A').tokens as Extract<Token, { kind: 'word' }>[];
    const [q] = lex('"$A"').tokens as Extract<Token, { kind: 'word' }>[];
    expect(expandWord(w.word, hooks, new Set())).toEqual(['x', 'y']);
    expect(expandWord(q.word, hooks, new Set())).toEqual(['x y']);
  });

  it('reports the line of the command inside a loop body', () => {
    expect(run('for i in 1; do\n  a\n  b\ndone').map((c) => c.line)).toEqual([2, 3]);
  });

  it('skips if/while/functions instead of guessing', () => {
    expect(run('if true; then a; fi\nwhile x; do b; done\nf() { c; }\nd')).toEqual([{ argv: ['d'], line: 4 }]);
  });
});

describe('pasted prompts', () => {
  it('removes user@host prompts and "$ " prompts, keeping columns', () => {
    const r = stripPrompts('mac@ubuntu:~$ sudo ip link\n$ ip a\n[root@master ~]# ip r');
    expect(r.text.split('\n').map((l) => l.trim())).toEqual(['sudo ip link', 'ip a', 'ip r']);
    expect(r.stripped).toEqual([1, 2, 3]);
  });

  it('reads "# ip …" as a root prompt only in a pure transcript', () => {
    expect(stripPrompts('# ip link add x type dummy\n# brctl addbr b').stripped).toEqual([1, 2]);
    expect(stripPrompts('# ip link add x type dummy\nip link set x up').stripped).toEqual([]);
    expect(stripPrompts('# phys: eth0').stripped).toEqual([]);
  });
});
