/** Bash glob patterns (`case`, `${VAR#pat}`, `[[ x == pat ]]`) as regular expressions. */

/** Marks a character that came from quoted text: it matches itself, never as a glob. */
export const QUOTE_MARK = '\u0000';

/** Escapes glob characters in quoted text so a pattern built from it matches literally. */
export function quotePattern(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** The regular expression source for a glob (no anchors). */
export function globSource(pat: string, greedy = true): string {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\' && i + 1 < pat.length) { out += escapeRe(pat[++i]); continue; }
    if (c === '*') { out += greedy ? '[\\s\\S]*' : '[\\s\\S]*?'; continue; }
    if (c === '?') { out += '[\\s\\S]'; continue; }
    if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end > 0) {
        let body = pat.slice(i + 1, end);
        const neg = body[0] === '!' || body[0] === '^';
        if (neg) body = body.slice(1);
        body = body
          .replace(/\[:alpha:\]/g, 'A-Za-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:alnum:\]/g, 'A-Za-z0-9')
          .replace(/\[:space:\]/g, ' \\t\\n').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z')
          .replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\[/g, '\\[');
        out += `[${neg ? '^' : ''}${body}]`;
        i = end;
        continue;
      }
    }
    out += escapeRe(c);
  }
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Whether `s` matches the whole glob `pat`. */
export function globMatch(pat: string, s: string): boolean {
  try {
    return new RegExp(`^${globSource(pat)}$`).test(s);
  } catch {
    return pat === s;
  }
}

/** `${v#pat}` (shortest prefix), `##` (longest), `%` (shortest suffix), `%%` (longest). */
export function removeAffix(v: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  let re: RegExp;
  try {
    re = new RegExp(`^${globSource(pat)}$`);
  } catch {
    return v;
  }
  if (op === '#' || op === '##') {
    const lens = op === '#' ? range(0, v.length) : range(v.length, 0);
    for (const k of lens) if (re.test(v.slice(0, k))) return v.slice(k);
    return v;
  }
  const starts = op === '%' ? range(v.length, 0) : range(0, v.length);
  for (const k of starts) if (re.test(v.slice(k))) return v.slice(0, k);
  return v;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  if (a <= b) for (let k = a; k <= b; k++) out.push(k);
  else for (let k = a; k >= b; k--) out.push(k);
  return out;
}

/** `${v/pat/rep}`, `//` (all), `/#` (prefix), `/%` (suffix). */
export function replacePattern(v: string, pat: string, rep: string, op: '/' | '//' | '/#' | '/%'): string {
  if (!pat) return v;
  let src = globSource(pat);
  if (op === '/#') src = `^(?:${src})`;
  if (op === '/%') src = `(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, op === '//' ? 'g' : '');
  } catch {
    return v;
  }
  return v.replace(re, () => rep);
}
