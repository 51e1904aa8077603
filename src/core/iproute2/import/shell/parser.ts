/**
 * Groups lexer tokens into what a shell runs: simple commands joined by `&&`/`||`/`|`,
 * and `for NAME in …; do …; done` loops (scripts use them to build N namespaces).
 * Other compound commands (`if`, `while`, `case`, functions, subshells) are reported and
 * skipped: their effect cannot be known without running them.
 */
import type { LexProblem, Token, Word } from './lexer';

export interface Redirect {
  op: string;
  target?: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  words: Word[];
  redirects: Redirect[];
  line: number;
  /** Further commands this one pipes into (`a | b`). */
  pipeTo?: SimpleCommand[];
}

export interface ForLoop {
  kind: 'for';
  variable: string;
  items: Word[];
  body: Statement[];
  line: number;
}

export interface Skipped {
  kind: 'skipped';
  what: string;
  line: number;
}

export type Node = SimpleCommand | ForLoop | Skipped;

/** A node and how it is joined to the previous one. */
export interface Statement {
  node: Node;
  /** `&&`: run only if the previous succeeded; `||`: only if it failed. */
  join?: '&&' | '||';
}

const RESERVED_SKIP = new Set(['if', 'while', 'until', 'case', 'function', 'select']);
const CLOSERS: Record<string, string> = { if: 'fi', while: 'done', until: 'done', for: 'done', case: 'esac', select: 'done' };

/** Parses a token stream into statements. Never throws. */
export function parse(tokens: Token[]): { statements: Statement[]; problems: LexProblem[] } {
  const problems: LexProblem[] = [];
  let pos = 0;

  const wordText = (t: Token | undefined): string | undefined => {
    if (!t || t.kind !== 'word') return undefined;
    const w = t.word;
    if (w.parts.length !== 1 || w.parts[0].quoted || w.parts[0].variable) return undefined;
    return w.parts[0].text;
  };
  const isSep = (t: Token | undefined) => !!t && t.kind === 'op' && (t.op === ';' || t.op === '\n' || t.op === '&');
  const skipSeps = () => { while (pos < tokens.length && isSep(tokens[pos])) pos++; };
  const lineOf = (t: Token) => (t.kind === 'word' ? t.word.line : t.line);

  /** Skips to the keyword closing a block opened by `opener`, honouring nesting. */
  const skipBlock = (opener: string): void => {
    const closer = CLOSERS[opener] ?? '}';
    let depth = 1;
    let atStart = false;
    while (pos < tokens.length && depth > 0) {
      const t = tokens[pos++];
      const w = wordText(t);
      if (atStart && w !== undefined) {
        if (w === opener || (CLOSERS[w] === closer && w !== closer) || (opener === 'function' && w === '{')) depth++;
        else if (w === closer) depth--;
      }
      atStart = isSep(t) || (t.kind === 'op' && (t.op === '&&' || t.op === '||' || t.op === '|')) || w === 'then' || w === 'do' || w === 'else' || w === '{';
    }
  };

  const parseSimple = (): SimpleCommand | undefined => {
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let line = -1;
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t.kind === 'op') break;
      if (line < 0) line = lineOf(t);
      pos++;
      if (t.kind === 'redirect') {
        const next = tokens[pos];
        if (next && next.kind === 'word' && !t.op.endsWith('&')) { redirects.push({ op: t.op, target: next.word }); pos++; }
        else if (next && next.kind === 'word' && /^[0-9-]+$/.test(wordText(next) ?? '')) { redirects.push({ op: t.op, target: next.word }); pos++; }
        else redirects.push({ op: t.op });
        continue;
      }
      words.push(t.word);
    }
    if (line < 0) return undefined;
    return { kind: 'simple', words, redirects, line };
  };

  const parseList = (terminators: Set<string>): Statement[] => {
    const out: Statement[] = [];
    let join: '&&' | '||' | undefined;
    while (pos < tokens.length) {
      skipSeps();
      if (pos >= tokens.length) break;
      const t = tokens[pos];
      const w = wordText(t);
      if (w !== undefined && terminators.has(w)) return out;
      let node: Node | undefined;
      if (w === 'for') node = parseFor();
      else if (w !== undefined && RESERVED_SKIP.has(w)) {
        pos++;
        skipBlock(w);
        node = { kind: 'skipped', what: w, line: lineOf(t) };
      } else if (t.kind === 'op' && t.op === '(') {
        pos++;
        let depth = 1;
        while (pos < tokens.length && depth > 0) {
          const u = tokens[pos++];
          if (u.kind === 'op' && u.op === '(') depth++;
          if (u.kind === 'op' && u.op === ')') depth--;
        }
        node = { kind: 'skipped', what: 'subshell', line: lineOf(t) };
      } else if (w === '{' || (w !== undefined && tokens[pos + 1]?.kind === 'op' && (tokens[pos + 1] as { op: string }).op === '(' && tokens[pos + 2]?.kind === 'op')) {
        // A brace group or a function definition `name() { … }`.
        const isFn = w !== '{';
        pos += isFn ? 3 : 1;
        if (isFn) { skipSeps(); if (wordText(tokens[pos]) === '{') pos++; }
        skipBlock('function');
        node = { kind: 'skipped', what: isFn ? 'function definition' : 'brace group', line: lineOf(t) };
      } else if (t.kind === 'op') {
        // A stray operator (`)`, a leading `|`): report once and move on.
        problems.push({ line: t.line, level: 'error', message: `syntax error near unexpected token \`${t.op}'` });
        pos++;
        join = undefined;
        continue;
      } else {
        node = parseSimple();
        while (node && tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === '|') {
          pos++;
          while (tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === '\n') pos++;
          const next = parseSimple();
          if (!next) break;
          (node.pipeTo ??= []).push(next);
        }
      }
      if (node) out.push(join ? { node, join } : { node });
      join = undefined;
      const after = tokens[pos];
      if (after && after.kind === 'op' && (after.op === '&&' || after.op === '||')) {
        join = after.op;
        pos++;
        while (tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === '\n') pos++;
      }
    }
    return out;
  };

  const parseFor = (): Node => {
    const start = tokens[pos];
    const line = lineOf(start);
    pos++;
    const name = wordText(tokens[pos]);
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      problems.push({ line, level: 'error', message: 'syntax error in for loop: expected a variable name' });
      skipBlock('while');
      return { kind: 'skipped', what: 'for', line };
    }
    pos++;
    const items: Word[] = [];
    if (wordText(tokens[pos]) === 'in') {
      pos++;
      while (pos < tokens.length && tokens[pos].kind === 'word') items.push((tokens[pos++] as { word: Word }).word);
    }
    skipSeps();
    if (wordText(tokens[pos]) !== 'do') {
      problems.push({ line, level: 'error', message: 'syntax error in for loop: expected "do"' });
      skipBlock('while');
      return { kind: 'skipped', what: 'for', line };
    }
    pos++;
    const body = parseList(new Set(['done']));
    if (wordText(tokens[pos]) === 'done') pos++;
    else problems.push({ line, level: 'error', message: 'syntax error: for loop without "done"' });
    return { kind: 'for', variable: name, items, body, line };
  };

  const statements = parseList(new Set());
  return { statements, problems };
}
