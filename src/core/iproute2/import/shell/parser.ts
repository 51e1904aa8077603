/**
 * Parses lexer tokens into bash's grammar: lists of and-or chains of pipelines of commands,
 * where a command is simple (assignments, words, redirections) or compound (`if`, `while`,
 * `until`, both `for` forms, `case`, `{ …; }`, `( … )`, `(( … ))`, `[[ … ]]`, function
 * definitions). Like bash reading a file, parsing stops at the first syntax error: the
 * statements before it are kept (and run), the error is reported at its line.
 * Never throws.
 */
import { plain, type HereDoc, type LexProblem, type Token, type Word } from './lexer';

export interface Redirect {
  op: string;
  target?: Word;
  heredoc?: HereDoc;
  line: number;
}

export interface Assignment {
  name: string;
  /** `+=`. */
  append: boolean;
  value?: Word;
  /** `NAME=(a b c)`. */
  array?: Word[];
}

export interface SimpleCommand { kind: 'simple'; assigns: Assignment[]; words: Word[]; redirects: Redirect[]; line: number }
export interface IfCommand { kind: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirects: Redirect[]; line: number }
export interface LoopCommand { kind: 'while'; until: boolean; cond: List; body: List; redirects: Redirect[]; line: number }
export interface ForCommand { kind: 'for'; variable: string; items?: Word[]; body: List; redirects: Redirect[]; line: number }
export interface ArithForCommand { kind: 'cfor'; init: string; test: string; step: string; body: List; redirects: Redirect[]; line: number }
export interface CaseCommand { kind: 'case'; subject: Word; items: { patterns: Word[]; body: List; next: ';;' | ';&' | ';;&' }[]; redirects: Redirect[]; line: number }
export interface GroupCommand { kind: 'group' | 'subshell'; body: List; redirects: Redirect[]; line: number }
export interface FunctionDef { kind: 'function'; name: string; body: Command; line: number }
export interface ArithCommand { kind: 'arith'; text: string; redirects: Redirect[]; line: number }
export interface TestCommand { kind: 'dtest'; words: Word[]; redirects: Redirect[]; line: number }

export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | ArithForCommand | CaseCommand | GroupCommand | FunctionDef | ArithCommand | TestCommand;

export interface Pipeline { bang: boolean; commands: Command[]; line: number }
export interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; pipeline: Pipeline }[]; background: boolean; line: number }
export type List = AndOr[];

export interface ParseResult {
  statements: List;
  problems: LexProblem[];
}

class SyntaxError_ {
  constructor(readonly line: number, readonly message: string) {}
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'function', '{', '}', '!', '[[', ']]', 'select']);
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/;
/** Nesting deeper than this is refused (a recursive-descent parser must not overflow the stack). */
const MAX_DEPTH = 200;

/** Parses a token stream. Never throws. */
export function parse(tokens: Token[]): ParseResult {
  let pos = 0;
  let depth = 0;
  const problems: LexProblem[] = [];

  const tok = (k = 0): Token | undefined => tokens[pos + k];
  const lineOf = (t: Token | undefined): number => (!t ? (tokens.length ? lineOf(tokens[tokens.length - 1]) : 1) : t.kind === 'word' ? t.word.line : t.line);
  const isOp = (t: Token | undefined, op: string) => !!t && t.kind === 'op' && t.op === op;
  const wordIs = (t: Token | undefined, w: string) => !!t && t.kind === 'word' && plain(t.word) === w;
  const fail = (t: Token | undefined, message?: string): never => {
    const near = !t ? 'unexpected end of file' : `syntax error near unexpected token \`${t.kind === 'word' ? t.word.parts.map((p) => p.text).join('') : t.kind === 'arith' ? '((' : t.kind === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.op}'`;
    throw new SyntaxError_(lineOf(t), message ?? (t ? near : 'syntax error: unexpected end of file'));
  };
  const newlines = () => { while (isOp(tok(), '\n')) pos++; };
  const separators = () => { while (isOp(tok(), '\n') || isOp(tok(), ';')) pos++; };
  const expectWord = (w: string) => { if (!wordIs(tok(), w)) fail(tok()); pos++; };

  /** A compound list ending at one of `stops` (reserved words or `)`), which is not consumed. */
  const compoundList = (stops: string[]): List => {
    if (++depth > MAX_DEPTH) fail(tok(), 'nesting too deep');
    const out: List = [];
    for (;;) {
      separators();
      const t = tok();
      if (!t) break;
      if (t.kind === 'word' && stops.includes(plain(t.word) ?? '\0')) break;
      if (t.kind === 'op' && stops.includes(t.op)) break;
      out.push(andOr());
      const s = tok();
      if (isOp(s, '&')) { out[out.length - 1].background = true; pos++; } else if (isOp(s, ';') || isOp(s, '\n')) pos++;
      else if (s && !(s.kind === 'word' && stops.includes(plain(s.word) ?? '\0')) && !(s.kind === 'op' && stops.includes(s.op))) fail(s);
    }
    depth--;
    return out;
  };

  const andOr = (): AndOr => {
    const first = pipeline();
    const node: AndOr = { first, rest: [], background: false, line: first.line };
    for (;;) {
      const t = tok();
      if (t && t.kind === 'op' && (t.op === '&&' || t.op === '||')) {
        pos++;
        newlines();
        node.rest.push({ op: t.op, pipeline: pipeline() });
      } else break;
    }
    return node;
  };

  const pipeline = (): Pipeline => {
    let bang = false;
    const line = lineOf(tok());
    while (wordIs(tok(), '!')) { bang = !bang; pos++; }
    const commands = [command()];
    while (isOp(tok(), '|')) {
      pos++;
      newlines();
      commands.push(command());
    }
    return { bang, commands, line };
  };

  const redirects = (into: Redirect[]) => {
    for (;;) {
      const t = tok();
      if (!t || t.kind !== 'redirect') return;
      pos++;
      const target = tok();
      if (!target || target.kind !== 'word') fail(target);
      pos++;
      into.push({ op: t.op, target: (target as { word: Word }).word, line: t.line, ...(t.heredoc ? { heredoc: t.heredoc } : {}) });
    }
  };

  const command = (): Command => {
    if (++depth > MAX_DEPTH) fail(tok(), 'nesting too deep');
    try {
      const t = tok();
      if (!t) return fail(t);
      const line = lineOf(t);
      if (t.kind === 'arith') {
        pos++;
        const c: ArithCommand = { kind: 'arith', text: t.text, redirects: [], line };
        redirects(c.redirects);
        return c;
      }
      if (isOp(t, '(')) {
        pos++;
        const body = compoundList([')']);
        if (!isOp(tok(), ')')) fail(tok());
        pos++;
        const c: GroupCommand = { kind: 'subshell', body, redirects: [], line };
        redirects(c.redirects);
        return c;
      }
      if (t.kind === 'op') return fail(t);
      const w = t.kind === 'word' ? plain(t.word) : undefined;
      const compound = (c: Command): Command => {
        if ('redirects' in c) redirects(c.redirects);
        return c;
      };
      switch (w) {
        case 'if': return compound(ifCommand(line));
        case 'while': case 'until': {
          pos++;
          const cond = compoundList(['do']);
          expectWord('do');
          const body = compoundList(['done']);
          expectWord('done');
          return compound({ kind: 'while', until: w === 'until', cond, body, redirects: [], line });
        }
        case 'for': case 'select': return compound(forCommand(line));
        case 'case': return compound(caseCommand(line));
        case '{': {
          pos++;
          const body = compoundList(['}']);
          expectWord('}');
          return compound({ kind: 'group', body, redirects: [], line });
        }
        case '[[': return compound(doubleBracket(line));
        case 'function': {
          pos++;
          const nameTok = tok();
          if (!nameTok || nameTok.kind !== 'word') return fail(nameTok);
          pos++;
          if (isOp(tok(), '(') && isOp(tok(1), ')')) pos += 2;
          newlines();
          return { kind: 'function', name: nameTok.word.parts.map((p) => p.text).join(''), body: command(), line };
        }
        case 'then': case 'elif': case 'else': case 'fi': case 'do': case 'done': case 'esac': case '}': case 'in': case ']]':
          return fail(t);
      }
      if (t.kind === 'word' && isOp(tok(1), '(') && isOp(tok(2), ')') && w !== undefined && /^[^$`'"]+$/.test(w)) {
        pos += 3;
        newlines();
        return { kind: 'function', name: w, body: command(), line };
      }
      return simple(line);
    } finally {
      depth--;
    }
  };

  const ifCommand = (line: number): IfCommand => {
    pos++;
    const clauses: IfCommand['clauses'] = [];
    const cond = compoundList(['then']);
    expectWord('then');
    clauses.push({ cond, body: compoundList(['elif', 'else', 'fi']) });
    let otherwise: List | undefined;
    for (;;) {
      if (wordIs(tok(), 'elif')) {
        pos++;
        const c = compoundList(['then']);
        expectWord('then');
        clauses.push({ cond: c, body: compoundList(['elif', 'else', 'fi']) });
      } else if (wordIs(tok(), 'else')) {
        pos++;
        otherwise = compoundList(['fi']);
      } else break;
    }
    expectWord('fi');
    return { kind: 'if', clauses, ...(otherwise ? { otherwise } : {}), redirects: [], line };
  };

  const forCommand = (line: number): ForCommand | ArithForCommand => {
    pos++;
    const t = tok();
    if (t && t.kind === 'arith') {
      pos++;
      const parts = t.text.split(';');
      if (parts.length !== 3) fail(t, 'syntax error: arithmetic expression required');
      separators();
      const body = loopBody();
      return { kind: 'cfor', init: parts[0], test: parts[1], step: parts[2], body, redirects: [], line };
    }
    const name = t && t.kind === 'word' ? plain(t.word) : undefined;
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail(t, `\`${name ?? ''}': not a valid identifier`);
    pos++;
    newlines();
    let items: Word[] | undefined;
    if (wordIs(tok(), 'in')) {
      pos++;
      items = [];
      while (tok()?.kind === 'word') items.push((tokens[pos++] as { word: Word }).word);
      if (!isOp(tok(), ';') && !isOp(tok(), '\n')) fail(tok());
    }
    separators();
    return { kind: 'for', variable: name, ...(items ? { items } : {}), body: loopBody(), redirects: [], line };
  };

  const loopBody = (): List => {
    if (wordIs(tok(), '{')) {
      pos++;
      const body = compoundList(['}']);
      expectWord('}');
      return body;
    }
    expectWord('do');
    const body = compoundList(['done']);
    expectWord('done');
    return body;
  };

  const caseCommand = (line: number): CaseCommand => {
    pos++;
    const st = tok();
    if (!st || st.kind !== 'word') return fail(st);
    pos++;
    newlines();
    expectWord('in');
    const items: CaseCommand['items'] = [];
    for (;;) {
      separators();
      if (wordIs(tok(), 'esac')) { pos++; break; }
      if (!tok()) fail(undefined);
      if (isOp(tok(), '(')) pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = tok();
        if (!p || p.kind !== 'word') fail(p);
        patterns.push((p as { word: Word }).word);
        pos++;
        if (isOp(tok(), '|')) { pos++; continue; }
        break;
      }
      if (!isOp(tok(), ')')) fail(tok());
      pos++;
      const body = compoundList([';;', ';&', ';;&', 'esac']);
      const end = tok();
      let next: ';;' | ';&' | ';;&' = ';;';
      if (end && end.kind === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) { next = end.op; pos++; }
      items.push({ patterns, body, next });
    }
    return { kind: 'case', subject: st.word, items, redirects: [], line };
  };

  const doubleBracket = (line: number): TestCommand => {
    pos++;
    const words: Word[] = [];
    for (;;) {
      const t = tok();
      if (!t) fail(t);
      pos++;
      if (t!.kind === 'word') {
        if (plain(t!.word) === ']]') break;
        words.push(t!.word);
        // The regular expression after `=~` is one word even with ( ) | in it.
        if (plain(t!.word) === '=~') {
          const parts: Word['parts'] = [];
          let depth = 0;
          for (;;) {
            const u = tok();
            if (!u || (u.kind === 'word' && plain(u.word) === ']]' && depth === 0) || (u.kind === 'op' && (u.op === '&&' || u.op === '||' || u.op === '\n') && depth === 0)) break;
            pos++;
            if (u.kind === 'word') parts.push(...u.word.parts);
            else if (u.kind === 'op' || u.kind === 'redirect') {
              if (u.op === '(') depth++;
              if (u.op === ')') depth--;
              parts.push({ text: u.op, quoted: false });
            } else parts.push({ text: `((${u.text}))`, quoted: false });
          }
          words.push({ parts, line: t!.word.line });
        }
      } else if (t!.kind === 'op' || t!.kind === 'redirect') {
        const text = t!.op;
        if (text === '\n') fail(t);
        words.push({ parts: [{ text, quoted: false }], line: t!.line });
      } else fail(t);
    }
    return { kind: 'dtest', words, redirects: [], line };
  };

  const simple = (line: number): SimpleCommand => {
    const c: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [], line };
    for (;;) {
      const t = tok();
      if (!t) break;
      if (t.kind === 'redirect') { redirects(c.redirects); continue; }
      if (t.kind !== 'word') break;
      const first = t.word.parts[0];
      const m = !c.words.length && first && !first.quoted && first.variable === undefined && !first.param && first.command === undefined && first.arith === undefined ? ASSIGN.exec(first.text) : null;
      if (m) {
        pos++;
        const restText = first.text.slice(m[0].length);
        const valueParts = [...(restText ? [{ ...first, text: restText }] : []), ...t.word.parts.slice(1)];
        const a: Assignment = { name: m[1], append: m[3] === '+' };
        if (!valueParts.length && isOp(tok(), '(')) {
          pos++;
          a.array = [];
          for (;;) {
            newlines();
            const u = tok();
            if (isOp(u, ')')) { pos++; break; }
            if (!u || u.kind !== 'word') fail(u);
            a.array.push((u as { word: Word }).word);
            pos++;
          }
        } else a.value = { parts: valueParts, line: t.word.line };
        c.assigns.push(a);
        continue;
      }
      if (!c.words.length && !c.assigns.length && RESERVED.has(plain(t.word) ?? '') && plain(t.word) !== '!' && plain(t.word) !== '[[' && plain(t.word) !== 'select') fail(t);
      c.words.push(t.word);
      pos++;
    }
    if (!c.words.length && !c.assigns.length && !c.redirects.length) fail(tok());
    return c;
  };

  const statements: List = [];
  while (pos < tokens.length) {
    try {
      separators();
      if (pos >= tokens.length) break;
      const s = andOr();
      const t = tok();
      if (isOp(t, '&')) { s.background = true; pos++; } else if (t && !isOp(t, ';') && !isOp(t, '\n')) fail(t);
      else pos++;
      statements.push(s);
    } catch (e) {
      if (!(e instanceof SyntaxError_)) {
        problems.push({ line: lineOf(tok()), level: 'error', message: 'syntax error' });
        break;
      }
      problems.push({ line: e.line, level: 'error', message: e.message });
      break;
    }
  }
  return { statements, problems };
}
