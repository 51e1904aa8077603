/**
 * The text filters scripts put in pipes and `$(…)` around network queries
 * (`ip netns list | grep -q red`, `$(ip -o link | awk '{print $2}' | cut -d: -f1)`):
 * `grep`, `wc`, `head`, `tail`, `cut`, `sort`, `uniq`, `tr`, and `awk '{print $N}'`.
 * They read the command's input (or a file of the script) and write its output.
 */
import type { Builtin } from './builtins';

function input<S>(sh: Parameters<Builtin<S>>[0], ctx: Parameters<Builtin<S>>[2], files: string[]): string {
  if (!files.length) {
    const text = ctx.stdin.text.slice(ctx.stdin.pos);
    ctx.stdin.pos = ctx.stdin.text.length;
    return text;
  }
  return files.map((f) => sh.findFile(f)?.[1] ?? '').join('');
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const emit = (ls: string[]) => (ls.length ? `${ls.join('\n')}\n` : '');

/** A basic or extended regular expression as JavaScript reads it (the common subset). */
function regex(pat: string, extended: boolean, fixed: boolean, flags: string): RegExp | undefined {
  let src = pat;
  if (fixed) src = pat.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  else if (!extended) src = basicToExtended(pat);
  src = src.replace(/\\</g, '\\b').replace(/\\>/g, '\\b');
  if (src.length > 500) return undefined;
  try { return new RegExp(src, flags); } catch { return undefined; }
}

/** In a basic expression `\(` `\|` … are operators and bare `(` `|` … are literal: the other way round. */
function basicToExtended(pat: string): string {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\' && i + 1 < pat.length) {
      const n = pat[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

const grep: Builtin<unknown> = (sh, argv, ctx) => {
  let quiet = false; let invert = false; let count = false; let word = false; let whole = false; let ext = argv[0] === 'egrep'; let fixed = argv[0] === 'fgrep'; let icase = false; let only = false;
  const rest: string[] = [];
  const patterns: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-e') { patterns.push(argv[++k] ?? ''); continue; }
    if (a === '--') { rest.push(...argv.slice(k + 1)); break; }
    if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'q' || f === 's') quiet = quiet || f === 'q';
        else if (f === 'v') invert = true; else if (f === 'c') count = true; else if (f === 'w') word = true; else if (f === 'x') whole = true;
        else if (f === 'E') ext = true; else if (f === 'F') fixed = true; else if (f === 'i') icase = true; else if (f === 'o') only = true;
      }
      continue;
    }
    rest.push(a);
  }
  if (!patterns.length) { if (!rest.length) { sh.diag('error', 'grep: no pattern'); return 2; } patterns.push(rest.shift()!); }
  const res = patterns.map((p) => regex(whole ? `^(?:${p})$` : word ? `\\b(?:${p})\\b` : p, ext || whole || word, fixed && !whole && !word, icase ? 'i' : ''));
  if (res.some((r) => !r)) { sh.diagAt('warning', `grep pattern ${JSON.stringify(clip(patterns.join(' ')))} is not understood by the importer; it is taken as matching no line`, 'text-filter', 'grep'); return 1; }
  const matched = lines(input(sh, ctx, rest)).filter((l) => res.some((r) => r!.test(l)) !== invert);
  if (!quiet) ctx.out?.(count ? `${matched.length}\n` : only ? emit(matched.flatMap((l) => l.match(new RegExp(res[0]!.source, `g${icase ? 'i' : ''}`)) ?? [])) : emit(matched));
  return matched.length ? 0 : 1;
};

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

/**
 * `sed`: one `s/RE/TEXT/[g]` expression (basic or `-E`) is run on the input; any other
 * program, and `sed -i` on a file, is not: said with its column, the output taken as empty.
 */
const sed: Builtin<unknown> = (sh, argv, ctx) => {
  let ext = false; let inPlace = false; let quiet = false;
  const exprs: string[] = [];
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-e' || a === '--expression') { exprs.push(argv[++k] ?? ''); continue; }
    if (/^-[Ernsiu]+$/.test(a)) { ext ||= /[Er]/.test(a); inPlace ||= a.includes('i'); quiet ||= a.includes('n'); continue; }
    if (a.startsWith('-i') || a.startsWith('--in-place')) { inPlace = true; continue; }
    if (a === '-E' || a === '--regexp-extended') { ext = true; continue; }
    if (!exprs.length && files.length === 0 && !a.startsWith('-')) { exprs.push(a); continue; }
    files.push(a);
  }
  const prog = exprs.join('; ');
  const m = exprs.length === 1 && !quiet && !inPlace ? /^s(.)((?:(?!\1)[^\\]|\\.)*)\1((?:(?!\1)[^\\]|\\.)*)\1(g?)$/.exec(prog) : null;
  const re = m ? regex(m[2], ext, false, m[4]) : undefined;
  if (!m || !re) {
    input(sh, ctx, inPlace ? [] : files);
    const assumed = inPlace ? `${files.length > 1 ? 'the files' : 'the file'} ${files.join(' ')} ${files.length > 1 ? 'are' : 'is'} left as ${files.length > 1 ? 'they are' : 'it is'}` : 'it is taken to print nothing';
    sh.diagAt('warning', `sed program ${JSON.stringify(clip(prog))} is not run by the importer (only one s/…/…/ on a pipe is); ${assumed}`, 'text-filter', 'sed');
    return 0;
  }
  const text = m[3];
  // sed's replacement: `&` is the match, `\1`…`\9` the groups, `\n` a newline, `\X` is X.
  const replace = (match: string, ...rest: unknown[]) => {
    let out = '';
    for (let k = 0; k < text.length; k++) {
      const c = text[k];
      if (c === '&') { out += match; continue; }
      if (c !== '\\' || k + 1 >= text.length) { out += c; continue; }
      const d = text[++k];
      out += /[1-9]/.test(d) ? String(rest[Number(d) - 1] ?? '') : d === 'n' ? '\n' : d;
    }
    return out;
  };
  ctx.out?.(emit(lines(input(sh, ctx, files)).map((l) => l.replace(re, replace))));
  return 0;
};

export const TEXT_TOOLS: Record<string, Builtin<unknown>> = {
  sed,
  grep,
  egrep: grep,
  fgrep: grep,
  wc: (sh, argv, ctx) => {
    const files = argv.slice(1).filter((a) => !a.startsWith('-'));
    const text = input(sh, ctx, files);
    const flag = argv.find((a) => /^-[lwc]$/.test(a));
    const n = flag === '-w' ? text.split(/\s+/).filter(Boolean).length : flag === '-c' ? text.length : lines(text).length;
    ctx.out?.(`${n}\n`);
    return 0;
  },
  head: (sh, argv, ctx) => headTail(sh, argv, ctx, true),
  tail: (sh, argv, ctx) => headTail(sh, argv, ctx, false),
  cut: (sh, argv, ctx) => {
    let delim = '\t';
    let fields = '';
    let chars = '';
    const files: string[] = [];
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a.startsWith('-d')) delim = a.length > 2 ? a.slice(2) : argv[++k] ?? '\t';
      else if (a.startsWith('-f')) fields = a.length > 2 ? a.slice(2) : argv[++k] ?? '';
      else if (a.startsWith('-c') || a.startsWith('-b')) chars = a.length > 2 ? a.slice(2) : argv[++k] ?? '';
      else if (!a.startsWith('-')) files.push(a);
    }
    const want = (i: number, list = fields) => list.split(',').some((r) => { const [a, b] = r.split('-'); const lo = a ? Number(a) : 1; const hi = b === undefined ? lo : b ? Number(b) : Infinity; return i >= lo && i <= hi; });
    // `cut -c LIST`: characters by position (one byte each in the ASCII names scripts use).
    if (chars) { ctx.out?.(emit(lines(input(sh, ctx, files)).map((l) => [...l].filter((_, i) => want(i + 1, chars)).join('')))); return 0; }
    ctx.out?.(emit(lines(input(sh, ctx, files)).map((l) => (l.includes(delim) ? l.split(delim).filter((_, i) => want(i + 1)).join(delim) : l))));
    return 0;
  },
  sort: (sh, argv, ctx) => {
    let ls = lines(input(sh, ctx, argv.slice(1).filter((a) => !a.startsWith('-'))));
    ls = argv.includes('-n') ? ls.sort((a, b) => parseFloat(a) - parseFloat(b)) : ls.sort();
    if (argv.includes('-r')) ls.reverse();
    if (argv.includes('-u')) ls = ls.filter((l, i) => ls.indexOf(l) === i);
    ctx.out?.(emit(ls));
    return 0;
  },
  uniq: (sh, argv, ctx) => {
    const ls = lines(input(sh, ctx, argv.slice(1).filter((a) => !a.startsWith('-'))));
    ctx.out?.(emit(ls.filter((l, i) => i === 0 || ls[i - 1] !== l)));
    return 0;
  },
  tr: (sh, argv, ctx) => {
    const args = argv.slice(1);
    const del = args[0] === '-d';
    const sets = args.filter((a) => !a.startsWith('-') || a.length === 1);
    const expandSet = (s: string) => s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/(.)-(.)/g, (_m, a: string, b: string) => { let o = ''; for (let c = a.charCodeAt(0); c <= b.charCodeAt(0) && o.length < 256; c++) o += String.fromCharCode(c); return o; });
    const from = expandSet(sets[0] ?? '');
    const to = expandSet(sets[1] ?? '');
    const text = input(sh, ctx, []);
    ctx.out?.([...text].map((c) => { const i = from.indexOf(c); return i < 0 ? c : del ? '' : to[Math.min(i, to.length - 1)] ?? ''; }).join(''));
    return 0;
  },
  awk: (sh, argv, ctx) => {
    let sep: string | undefined;
    const args: string[] = [];
    for (let k = 1; k < argv.length; k++) {
      if (argv[k].startsWith('-F')) sep = argv[k].length > 2 ? argv[k].slice(2) : argv[++k];
      else args.push(argv[k]);
    }
    const m = /^\s*(?:\/([^/]*)\/\s*)?\{\s*print\s+((?:\$\d+|NF|\$NF)(?:\s*,\s*(?:\$\d+|\$NF))*)\s*;?\s*\}\s*$/.exec(args[0] ?? '');
    if (!m) {
      input(sh, ctx, args.slice(1));
      sh.diagAt('warning', `awk program ${JSON.stringify(clip(args[0] ?? ''))} is not run by the importer (only '{print $N}' is); it is taken to print nothing`, 'text-filter', 'awk');
      return 0;
    }
    const filter = m[1] !== undefined ? regex(m[1], true, false, '') : undefined;
    const cols = m[2].split(',').map((c) => c.trim());
    const out = lines(input(sh, ctx, args.slice(1))).filter((l) => !filter || filter.test(l)).map((l) => {
      const f = sep === undefined ? l.trim().split(/\s+/) : l.split(sep.length === 1 ? sep : new RegExp(sep));
      return cols.map((c) => (c === 'NF' ? String(f.length) : c === '$NF' ? f[f.length - 1] : c === '$0' ? l : f[Number(c.slice(1)) - 1] ?? '')).join(' ');
    });
    ctx.out?.(emit(out));
    return 0;
  },
};

function headTail(sh: Parameters<Builtin<unknown>>[0], argv: string[], ctx: Parameters<Builtin<unknown>>[2], head: boolean): number {
  let n = 10;
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-n') n = Number(argv[++k]) || 0;
    else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ''));
    else if (!a.startsWith('-')) files.push(a);
  }
  const ls = lines(input(sh, ctx, files));
  ctx.out?.(emit(head ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n))));
  return 0;
}
