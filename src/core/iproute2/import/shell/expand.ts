/**
 * Word expansion as bash does it, in its order: brace expansion, parameter expansion
 * (`${VAR:-x}`, `${#VAR}`, `${VAR:0:8}`, `${VAR#pat}` …), command substitution, arithmetic,
 * then field splitting of unquoted results. Pathname expansion is not done: there is no
 * filesystem, so a glob stays literal (as bash leaves a glob that matches nothing).
 */
import { evalArith } from './arith';
import { isLiteral, lex, readDouble, type Word, type WordPart } from './lexer';
import { quotePattern, removeAffix, replacePattern } from './pattern';

/** What expansion needs from the interpreter. */
export interface ExpandEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  array(name: string): string[] | undefined;
  positional(): string[];
  /** Runs `$(…)` and returns its output. */
  substitute(text: string, line: number): string;
  /** `<(…)` / `>(…)`: returns the file name the word becomes. */
  procsub(dir: '<' | '>', text: string, line: number, column: number | undefined): string;
  /** `${VAR:?msg}` with VAR unset: bash prints the message and the script exits. */
  fatal(message: string): never;
  /** `set -u` with an unset variable. */
  unset(name: string): void;
  /** Called for every piece of text produced, to bound huge expansions. */
  charge(size: number): void;
}

/** A field being built: text plus whether any of it came from quotes (so `""` is a field). */
interface Builder { fields: string[]; cur: string; has: boolean }

const IFS_WS = /[ \t\n]+/;

/** Expands words into argv fields. */
export function expandWords(words: Word[], env: ExpandEnv): string[] {
  const out: string[] = [];
  for (const w of words) for (const b of braceExpand(w)) out.push(...expandFields(b, env));
  return out;
}

/** Expands one word into fields (no brace expansion). */
export function expandFields(word: Word, env: ExpandEnv): string[] {
  const b: Builder = { fields: [], cur: '', has: false };
  for (const p of word.parts) {
    if (isLiteral(p)) { b.cur += p.text; if (p.quoted || p.text) b.has = true; continue; }
    if (p.variable === '@' || p.variable === '*' || (p.param && (p.param.index === '@' || p.param.index === '*' || p.param.name === '@') && !p.param.length && !p.param.op)) {
      const list = p.variable ? env.positional() : p.param!.name === '@' ? env.positional() : env.array(p.param!.name) ?? maybe(env.get(p.param!.name));
      const star = p.variable === '*' || p.param?.index === '*';
      if (p.quoted && !star) {
        list.forEach((item, k) => {
          b.cur += item;
          b.has = true;
          if (k < list.length - 1) { b.fields.push(b.cur); b.cur = ''; }
        });
        continue;
      }
      if (p.quoted) { b.cur += list.join(' '); b.has = true; continue; }
      splitInto(b, list.join(' '));
      continue;
    }
    const v = expandPart(p, env);
    env.charge(v.length);
    if (p.quoted) { b.cur += v; b.has = true; } else splitInto(b, v);
  }
  if (b.has || b.cur) b.fields.push(b.cur);
  return b.fields;
}

function maybe(v: string | undefined): string[] {
  return v === undefined ? [] : [v];
}

function splitInto(b: Builder, v: string): void {
  const pieces = v.split(IFS_WS);
  for (let k = 0; k < pieces.length; k++) {
    if (k > 0 && (b.has || b.cur)) { b.fields.push(b.cur); b.cur = ''; b.has = false; }
    if (pieces[k]) { b.cur += pieces[k]; b.has = true; }
  }
}

/** Expands a word to one string, without field splitting (assignments, `case`, redirections). */
export function expandString(word: Word, env: ExpandEnv): string {
  let s = '';
  for (const p of word.parts) {
    if (isLiteral(p)) { s += p.text; continue; }
    if (p.variable === '@' || p.variable === '*') { s += env.positional().join(' '); continue; }
    s += expandPart(p, env);
  }
  env.charge(s.length);
  return s;
}

/** Expands a word as a glob pattern: quoted parts match literally. */
export function expandPattern(word: Word, env: ExpandEnv): string {
  let s = '';
  for (const p of word.parts) {
    const v = isLiteral(p) ? p.text : p.variable === '@' || p.variable === '*' ? env.positional().join(' ') : expandPart(p, env);
    s += p.quoted ? quotePattern(v) : v;
  }
  return s;
}

function special(name: string, env: ExpandEnv): string | undefined {
  if (name === '#') return String(env.positional().length);
  if (/^[1-9][0-9]*$/.test(name)) return env.positional()[Number(name) - 1];
  return env.get(name);
}

/** Value of an expansion part (before splitting). */
export function expandPart(p: WordPart, env: ExpandEnv): string {
  if (p.variable !== undefined) {
    const v = special(p.variable, env);
    if (v === undefined) env.unset(p.variable);
    return v ?? '';
  }
  if (p.arith !== undefined) {
    const inner = expandText(p.arith, env, p.line ?? 0);
    return String(evalArith(inner, { get: (n) => special(n, env), set: (n, v) => env.set(n, v) }));
  }
  if (p.command !== undefined && p.procsub) return env.procsub(p.procsub, p.command, p.line ?? 0, p.column);
  if (p.command !== undefined) return env.substitute(p.command, p.line ?? 0).replace(/\n+$/, '');
  const e = p.param!;
  const arr = e.index !== undefined ? env.array(e.name) : undefined;
  let value: string | undefined;
  if (e.index !== undefined && e.index !== '@' && e.index !== '*') {
    const k = arr ? evalArith(e.index, { get: (n) => special(n, env), set: (n, v) => env.set(n, v) }) : 0;
    value = arr ? arr[k < 0 ? arr.length + k : k] : k === 0 ? special(e.name, env) : undefined;
  } else if (e.index !== undefined) value = (arr ?? maybe(special(e.name, env))).join(' ');
  else if (e.name === '@' || e.name === '*') value = env.positional().join(' ');
  else value = special(e.name, env);
  if (e.length) {
    if (e.index === '@' || e.index === '*') return String((arr ?? maybe(special(e.name, env))).length);
    if (e.name === '@' || e.name === '*') return String(env.positional().length);
    return String((value ?? '').length);
  }
  const arg = () => expandText(e.arg ?? '', env, p.line ?? 0, p.quoted);
  const patArg = () => expandPatternText(e.arg ?? '', env);
  switch (e.op) {
    case undefined: if (value === undefined) env.unset(e.name); return value ?? '';
    case ':-': return value ? value : arg();
    case '-': return value !== undefined ? value : arg();
    case ':=': case '=': {
      if (e.op === ':=' ? value : value !== undefined) return value!;
      const v = arg();
      env.set(e.name, v);
      return v;
    }
    case ':+': return value ? arg() : '';
    case '+': return value !== undefined ? arg() : '';
    case ':?': case '?':
      if (e.op === ':?' ? value : value !== undefined) return value!;
      return env.fatal(`${e.name}: ${arg() || (e.op === ':?' ? 'parameter null or not set' : 'parameter not set')}`);
    case '#': case '##': case '%': case '%%': return removeAffix(value ?? '', patArg(), e.op);
    case '/': case '//': case '/#': case '/%': {
      const text = e.arg ?? '';
      const slash = findSlash(text);
      const pat = expandPatternText(slash < 0 ? text : text.slice(0, slash), env);
      const rep = slash < 0 ? '' : expandText(text.slice(slash + 1), env, p.line ?? 0, p.quoted);
      return replacePattern(value ?? '', pat, rep, e.op);
    }
    case '^^': return (value ?? '').toUpperCase();
    case ',,': return (value ?? '').toLowerCase();
    case '^': return (value ?? '').replace(/^./, (c) => c.toUpperCase());
    case ',': return (value ?? '').replace(/^./, (c) => c.toLowerCase());
    case ':': {
      const v = value ?? '';
      const text = e.arg ?? '';
      const colon = text.indexOf(':');
      const vars = { get: (n: string) => special(n, env), set: (n: string, x: string) => env.set(n, x) };
      let off = evalArith(expandText(colon < 0 ? text : text.slice(0, colon), env, 0), vars);
      if (off < 0) off = Math.max(0, v.length + off);
      if (colon < 0) return v.slice(off);
      const len = evalArith(expandText(text.slice(colon + 1), env, 0), vars);
      if (len < 0) return v.slice(off, Math.max(off, v.length + len));
      return v.slice(off, off + len);
    }
  }
  return value ?? '';
}

function findSlash(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '/') return i;
  }
  return -1;
}

/** Expands text as the inside of a double-quoted string (here-documents, operator arguments). */
export function expandText(text: string, env: ExpandEnv, line: number, quoted = true): string {
  if (!/[$`\\'"]/.test(text)) return text;
  if (quoted) {
    const r = readDouble(`${text}"`, 0, line);
    return r.parts.map((p) => (isLiteral(p) ? p.text : expandPart(p, env))).join('');
  }
  const words = lex(text, line).tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : []));
  return words.map((w) => expandString(w, env)).join(' ');
}

function expandPatternText(text: string, env: ExpandEnv): string {
  if (!/[$`\\'"]/.test(text)) return text;
  const words = lex(text).tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : []));
  return words.map((w) => expandPattern(w, env)).join(' ');
}

/** Brace expansion of unquoted literal text: `{1..3}`, `{a,b}`, `ns{1..2}-{x,y}`. */
export function braceExpand(word: Word): Word[] {
  for (let k = 0; k < word.parts.length; k++) {
    const p = word.parts[k];
    if (!isLiteral(p) || p.quoted || !p.text.includes('{')) continue;
    const found = findBrace(p.text);
    if (!found) continue;
    const { start, end, items } = found;
    const out: Word[] = [];
    for (const item of items) {
      const parts = [...word.parts.slice(0, k), { text: p.text.slice(0, start) + item + p.text.slice(end + 1), quoted: false }, ...word.parts.slice(k + 1)];
      out.push(...braceExpand({ parts, line: word.line }));
      if (out.length > 10_000) break;
    }
    return out;
  }
  return [word];
}

function findBrace(s: string): { start: number; end: number; items: string[] } | undefined {
  for (let start = s.indexOf('{'); start >= 0; start = s.indexOf('{', start + 1)) {
    if (start > 0 && s[start - 1] === '$') continue;
    let depth = 0;
    let end = -1;
    const commas: number[] = [];
    for (let j = start; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}') { depth--; if (depth === 0) { end = j; break; } }
      else if (s[j] === ',' && depth === 1) commas.push(j);
    }
    if (end < 0) return undefined;
    const body = s.slice(start + 1, end);
    const seq = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body) ?? /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
    if (seq) {
      const numeric = /\d/.test(seq[1]);
      const a = numeric ? Number(seq[1]) : seq[1].charCodeAt(0);
      const b = numeric ? Number(seq[2]) : seq[2].charCodeAt(0);
      const step = Math.abs(Number(seq[3] ?? 1)) || 1;
      if (Math.abs(b - a) / step > 10_000) return undefined;
      const width = numeric && /^-?0\d/.test(seq[1]) ? seq[1].length : 0;
      const items: string[] = [];
      for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) items.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
      return { start, end, items };
    }
    if (commas.length) {
      const items: string[] = [];
      let from = start + 1;
      for (const c of [...commas, end]) { items.push(s.slice(from, c)); from = c + 1; }
      return { start, end, items };
    }
  }
  return undefined;
}
