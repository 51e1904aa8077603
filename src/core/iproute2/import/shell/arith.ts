/**
 * Bash arithmetic (`$((…))`, `((…))`, `let`, C-style `for`): integers, variables by name,
 * C operators with bash's precedence, assignments, `++`/`--`, `?:`, `,`.
 * Errors are thrown as `ArithError` for the interpreter to report at its line.
 */

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '!', '~', '?', ':', '=', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9A-Za-z@_]+|[0-9]+)/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: parseNumber(num[0]) }); i += num[0].length; continue; }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) { out.push({ t: 'name', v: name[0] }); i += name[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: operand expected (error token is "${src.slice(i)}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(s: string): number {
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  const b = /^([0-9]+)#(.+)$/.exec(s);
  if (b) {
    const base = Number(b[1]);
    if (base < 2 || base > 64) throw new ArithError(`${s}: invalid arithmetic base`);
    const v = parseInt(b[2], base);
    if (Number.isNaN(v)) throw new ArithError(`${s}: value too great for base`);
    return v;
  }
  if (s.length > 1 && s[0] === '0') {
    if (/[89]/.test(s)) throw new ArithError(`${s}: value too great for base (error token is "${s}")`);
    return parseInt(s, 8);
  }
  return Number(s);
}

const toInt = (x: number): number => (Number.isFinite(x) ? Math.trunc(x) : 0);

/** Evaluates an arithmetic expression; `depth` bounds variables that refer to expressions. */
export function evalArith(src: string, vars: ArithVars, depth = 0): number {
  if (depth > 64) throw new ArithError('expression recursion level exceeded');
  if (!src.trim()) return 0;
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => { const t = toks[p]; return !!t && t.t === 'op' && t.v === v; };
  const varValue = (name: string): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?[0-9]+\s*$/.test(raw)) return Number(raw.trim());
    return evalArith(raw, vars, depth + 1);
  };

  // Each level returns a value and, for a bare name, the name (for assignment / ++).
  type R = { v: number; name?: string };
  const comma = (): R => {
    let r = assign();
    while (isOp(',')) { p++; r = assign(); }
    return r;
  };
  const assign = (): R => {
    const start = p;
    const t = peek();
    if (t && t.t === 'name') {
      const n = toks[p + 1];
      if (n && n.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].includes(n.v)) {
        p += 2;
        const rhs = assign().v;
        const cur = n.v === '=' ? 0 : varValue(t.v);
        const v = n.v === '=' ? rhs : binary(n.v.slice(0, -1), cur, rhs);
        vars.set(t.v, String(v));
        return { v };
      }
    }
    p = start;
    return ternary();
  };
  const ternary = (): R => {
    const c = bin(0);
    if (!isOp('?')) return c;
    p++;
    const a = assign();
    if (!isOp(':')) throw new ArithError('`:\' expected for conditional expression');
    p++;
    const b = assign();
    return { v: c.v ? a.v : b.v };
  };
  const LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const bin = (level: number): R => {
    if (level >= LEVELS.length) return power();
    let left = bin(level + 1);
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'op' || !LEVELS[level].includes(t.v)) return left;
      p++;
      if (t.v === '&&' && !left.v) { bin(level + 1); left = { v: 0 }; continue; }
      if (t.v === '||' && left.v) { bin(level + 1); left = { v: 1 }; continue; }
      const right = bin(level + 1);
      left = { v: binary(t.v, left.v, right.v) };
    }
  };
  const power = (): R => {
    const base = unary();
    if (isOp('**')) {
      p++;
      const e = power().v;
      if (e < 0) throw new ArithError('exponent less than 0');
      return { v: toInt(base.v ** e) };
    }
    return base;
  };
  const unary = (): R => {
    const t = peek();
    if (t && t.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        p++;
        const n = peek();
        if (!n || n.t !== 'name') throw new ArithError('syntax error: operand expected');
        p++;
        const v = varValue(n.v) + (t.v === '++' ? 1 : -1);
        vars.set(n.v, String(v));
        return { v };
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        p++;
        const v = unary().v;
        return { v: t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v };
      }
    }
    return postfix();
  };
  const postfix = (): R => {
    const r = primary();
    if (r.name && (isOp('++') || isOp('--'))) {
      const inc = isOp('++') ? 1 : -1;
      p++;
      vars.set(r.name, String(r.v + inc));
      return { v: r.v };
    }
    return r;
  };
  const primary = (): R => {
    const t = peek();
    if (!t) throw new ArithError('syntax error: operand expected');
    p++;
    if (t.t === 'num') return { v: t.v };
    if (t.t === 'name') return { v: varValue(t.v), name: t.v };
    if (t.v === '(') {
      const r = comma();
      if (!isOp(')')) throw new ArithError('missing `)\'');
      p++;
      return { v: r.v };
    }
    throw new ArithError(`syntax error: operand expected (error token is "${t.v}")`);
  };

  const r = comma();
  if (p < toks.length) {
    const t = toks[p];
    throw new ArithError(`syntax error in expression (error token is "${t.t === 'num' ? t.v : t.v}")`);
  }
  return toInt(r.v);
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return toInt(a + b);
    case '-': return toInt(a - b);
    case '*': return toInt(a * b);
    case '/': if (b === 0) throw new ArithError('division by 0'); return Math.trunc(a / b);
    case '%': if (b === 0) throw new ArithError('division by 0'); return a % b;
    case '<<': return toInt(a * 2 ** b);
    case '>>': return Math.floor(a / 2 ** b);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '&&': return a && b ? 1 : 0;
    case '||': return a || b ? 1 : 0;
  }
  throw new ArithError(`unknown operator ${op}`);
}
