/** `test` / `[ … ]` and `[[ … ]]` expressions. Status 0 true, 1 false, 2 usage error. */
import { globMatch } from './pattern';

export interface TestEnv {
  /** What a path is, as far as the script's world knows: a file, a directory, or nothing. */
  stat(path: string): 'file' | 'dir' | undefined;
  isSet(name: string): boolean;
  error(message: string): void;
}

class TestError extends Error {}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '=~']);

/**
 * Evaluates `args` (without the brackets). `extended` is `[[ ]]`: `==`/`!=` match globs
 * (patterns marked in `patterns`), `=~` matches a regular expression, `&&`/`||` combine.
 */
export function evalTest(name: string, args: string[], env: TestEnv, extended = false, patterns?: Set<number>): number {
  let p = 0;
  const peek = (k = 0) => args[p + k];
  const orOp = extended ? '||' : '-o';
  const andOp = extended ? '&&' : '-a';
  const integer = (s: string): number => {
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
    return Number(t);
  };

  const primary = (): boolean => {
    const a = peek();
    if (a === undefined) throw new TestError('argument expected');
    if (a === '!' && p + 1 < args.length) { p++; return !primary(); }
    if (a === '(' && args.length - p > 2) {
      p++;
      const v = or();
      if (peek() !== ')') throw new TestError("`)' expected");
      p++;
      return v;
    }
    const b = peek(1);
    if (b !== undefined && BINARY.has(b) && p + 2 < args.length + (extended ? 0 : 0) && args[p + 2] !== undefined) {
      const c = args[p + 2];
      const rIndex = p + 2;
      p += 3;
      switch (b) {
        case '=': case '==': return extended && patterns?.has(rIndex) ? globMatch(c, a) : a === c;
        case '!=': return extended && patterns?.has(rIndex) ? !globMatch(c, a) : a !== c;
        case '<': return a < c;
        case '>': return a > c;
        case '-eq': return integer(a) === integer(c);
        case '-ne': return integer(a) !== integer(c);
        case '-lt': return integer(a) < integer(c);
        case '-le': return integer(a) <= integer(c);
        case '-gt': return integer(a) > integer(c);
        case '-ge': return integer(a) >= integer(c);
        case '=~': {
          if (c.length > 200 || a.length > 10_000) return false;
          try { return new RegExp(c).test(a); } catch { throw new TestError(`${c}: invalid regular expression`); }
        }
        default: return false;
      }
    }
    if (b !== undefined && (a === '-z' || a === '-n') && (extended || args.length - p <= 2 || BINARY.has(args[p + 2] ?? '') === false)) {
      p += 2;
      return a === '-z' ? b === '' : b !== '';
    }
    if (b !== undefined && UNARY_FILE.has(a) && !(a === '-a' && p > 0)) {
      p += 2;
      const s = env.stat(b);
      if (a === '-d') return s === 'dir';
      if (a === '-f' || a === '-s') return s === 'file';
      if (a === '-L' || a === '-h' || a === '-b' || a === '-c' || a === '-p' || a === '-S') return false;
      return s !== undefined;
    }
    if (b !== undefined && a === '-v') { p += 2; return env.isSet(b); }
    if (b !== undefined && a === '-t') { p += 2; return false; }
    p++;
    return a !== '';
  };
  const and = (): boolean => {
    let v = primary();
    while (peek() === andOp) { p++; const r = primary(); v = v && r; }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (peek() === orOp) { p++; const r = and(); v = v || r; }
    return v;
  };

  try {
    if (!args.length) return 1;
    const v = or();
    if (p < args.length) throw new TestError(`${args[p]}: ${extended ? 'syntax error in conditional expression' : 'too many arguments'}`);
    return v ? 0 : 1;
  } catch (e) {
    env.error(`${name}: ${e instanceof TestError ? e.message : 'syntax error'}`);
    return 2;
  }
}
