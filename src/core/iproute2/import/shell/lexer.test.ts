import { describe, expect, it } from 'vitest';
import { lex } from './lexer';
import { parse, type SimpleCommand } from './parser';
import { stripPrompts } from './prompts';

/** The literal words of each simple command (no expansion). */
function commands(text: string): string[][] {
  const { statements } = parse(lex(text).tokens);
  return statements.map((s) => (s.first.commands[0] as SimpleCommand).words.map((w) => w.parts.map((p) => (p.variable ? `<${p.variable}>` : p.text)).join('')));
}

describe('shell lexer', () => {
  it('splits words on blanks and keeps quoted text together', () => {
    expect(commands(`ip link add "my dev" type 'dummy'`)).toEqual([['ip', 'link', 'add', 'my dev', 'type', 'dummy']]);
  });

  it('keeps command substitution as a part to run later', () => {
    const w = (lex('ip link add a$(id -u) type dummy').tokens[3] as { word: { parts: { command?: string }[] } }).word;
    expect(w.parts[1].command).toBe('id -u');
    const b = (lex('x `whoami`').tokens[1] as { word: { parts: { command?: string }[] } }).word;
    expect(b.parts[0].command).toBe('whoami');
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

  it('reports an unterminated quote as bash does (at end of file)', () => {
    const r = lex(`ip link add "x type dummy\nip link add y type dummy`);
    expect(r.problems).toEqual([{ line: 1, level: 'error', message: 'unexpected EOF while looking for matching `"\'' }]);
    const single = lex(`ip link add 'x\nip link`);
    expect(single.problems[0]).toMatchObject({ line: 1, level: 'error' });
  });

  it('reads here-documents and skips their bodies', () => {
    expect(commands('cat <<EOF\nip link add x type dummy\nEOF\nip link')).toEqual([['cat'], ['ip', 'link']]);
    expect(commands('cat <<-"END"\n\tx\n\tEND\necho')).toEqual([['cat'], ['echo']]);
  });

  it('records the line of each command, also after continuations', () => {
    const { statements } = parse(lex('a \\\n b\nc').tokens);
    expect(statements.map((s) => s.line)).toEqual([1, 3]);
  });

  it('lexes operators and redirections', () => {
    const ops = lex('a && b || c | d; e > /proc/x 2>&1').tokens.filter((t) => t.kind !== 'word').map((t) => ('op' in t ? t.op : ''));
    expect(ops).toEqual(['&&', '||', '|', ';', '>', '2>&']);
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
