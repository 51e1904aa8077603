/**
 * A bash lexer for the scripts people write and paste: quotes, escapes, comments, `\`
 * line continuation, `$VAR`/`${VAR}` references, operators and redirections.
 * Command substitution (`$(…)`, backticks) is kept as literal text: nothing is ever run.
 * Never throws; problems come back as located messages.
 */

/** One piece of a word: literal text, or a variable reference expanded later. */
export interface WordPart {
  text: string;
  /** Inside single or double quotes (no field splitting on expansion). */
  quoted: boolean;
  /** Set for `$NAME` / `${NAME}`: the variable to expand. */
  variable?: string;
}

export interface Word {
  parts: WordPart[];
  line: number;
}

export type OperatorText = ';' | '&&' | '||' | '|' | '&' | '\n' | '(' | ')';

export type Token =
  | { kind: 'word'; word: Word }
  | { kind: 'op'; op: OperatorText; line: number }
  | { kind: 'redirect'; op: string; line: number };

export interface LexProblem {
  line: number;
  level: 'error' | 'warning';
  message: string;
}

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
}

const META = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Splits script text into words, operators and redirections, bash-style. */
export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;

  const peek = (k = 0) => (i + k < n ? text[i + k] : '');

  while (i < n) {
    const c = text[i];
    if (c === '\\' && peek(1) === '\n') { i += 2; line++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '\n') { tokens.push({ kind: 'op', op: '\n', line }); i++; line++; continue; }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      // `;;` only matters inside `case`, which is not modelled; treat as a separator.
      i += peek(1) === ';' ? 2 : 1;
      tokens.push({ kind: 'op', op: ';', line });
      continue;
    }
    if (c === '&') {
      if (peek(1) === '&') { tokens.push({ kind: 'op', op: '&&', line }); i += 2; continue; }
      if (peek(1) === '>') { i += peek(2) === '>' ? 3 : 2; tokens.push({ kind: 'redirect', op: '&>', line }); continue; }
      tokens.push({ kind: 'op', op: '&', line }); i++; continue;
    }
    if (c === '|') {
      if (peek(1) === '|') { tokens.push({ kind: 'op', op: '||', line }); i += 2; continue; }
      i += peek(1) === '&' ? 2 : 1;
      tokens.push({ kind: 'op', op: '|', line });
      continue;
    }
    if (c === '(' || c === ')') { tokens.push({ kind: 'op', op: c, line }); i++; continue; }
    if (c === '>' || c === '<' || (/[0-9]/.test(c) && (peek(1) === '>' || peek(1) === '<'))) {
      let op = '';
      if (/[0-9]/.test(c)) op += text[i++];
      op += text[i++];
      if (i < n && (text[i] === '>' || text[i] === '&' || text[i] === '<')) op += text[i++];
      tokens.push({ kind: 'redirect', op, line });
      continue;
    }
    // A word: runs until an unquoted metacharacter.
    const startLine = line;
    const parts: WordPart[] = [];
    const lit = (s: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last && !last.variable && last.quoted === quoted) last.text += s;
      else parts.push({ text: s, quoted });
    };
    while (i < n && !META.has(text[i])) {
      const ch = text[i];
      if (ch === '\\') {
        if (peek(1) === '\n') { i += 2; line++; continue; }
        if (i + 1 < n) lit(text[i + 1], true);
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = text.indexOf("'", i + 1);
        if (end < 0) {
          const eol = lineEnd(text, i);
          problems.push({ line, level: 'error', message: 'unterminated single quote' });
          lit(text.slice(i + 1, eol), true);
          i = eol;
          break;
        }
        const body = text.slice(i + 1, end);
        line += countNewlines(body);
        lit(body, true);
        parts.push({ text: '', quoted: true });
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        const r = readDouble(text, i + 1, line);
        for (const p of r.parts) {
          if (p.variable) parts.push(p);
          else lit(p.text, true);
        }
        if (!r.closed) {
          problems.push({ line, level: 'error', message: 'unterminated double quote' });
        }
        parts.push({ text: '', quoted: true });
        line = r.line;
        i = r.end;
        if (!r.closed) break;
        continue;
      }
      if (ch === '$' || ch === '`') {
        const r = readDollar(text, i);
        if (r.part.variable) parts.push({ ...r.part, quoted: false });
        else {
          lit(r.part.text, false);
          if (r.substitution) problems.push({ line, level: 'warning', message: `command substitution ${clip(r.part.text)} is not run; kept as literal text` });
        }
        line += countNewlines(text.slice(i, r.end));
        i = r.end;
        continue;
      }
      lit(ch, false);
      i++;
    }
    // Drop the empty markers that only served to separate quoted runs, but keep `''` words.
    const cleaned = parts.filter((p) => p.text !== '' || p.variable);
    tokens.push({ kind: 'word', word: { parts: cleaned.length ? cleaned : [{ text: '', quoted: true }], line: startLine } });
  }
  return { tokens, problems };
}

function lineEnd(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

function countNewlines(s: string): number {
  let k = 0;
  for (let j = 0; j < s.length; j++) if (s[j] === '\n') k++;
  return k;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Reads a double-quoted string body starting after the opening quote. */
function readDouble(text: string, start: number, line: number): { parts: WordPart[]; end: number; line: number; closed: boolean } {
  const parts: WordPart[] = [];
  let buf = '';
  let i = start;
  const flush = () => { if (buf) parts.push({ text: buf, quoted: true }); buf = ''; };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') { flush(); return { parts, end: i + 1, line, closed: true }; }
    if (ch === '\n') {
      // A quote left open at the end of a line is almost always a paste accident:
      // close it here so the following lines still run as commands.
      flush();
      return { parts, end: i, line, closed: false };
    }
    if (ch === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
      if (text[i + 1] === '\n') line++;
      else buf += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$' || ch === '`') {
      const r = readDollar(text, i);
      if (r.part.variable) { flush(); parts.push({ ...r.part, quoted: true }); }
      else buf += r.part.text;
      i = r.end;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return { parts, end: i, line, closed: false };
}

/** Reads `$NAME`, `${NAME}`, `$(…)`, `` `…` `` or a lone `$` at `i`. */
function readDollar(text: string, i: number): { part: WordPart; end: number; substitution: boolean } {
  if (text[i] === '`') {
    const end = text.indexOf('`', i + 1);
    const stop = end < 0 ? lineEnd(text, i) : end + 1;
    return { part: { text: text.slice(i, stop), quoted: false }, end: stop, substitution: true };
  }
  const next = text[i + 1] ?? '';
  if (next === '(') {
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') { depth--; if (depth === 0) { j++; break; } }
      else if (text[j] === '\n' && depth > 0 && j > i + 200) break;
    }
    return { part: { text: text.slice(i, j), quoted: false }, end: j, substitution: true };
  }
  if (next === '{') {
    const end = text.indexOf('}', i + 2);
    const eol = lineEnd(text, i);
    if (end < 0 || end > eol) return { part: { text: '$', quoted: false }, end: i + 1, substitution: false };
    const name = text.slice(i + 2, end);
    if (/^[A-Za-z_][A-Za-z0-9_]*$|^[0-9]+$|^[#?@*$!-]$/.test(name)) return { part: { text: '', quoted: false, variable: name }, end: end + 1, substitution: false };
    // ${VAR:-x} and friends are not modelled: keep the text.
    return { part: { text: text.slice(i, end + 1), quoted: false }, end: end + 1, substitution: true };
  }
  if (NAME_START.test(next)) {
    let j = i + 1;
    while (j < text.length && NAME_CHAR.test(text[j])) j++;
    return { part: { text: '', quoted: false, variable: text.slice(i + 1, j) }, end: j, substitution: false };
  }
  if (/[0-9?#@*$!-]/.test(next) && next !== '') {
    return { part: { text: '', quoted: false, variable: next }, end: i + 2, substitution: false };
  }
  return { part: { text: '$', quoted: false }, end: i + 1, substitution: false };
}
