/**
 * A bash lexer for the scripts people write and paste: quotes (`'…'`, `"…"`, `$'…'`), escapes,
 * comments, `\` line continuation, parameter expansions (`$VAR`, `${VAR:-x}`, `${#VAR}` …),
 * command substitution (`$(…)`, backticks) and arithmetic (`$((…))`) kept as parts to expand
 * when the command runs, operators, redirections and here-documents.
 * Never throws; problems come back as located messages.
 */

/**
 * One piece of a word. Literal text has only `text`; an expansion has one of `variable`,
 * `param`, `command` or `arith` (and `text` holds its source, for messages).
 */
export interface WordPart {
  text: string;
  /** Inside single or double quotes (no field splitting or brace expansion). */
  quoted: boolean;
  /** `$NAME` / `${NAME}` / `$1` / `$@`: the parameter to expand. */
  variable?: string;
  /** `${…}` with an operator: `${NAME:-word}`, `${#NAME}`, `${NAME:0:8}`, `${NAME#pat}` … */
  param?: ParamExpansion;
  /** `$(…)` or `` `…` ``: the command text to run. */
  command?: string;
  /** `$((…))`: the arithmetic expression. */
  arith?: string;
  /** `<(…)` / `>(…)`: a process substitution; `command` holds its text. */
  procsub?: '<' | '>';
  /** 1-based column where the part starts on `line` (process substitutions). */
  column?: number;
  /** Line where an expansion starts (command substitutions are lexed again from there). */
  line?: number;
}

export interface ParamExpansion {
  name: string;
  /** `${#NAME}`. */
  length?: boolean;
  /** `[@]`, `[*]`, `[0]` … after the name. */
  index?: string;
  /** `:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`, `:` (substring), `^^`, `,,` … */
  op?: string;
  /** The operator's argument, as source text (expanded when used). */
  arg?: string;
}

export interface Word {
  parts: WordPart[];
  line: number;
}

export type OperatorText = ';' | ';;' | ';&' | ';;&' | '&&' | '||' | '|' | '&' | '\n' | '(' | ')';

export interface HereDoc {
  body: string;
  /** The delimiter was quoted: the body is literal (no expansion). */
  literal: boolean;
}

export type Token =
  | { kind: 'word'; word: Word }
  | { kind: 'op'; op: OperatorText; line: number }
  | { kind: 'redirect'; op: string; line: number; heredoc?: HereDoc }
  /** `(( … ))` as a command or after `for`. */
  | { kind: 'arith'; text: string; line: number };

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
export function lex(text: string, firstLine = 1): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  let i = 0;
  let line = firstLine;
  const n = text.length;
  /** Here-documents whose bodies start after the current line. */
  const pending: { token: Extract<Token, { kind: 'redirect' }>; strip: boolean }[] = [];
  let awaitingDelimiter: { token: Extract<Token, { kind: 'redirect' }>; strip: boolean } | undefined;

  const peek = (k = 0) => (i + k < n ? text[i + k] : '');
  const atWordStart = () => {
    const last = tokens[tokens.length - 1];
    return !last || last.kind === 'op' || (last.kind === 'word' && ['for', 'do', 'then', 'else', '{', 'while', 'until', 'if', 'elif', '!'].includes(plain(last.word) ?? ''));
  };

  const readHereDocs = () => {
    for (const h of pending.splice(0)) {
      const delim = (h.token.heredoc as HereDoc & { delim?: string }).delim ?? '';
      let body = '';
      let closed = false;
      while (i < n) {
        const e = text.indexOf('\n', i);
        const end = e < 0 ? n : e;
        let l = text.slice(i, end);
        i = e < 0 ? n : e + 1;
        line++;
        if (h.strip) l = l.replace(/^\t+/, '');
        if (l === delim || l.replace(/\r$/, '') === delim) { closed = true; break; }
        body += `${l}\n`;
      }
      const doc = h.token.heredoc as HereDoc & { delim?: string };
      delete doc.delim;
      doc.body = body;
      if (!closed) problems.push({ line: h.token.line, level: 'warning', message: `here-document delimited by end-of-file (wanted "${delim}")` });
    }
  };

  while (i < n) {
    const c = text[i];
    if (c === '\\' && peek(1) === '\n') { i += 2; line++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: '\n', line });
      i++;
      line++;
      if (pending.length) readHereDocs();
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      if (peek(1) === ';') {
        if (peek(2) === '&') { tokens.push({ kind: 'op', op: ';;&', line }); i += 3; continue; }
        tokens.push({ kind: 'op', op: ';;', line }); i += 2; continue;
      }
      if (peek(1) === '&') { tokens.push({ kind: 'op', op: ';&', line }); i += 2; continue; }
      tokens.push({ kind: 'op', op: ';', line });
      i++;
      continue;
    }
    if (c === '&') {
      if (peek(1) === '&') { tokens.push({ kind: 'op', op: '&&', line }); i += 2; continue; }
      if (peek(1) === '>') { const op = peek(2) === '>' ? '&>>' : '&>'; i += op.length; tokens.push({ kind: 'redirect', op, line }); continue; }
      tokens.push({ kind: 'op', op: '&', line }); i++; continue;
    }
    if (c === '|') {
      if (peek(1) === '|') { tokens.push({ kind: 'op', op: '||', line }); i += 2; continue; }
      i += peek(1) === '&' ? 2 : 1;
      tokens.push({ kind: 'op', op: '|', line });
      continue;
    }
    if (c === '(' && peek(1) === '(' && atWordStart()) {
      const r = scanArith(text, i + 2);
      if (r.end >= 0) {
        tokens.push({ kind: 'arith', text: r.body, line });
        line += countNewlines(text.slice(i, r.end));
        i = r.end;
        continue;
      }
    }
    if (c === '(' || c === ')') { tokens.push({ kind: 'op', op: c, line }); i++; continue; }
    if ((c === '<' || c === '>') && peek(1) === '(') {
      // `<(cmd)` / `>(cmd)`: a process substitution is a word (a file name), not a redirection.
      const close = scanParen(text, i + 2);
      if (close >= 0) {
        const column = i - text.lastIndexOf('\n', i - 1);
        const src = text.slice(i, close + 1);
        tokens.push({ kind: 'word', word: { parts: [{ text: src, quoted: false, command: text.slice(i + 2, close), procsub: c, line, column }], line } });
        line += countNewlines(src);
        i = close + 1;
        continue;
      }
    }
    if (c === '>' || c === '<' || (/[0-9]/.test(c) && (peek(1) === '>' || peek(1) === '<'))) {
      let op = '';
      if (/[0-9]/.test(c)) op += text[i++];
      op += text[i++];
      if (op.endsWith('<') && text[i] === '<') {
        op += text[i++];
        if (text[i] === '<') op += text[i++];
        else if (text[i] === '-') op += text[i++];
      } else if (i < n && (text[i] === '>' || text[i] === '&' || text[i] === '|' || (op.endsWith('<') && text[i] === '>'))) op += text[i++];
      const tok: Extract<Token, { kind: 'redirect' }> = { kind: 'redirect', op, line };
      if (/<<-?$/.test(op)) {
        tok.heredoc = { body: '', literal: false };
        awaitingDelimiter = { token: tok, strip: op.endsWith('-') };
      }
      tokens.push(tok);
      continue;
    }
    // A word: runs until an unquoted metacharacter.
    const r = readWord(text, i, line, problems);
    tokens.push({ kind: 'word', word: r.word });
    line = r.line;
    i = r.end;
    if (awaitingDelimiter) {
      const doc = awaitingDelimiter.token.heredoc as HereDoc & { delim?: string };
      doc.delim = r.word.parts.map((p) => p.text).join('');
      doc.literal = r.word.parts.some((p) => p.quoted);
      pending.push(awaitingDelimiter);
      awaitingDelimiter = undefined;
    }
  }
  if (pending.length) readHereDocs();
  return { tokens, problems };
}

/** The text of a word that is one unquoted literal (a reserved word candidate). */
export function plain(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  if (p.quoted || p.variable !== undefined || p.param || p.command !== undefined || p.arith !== undefined) return undefined;
  return p.text;
}

/** Reads one word starting at `i`. */
function readWord(text: string, start: number, startLine: number, problems: LexProblem[]): { word: Word; end: number; line: number } {
  const n = text.length;
  let i = start;
  let line = startLine;
  const parts: WordPart[] = [];
  const lit = (s: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last && isLiteral(last) && last.quoted === quoted) last.text += s;
    else parts.push({ text: s, quoted });
  };
  let closedQuotes = false;
  while (i < n && !META.has(text[i])) {
    const ch = text[i];
    if (ch === '\\') {
      if (text[i + 1] === '\n') { i += 2; line++; continue; }
      if (i + 1 < n) lit(text[i + 1], true);
      i += 2;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) {
        problems.push({ line, level: 'error', message: "unexpected EOF while looking for matching `''" });
        lit(text.slice(i + 1), true);
        line += countNewlines(text.slice(i));
        i = n;
        break;
      }
      const body = text.slice(i + 1, end);
      line += countNewlines(body);
      lit(body, true);
      closedQuotes = true;
      i = end + 1;
      continue;
    }
    if (ch === '$' && text[i + 1] === "'") {
      const r = readAnsiC(text, i + 2);
      line += countNewlines(text.slice(i, r.end));
      lit(r.text, true);
      closedQuotes = true;
      i = r.end;
      continue;
    }
    if (ch === '"') {
      const r = readDouble(text, i + 1, line);
      for (const p of r.parts) {
        if (isLiteral(p)) lit(p.text, true);
        else parts.push(p);
      }
      if (!r.closed) problems.push({ line, level: 'error', message: 'unexpected EOF while looking for matching `"\'' });
      closedQuotes = true;
      line = r.line;
      i = r.end;
      continue;
    }
    if (ch === '$' || ch === '`') {
      const r = readDollar(text, i, line, false);
      if (isLiteral(r.part)) lit(r.part.text, false);
      else parts.push(r.part);
      if (r.problem) problems.push({ line, level: 'error', message: r.problem });
      line += countNewlines(text.slice(i, r.end));
      i = r.end;
      continue;
    }
    lit(ch, false);
    i++;
  }
  const cleaned = parts.filter((p) => p.text !== '' || !isLiteral(p));
  if (!cleaned.length && closedQuotes) cleaned.push({ text: '', quoted: true });
  if (!cleaned.length) cleaned.push({ text: '', quoted: true });
  return { word: { parts: cleaned, line: startLine }, end: i, line };
}

export function isLiteral(p: WordPart): boolean {
  return p.variable === undefined && !p.param && p.command === undefined && p.arith === undefined;
}

function countNewlines(s: string): number {
  let k = 0;
  for (let j = 0; j < s.length; j++) if (s[j] === '\n') k++;
  return k;
}

/** `$'…'`: backslash escapes as bash's ANSI-C quoting reads them. */
function readAnsiC(text: string, start: number): { text: string; end: number } {
  let out = '';
  let i = start;
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  while (i < text.length && text[i] !== "'") {
    if (text[i] === '\\' && i + 1 < text.length) {
      const e = text[i + 1];
      if (map[e] !== undefined) { out += map[e]; i += 2; continue; }
      const x = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(i + 1, i + 4));
      if (x) { out += String.fromCharCode(parseInt(x[1], 16)); i += 1 + x[0].length; continue; }
      const o = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
      if (o) { out += String.fromCharCode(parseInt(o[0], 8)); i += 1 + o[0].length; continue; }
      out += `\\${e}`;
      i += 2;
      continue;
    }
    out += text[i++];
  }
  return { text: out, end: Math.min(i + 1, text.length) };
}

/** Reads a double-quoted string body starting after the opening quote. */
export function readDouble(text: string, start: number, line: number): { parts: WordPart[]; end: number; line: number; closed: boolean } {
  const parts: WordPart[] = [];
  let buf = '';
  let i = start;
  const flush = () => { if (buf) parts.push({ text: buf, quoted: true }); buf = ''; };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') { flush(); return { parts, end: i + 1, line, closed: true }; }
    if (ch === '\n') line++;
    if (ch === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
      if (text[i + 1] === '\n') line++;
      else buf += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$' || ch === '`') {
      const r = readDollar(text, i, line, true);
      if (isLiteral(r.part)) buf += r.part.text;
      else { flush(); parts.push(r.part); }
      line += countNewlines(text.slice(i, r.end));
      i = r.end;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return { parts, end: i, line, closed: false };
}

/** Finds the `))` closing an arithmetic expression whose body starts at `from`; -1 if none. */
function scanArith(text: string, from: number): { body: string; end: number } {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return text[j + 1] === ')' ? { body: text.slice(from, j), end: j + 2 } : { body: '', end: -1 };
      depth--;
    } else if (ch === '\n' && depth === 0 && j - from > 500) break;
  }
  return { body: '', end: -1 };
}

/** Finds the `)` closing `$(` whose body starts at `from`, skipping quotes and nested parens. */
function scanParen(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') { j++; continue; }
    if (ch === "'") { const e = text.indexOf("'", j + 1); if (e < 0) return -1; j = e; continue; }
    if (ch === '"') {
      for (j++; j < text.length && text[j] !== '"'; j++) if (text[j] === '\\') j++;
      continue;
    }
    if (ch === '#' && (j === from || /\s/.test(text[j - 1]))) { while (j < text.length && text[j] !== '\n') j++; continue; }
    if (ch === '(') depth++;
    else if (ch === ')') { if (depth === 0) return j; depth--; }
  }
  return -1;
}

/** Finds the `}` closing `${` whose body starts at `from`. */
function scanBrace(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') { j++; continue; }
    if (ch === "'" && depth >= 0) { const e = text.indexOf("'", j + 1); if (e >= 0 && !text.slice(j, e).includes('\n')) { j = e; continue; } }
    if (ch === '{') depth++;
    else if (ch === '}') { if (depth === 0) return j; depth--; }
    else if (ch === '\n' && j - from > 1000) return -1;
  }
  return -1;
}

const PARAM_OPS = [':-', ':=', ':+', ':?', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', '^', ',', ':'];

/** Reads `$NAME`, `${…}`, `$(…)`, `$((…))`, `` `…` `` or a lone `$` at `i`. */
function readDollar(text: string, i: number, line: number, quoted: boolean): { part: WordPart; end: number; problem?: string } {
  if (text[i] === '`') {
    let j = i + 1;
    let body = '';
    for (; j < text.length && text[j] !== '`'; j++) {
      if (text[j] === '\\' && '$`\\'.includes(text[j + 1] ?? '')) { body += text[++j]; continue; }
      body += text[j];
    }
    if (j >= text.length) return { part: { text: text.slice(i), quoted }, end: text.length, problem: 'unexpected EOF while looking for matching ``\'' };
    return { part: { text: text.slice(i, j + 1), quoted, command: body, line }, end: j + 1 };
  }
  const next = text[i + 1] ?? '';
  if (next === '(') {
    if (text[i + 2] === '(') {
      const r = scanArith(text, i + 3);
      if (r.end >= 0) return { part: { text: text.slice(i, r.end), quoted, arith: r.body, line }, end: r.end };
    }
    const close = scanParen(text, i + 2);
    if (close < 0) return { part: { text: text.slice(i), quoted }, end: text.length, problem: "unexpected EOF while looking for matching `)'" };
    return { part: { text: text.slice(i, close + 1), quoted, command: text.slice(i + 2, close), line }, end: close + 1 };
  }
  if (next === '{') {
    const close = scanBrace(text, i + 2);
    if (close < 0) return { part: { text: '$', quoted }, end: i + 1 };
    const body = text.slice(i + 2, close);
    const src = text.slice(i, close + 1);
    const end = close + 1;
    if (/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[#?@*$!-])$/.test(body)) return { part: { text: src, quoted, variable: body }, end };
    let m = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(\[[^\]]*\])?$/.exec(body);
    if (m) return { part: { text: src, quoted, param: { name: m[1], length: true, index: m[2]?.slice(1, -1) } }, end };
    m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[#?@*$!-])(\[[^\]]*\])?/.exec(body);
    if (!m) return { part: { text: src, quoted }, end, problem: `${src}: bad substitution` };
    const restBody = body.slice(m[0].length);
    const param: ParamExpansion = { name: m[1] };
    if (m[2]) param.index = m[2].slice(1, -1);
    if (restBody) {
      const op = PARAM_OPS.find((o) => restBody.startsWith(o));
      if (!op) return { part: { text: src, quoted }, end, problem: `${src}: bad substitution` };
      param.op = op;
      param.arg = restBody.slice(op.length);
    }
    return { part: { text: src, quoted, param }, end };
  }
  if (NAME_START.test(next)) {
    let j = i + 1;
    while (j < text.length && NAME_CHAR.test(text[j])) j++;
    return { part: { text: text.slice(i, j), quoted, variable: text.slice(i + 1, j) }, end: j };
  }
  if (next !== '' && /[0-9?#@*$!-]/.test(next)) {
    return { part: { text: text.slice(i, i + 2), quoted, variable: next }, end: i + 2 };
  }
  return { part: { text: '$', quoted }, end: i + 1 };
}
