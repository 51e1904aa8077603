/**
 * A bash interpreter for network setup scripts. It runs the parsed script with bash's
 * semantics (variables, functions, `source`, control flow, `set -e`, exit statuses, pipes and
 * redirections into a virtual filesystem) and hands every command that is not a shell
 * builtin or a function to its host, which acts on the design. It never touches the real
 * filesystem or network, never uses JavaScript `eval`, stops at a step limit, and never
 * throws: every problem is a diagnostic at a file and line.
 */
import { ArithError, evalArith } from './arith';
import { expandPattern, expandString, expandText, expandWords, type ExpandEnv } from './expand';
import { lex, type Word } from './lexer';
import { parse, type AndOr, type Command, type List, type Pipeline, type Redirect, type SimpleCommand } from './parser';
import { globMatch } from './pattern';
import { evalTest } from './test-builtin';
import { builtin, type Builtin } from './builtins';

export type Level = 'error' | 'warning' | 'info';

export interface Location { file: string; line: number; column?: number }

/** How a command is being run, handed to the host. */
export interface CommandIo<S> {
  scope: S;
  stdin: string;
  out(text: string): void;
  /** In a condition (`if`, `while`, left of `&&`/`||`, after `!`): a failure is expected. */
  checked: boolean;
}

/** What the interpreter needs from the world it runs in. */
export interface ShellHost<S> {
  /** Runs a command that is neither a function nor a builtin; returns its exit status. */
  run(argv: string[], io: CommandIo<S>, shell: Shell<S>): number;
  /** A write into a file of the machine (`/proc/sys/…`); undefined if the path is not one. */
  writeMachineFile(path: string, text: string, scope: S): number | undefined;
  /** What a path is on the machine (`/sys/class/net/X`, `/run/netns/X`), if known. */
  stat(path: string, scope: S): 'file' | 'dir' | undefined;
  diag(level: Level, message: string, code: string, at: Location): void;
  /** Sets the location of the command being run (for diagnostics the host makes itself). */
  at(loc: Location): void;
}

export interface ShellLimits {
  /** Commands (and loop iterations) run before the script is stopped. */
  steps: number;
  /** Nested function calls. */
  depth: number;
  /** Characters one expansion may produce. */
  chars: number;
}

export const DEFAULT_LIMITS: ShellLimits = { steps: 100_000, depth: 200, chars: 1_000_000 };

class Break { constructor(readonly levels: number) {} }
class Continue { constructor(readonly levels: number) {} }
class Return { constructor(readonly status: number) {} }
/** `exit`, `set -e` or a fatal expansion error: unwinds to the script (or subshell) top. */
export class Exit { constructor(readonly status: number) {} }
/** The step limit: unwinds everything. */
class Limit { constructor(readonly message: string) {} }

interface Ctx<S> {
  scope: S;
  stdin: { text: string; pos: number };
  out: ((text: string) => void) | undefined;
  checked: boolean;
  /** Inside a function, a subshell or a command substitution: bash's ERR trap does not fire. */
  trapOff: boolean;
  loopDepth: number;
  inFunction: boolean;
}

interface Frame { locals: Map<string, string | undefined> }

export interface RunOutcome {
  status: number;
  /** The script stopped early: `exit`, `set -e`, a fatal error or the step limit. */
  stopped?: { line: number; file: string; reason: 'exit' | 'errexit' | 'limit' | 'fatal' | 'syntax' };
}

/** One interpreter: shell variables, functions, options and files, shared by nested runs. */
export class Shell<S> {
  readonly vars = new Map<string, string>();
  readonly arrays = new Map<string, string[]>();
  readonly readonlyNames = new Set<string>();
  readonly functions = new Map<string, Command>();
  /** The script's files: companions given by the user and files it wrote (`cat > f <<EOF`). */
  readonly files = new Map<string, string>();
  positional: string[] = [];
  options = { errexit: false, pipefail: false, nounset: false, xtrace: false };
  status = 0;
  loc: Location = { file: 'script', line: 0 };
  steps = 0;
  private stepCap = Number.POSITIVE_INFINITY;
  /** Lines where bash's ERR trap would fire: failing commands that are not tested. */
  readonly trapped: Location[] = [];
  private frames: Frame[] = [];
  private depth = 0;
  private sourceDepth = 0;
  private randomState = 12345;
  private readonly warnedUnset = new Set<string>();

  constructor(readonly host: ShellHost<S>, readonly limits: ShellLimits = DEFAULT_LIMITS) {
    this.vars.set('IFS', ' \t\n');
    this.vars.set('HOME', '/root');
    this.vars.set('PWD', '/root');
    this.vars.set('USER', 'root');
    this.vars.set('UID', '0');
    this.vars.set('EUID', '0');
    this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  }

  /** Runs a script file. Never throws. */
  runScript(text: string, file: string, args: string[], scope: S, out?: (text: string) => void): RunOutcome {
    this.positional = [...args];
    this.vars.set('0', file);
    this.texts.set(file, text);
    const outcome = this.top(text, file, scope, 1, out);
    const trap = this.exitTrap;
    if (trap === undefined) return outcome;
    // bash runs the EXIT trap once, when the script ends (its end, `exit`, or `set -e`);
    // `$?` in it is the script's status, and the script keeps that status unless the
    // handler itself calls `exit`.
    this.exitTrap = undefined;
    this.status = outcome.status;
    this.exitReason = undefined;
    const ran = this.top(trap.text, trap.file, scope, trap.line, out);
    return ran.stopped?.reason === 'exit' || ran.stopped?.reason === 'errexit' ? { ...outcome, status: ran.status } : outcome;
  }

  /** The EXIT trap's handler (`trap cleanup EXIT`); `undefined` resets it (`trap - EXIT`). */
  private exitTrap: { text: string; file: string; line: number } | undefined;

  setExitTrap(text: string | undefined): void {
    this.exitTrap = text === undefined || text === '' ? undefined : { text, file: this.loc.file, line: this.loc.line };
  }

  /** Runs `sh -c TEXT` / `bash -c TEXT` text in a scope, as a child shell, at the current line. */
  runChild(text: string, scope: S, io: CommandIo<S>, args: string[] = []): number {
    return this.child(() => {
      this.positional = args.slice(1);
      const parsed = this.parseText(text, this.loc.line);
      if (!parsed) return 2;
      return this.list(parsed, this.ctxFor(scope, io, true));
    });
  }

  private ctxFor(scope: S, io: CommandIo<S>, trapOff: boolean): Ctx<S> {
    return { scope, stdin: { text: io.stdin, pos: 0 }, out: io.out, checked: io.checked, trapOff, loopDepth: 0, inFunction: false };
  }

  private top(text: string, file: string, scope: S, firstLine: number, out?: (text: string) => void): RunOutcome {
    const saved = this.loc;
    this.loc = { file, line: firstLine };
    try {
      const parsed = this.parseText(text, firstLine);
      const syntaxLine = this.syntaxError;
      const ctx: Ctx<S> = { scope, stdin: { text: '', pos: 0 }, out, checked: false, trapOff: false, loopDepth: 0, inFunction: false };
      if (!parsed) return { status: 2, stopped: { ...this.loc, reason: 'syntax' } };
      // A runaway loop stops alone: each top-level command has its own step budget, and the
      // whole script ten times that.
      let status = 0;
      const total = this.limits.steps * 10;
      for (const item of parsed) {
        const start = this.steps;
        this.stepCap = Math.min(start + this.limits.steps, total);
        try {
          status = this.statement(item, ctx);
        } catch (e) {
          if (!(e instanceof Limit) || this.steps >= total) throw e;
          this.diag('error', e.message, 'step-limit');
          status = 1;
        }
      }
      // bash stops reading a file at a syntax error; the commands before it ran.
      if (syntaxLine !== undefined) return { status: 2, stopped: { file, line: syntaxLine, reason: 'syntax' } };
      return { status };
    } catch (e) {
      return this.unwound(e);
    } finally {
      this.loc = saved;
    }
  }

  private unwound(e: unknown): RunOutcome {
    if (e instanceof Exit) return { status: e.status, stopped: { ...this.loc, reason: this.exitReason ?? 'exit' } };
    if (e instanceof Limit) {
      this.diag('error', e.message, 'step-limit');
      return { status: 1, stopped: { ...this.loc, reason: 'limit' } };
    }
    if (e instanceof Return || e instanceof Break || e instanceof Continue) return { status: this.status };
    this.diag('error', `the importer could not run this line (${e instanceof Error ? e.message : 'internal error'})`, 'internal');
    return { status: 1, stopped: { ...this.loc, reason: 'fatal' } };
  }

  private exitReason: 'exit' | 'errexit' | 'fatal' | undefined;
  /** Line of the syntax error the last parsed text ended at, if any. */
  private syntaxError: number | undefined;

  /** Parses text; reports problems; returns undefined if nothing can run. */
  private parseText(text: string, firstLine: number): List | undefined {
    const lexed = lex(text, firstLine);
    const parsed = parse(lexed.tokens);
    this.syntaxError = [...lexed.problems, ...parsed.problems].find((p) => p.level === 'error')?.line;
    for (const p of [...lexed.problems, ...parsed.problems]) {
      this.host.diag(p.level, p.message, p.level === 'error' ? 'syntax' : 'shell', { file: this.loc.file, line: p.line });
    }
    // bash stops reading at an unterminated quote or substitution; the part before runs.
    const lexFatal = lexed.problems.find((p) => p.level === 'error');
    if (lexFatal) return parsed.statements.filter((s) => lastLine(s) < lexFatal.line);
    return parsed.statements;
  }

  diag(level: Level, message: string, code = 'shell'): void {
    this.host.diag(level, message, code, { ...this.loc });
  }

  /** A diagnostic at the current line, with the column where `needle` stands on it. */
  diagAt(level: Level, message: string, code: string, needle: string): void {
    const column = this.columnOf(this.loc.file, this.loc.line, needle);
    this.host.diag(level, message, code, { ...this.loc, ...(column ? { column } : {}) });
  }

  private step(line: number): void {
    this.loc = { file: this.loc.file, line };
    if (++this.steps > this.stepCap) {
      throw new Limit(`this command ran more than ${this.limits.steps} commands (an endless loop?); the importer stopped it here`);
    }
  }

  // ---- variables ----

  get(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '#') return String(this.positional.length);
    if (name === '$') return '4242';
    if (name === '!') return '4243';
    if (name === '-') return (this.options.errexit ? 'e' : '') + 'hB';
    if (name === 'LINENO') return String(this.loc.line);
    if (name === 'RANDOM') { this.randomState = (this.randomState * 1103515245 + 12345) % 2147483648; return String(this.randomState % 32768); }
    if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
    if (name === '@' || name === '*') return this.positional.join(' ');
    const a = this.arrays.get(name);
    if (a) return a[0];
    return this.vars.get(name);
  }

  set(name: string, value: string): boolean {
    if (this.readonlyNames.has(name)) {
      this.diag('error', `${name}: readonly variable`);
      return false;
    }
    this.arrays.delete(name);
    this.vars.set(name, value);
    return true;
  }

  private declareLocal(name: string): void {
    const f = this.frames[this.frames.length - 1];
    if (f && !f.locals.has(name)) f.locals.set(name, this.vars.get(name));
  }

  private env(ctx: Ctx<S>): ExpandEnv {
    return {
      get: (n) => this.get(n),
      set: (n, v) => { this.set(n, v); },
      array: (n) => this.arrays.get(n),
      positional: () => this.positional,
      substitute: (text, line) => this.substitute(text, line, ctx),
      procsub: (dir, text, line, column) => this.procsub(dir, text, line, column, ctx),
      fatal: (message) => {
        this.diag('error', message, 'unset-parameter');
        this.exitReason = 'fatal';
        throw new Exit(1);
      },
      unset: (n) => {
        if (this.options.nounset && !/^[@*#?$!0-9-]$/.test(n)) {
          this.diag('error', `${n}: unbound variable`, 'unset-variable');
          this.exitReason = 'fatal';
          throw new Exit(1);
        }
        const key = `${this.loc.file}:${this.loc.line}:${n}`;
        if (!/^[@*#?$!0-9-]$/.test(n) && !/^[1-9]/.test(n) && !this.warnedUnset.has(key) && this.warnedUnset.size < 1000) {
          this.warnedUnset.add(key);
          this.diag('warning', `variable $${n} is not set; it expands to nothing`, 'unset-variable');
        }
      },
      charge: (size) => {
        if (size > this.limits.chars) throw new Limit(`an expansion produced more than ${this.limits.chars} characters; the import stopped here`);
      },
    };
  }

  /** `$(…)`: runs the text as a child shell and returns what it printed. */
  /**
   * `<(cmd)` becomes a file holding what cmd prints, as bash's /dev/fd/63 does; `>(cmd)` is not
   * run (nothing written to it is read back) and becomes /dev/null.
   */
  private procsub(dir: '<' | '>', text: string, line: number, column: number | undefined, ctx: Ctx<S>): string {
    const at = { file: this.loc.file, line, ...(column ? { column } : {}) };
    const shown = `${dir}(${text.length > 30 ? `${text.slice(0, 27)}...` : text})`;
    if (dir === '>') {
      this.host.diag('warning', `process substitution ${shown} is not run by the importer; it is taken as /dev/null, so what is written to it is discarded`, 'process-substitution', at);
      return '/dev/null';
    }
    const out = this.substitute(text, line, ctx);
    const name = `/dev/fd/${63 - (this.procsubs++ % 40)}`;
    this.files.set(name, out);
    this.host.diag('info', `process substitution ${shown}: its command was run and its output read as a file (${name}); the importer runs it before the command that reads it, not alongside`, 'process-substitution', at);
    return name;
  }

  private procsubs = 0;

  /**
   * A glob (`/sys/class/net/*`, `eth?`, `veth[0-9]`) would match files on the machine that runs
   * the script; the importer has no filesystem, so it keeps the word as written, as bash does
   * when nothing matches. Said once per word and line.
   */
  private noteGlobs(words: Word[], line: number): void {
    for (const w of words) {
      const literal = w.parts.filter((p) => !p.quoted && p.variable === undefined && !p.param && p.command === undefined && p.arith === undefined).map((p) => p.text).join('');
      if (!/[*?]|\[[^\]]+\]/.test(literal)) continue;
      const text = w.parts.map((p) => p.text).join('');
      const key = `${this.loc.file}:${w.line ?? line}:${text}`;
      if (this.notedGlobs.has(key)) continue;
      this.notedGlobs.add(key);
      const column = this.columnOf(this.loc.file, w.line ?? line, text);
      this.host.diag('warning', `the glob ${text} is not expanded: the importer has no filesystem to match it against, so it is kept as the literal word "${text}" (as bash does when nothing matches)`, 'glob', { file: this.loc.file, line: w.line ?? line, ...(column ? { column } : {}) });
    }
  }

  private readonly notedGlobs = new Set<string>();

  /** The script texts by file name, for columns in messages. */
  private readonly texts = new Map<string, string>();

  /** 1-based column of `needle` on a line of a file, if it is found there. */
  columnOf(file: string, line: number, needle: string): number | undefined {
    const text = this.texts.get(file) ?? this.files.get(file);
    const l = text?.split('\n')[line - 1];
    const k = l?.indexOf(needle) ?? -1;
    return k >= 0 ? k + 1 : undefined;
  }

  private substitute(text: string, line: number, ctx: Ctx<S>): string {
    let out = '';
    const saved = this.loc;
    const status = this.child(() => {
      const parsed = this.parseText(text, line);
      if (!parsed) return 2;
      // bash does not pass `set -e` into command substitutions (inherit_errexit is off).
      this.options.errexit = false;
      return this.list(parsed, { ...ctx, out: (s) => { out += s; if (out.length > this.limits.chars) throw new Limit('a command substitution printed too much; the import stopped here'); }, trapOff: true, checked: false, loopDepth: 0 });
    });
    this.loc = saved;
    this.lastSubstitution = status;
    return out;
  }

  private lastSubstitution: number | undefined;

  /** Runs `fn` as a child shell: variables, functions, options and positional args are copied back afterwards. */
  private child(fn: () => number): number {
    const vars = new Map(this.vars);
    const arrays = new Map(this.arrays);
    const functions = new Map(this.functions);
    const positional = this.positional;
    const options = { ...this.options };
    const frames = this.frames;
    this.frames = [];
    try {
      return fn();
    } catch (e) {
      if (e instanceof Limit) throw e;
      if (e instanceof Exit) { this.exitReason = undefined; return e.status; }
      if (e instanceof Return) return e.status;
      if (e instanceof Break || e instanceof Continue) return 0;
      throw e;
    } finally {
      this.vars.clear();
      for (const [k, v] of vars) this.vars.set(k, v);
      this.arrays.clear();
      for (const [k, v] of arrays) this.arrays.set(k, v);
      this.functions.clear();
      for (const [k, v] of functions) this.functions.set(k, v);
      this.positional = positional;
      this.options = options;
      this.frames = frames;
    }
  }

  // ---- execution ----

  /**
   * One command of a script file. An arithmetic error aborts it (and the function it is in),
   * and the script goes on with the next command, as bash does when it runs a file.
   */
  private statement(item: AndOr, ctx: Ctx<S>): number {
    try {
      return this.andOr(item, ctx);
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      const at = (e as ArithError & { at?: Location }).at ?? this.loc;
      this.host.diag('error', e.message, 'arithmetic', at);
      this.status = 1;
      return 1;
    }
  }

  list(list: List, ctx: Ctx<S>): number {
    let status = 0;
    for (const item of list) status = this.andOr(item, ctx);
    return status;
  }

  private andOr(node: AndOr, ctx: Ctx<S>): number {
    if (node.background) {
      this.loc = { file: this.loc.file, line: node.line };
      this.diag('info', 'a command run in the background (&) is run in order by the importer', 'background');
    }
    const last = node.rest.length;
    let status = this.pipeline(node.first, last === 0 ? ctx : { ...ctx, checked: true });
    for (let k = 0; k < last; k++) {
      const { op, pipeline } = node.rest[k];
      if ((op === '&&') !== (status === 0)) continue;
      status = this.pipeline(pipeline, k === last - 1 ? ctx : { ...ctx, checked: true });
    }
    this.status = status;
    return status;
  }

  private pipeline(p: Pipeline, ctx: Ctx<S>): number {
    const inner = p.bang ? { ...ctx, checked: true } : ctx;
    let status: number;
    if (p.commands.length === 1) status = this.command(p.commands[0], inner);
    else {
      let stdin = ctx.stdin;
      const statuses: number[] = [];
      for (let k = 0; k < p.commands.length; k++) {
        let out = '';
        const lastStage = k === p.commands.length - 1;
        // Each stage of a pipeline runs in a subshell in bash (the last one too, without lastpipe).
        const s = this.child(() => this.command(p.commands[k], { ...inner, stdin, out: lastStage ? inner.out : (t) => { out += t; }, trapOff: true }));
        statuses.push(s);
        stdin = { text: out, pos: 0 };
      }
      status = statuses[statuses.length - 1];
      if (this.options.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
      if (status !== 0) this.failed(status, inner, p.line);
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /** A command failed: record the ERR-trap line, and stop under `set -e` unless it was tested. */
  private failed(status: number, ctx: Ctx<S>, line: number): void {
    if (ctx.checked) return;
    if (!ctx.trapOff) this.trapped.push({ file: this.loc.file, line });
    if (this.options.errexit) {
      this.diag('info', `"set -e": the command failed with status ${status}; the script stops here, as bash would`, 'errexit');
      this.exitReason = 'errexit';
      throw new Exit(status);
    }
  }

  private command(c: Command, ctx: Ctx<S>): number {
    switch (c.kind) {
      case 'simple': return this.simple(c, ctx);
      case 'function':
        this.step(c.line);
        this.functions.set(c.name, c.body);
        return 0;
      default: return this.withRedirects(c.redirects, c.line, ctx, (cx) => this.compound(c, cx));
    }
  }

  private compound(c: Exclude<Command, SimpleCommand | { kind: 'function' }>, ctx: Ctx<S>): number {
    switch (c.kind) {
      case 'if': {
        for (const cl of c.clauses) {
          this.step(c.line);
          if (this.list(cl.cond, { ...ctx, checked: true }) === 0) return this.list(cl.body, ctx);
        }
        return c.otherwise ? this.list(c.otherwise, ctx) : 0;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          this.step(c.line);
          const cond = this.list(c.cond, { ...ctx, checked: true });
          if ((cond === 0) === c.until) break;
          const r = this.loopBody(c.body, ctx);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'for': {
        this.step(c.line);
        if (c.items) this.noteGlobs(c.items, c.line);
        const items = c.items ? expandWords(c.items, this.env(ctx)) : [...this.positional];
        let status = 0;
        for (const item of items) {
          this.step(c.line);
          if (!this.set(c.variable, item)) return 1;
          const r = this.loopBody(c.body, ctx);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'cfor': {
        const vars = this.arithVars();
        this.step(c.line);
        if (!this.arith(c.init, c.line, vars).ok) return 1;
        let status = 0;
        for (;;) {
          this.step(c.line);
          if (c.test.trim()) {
            const t = this.arith(c.test, c.line, vars);
            if (!t.ok) return 1;
            if (t.value === 0) break;
          }
          const r = this.loopBody(c.body, ctx);
          status = r.status;
          if (r.stop) break;
          if (!this.arith(c.step, c.line, vars).ok) return 1;
        }
        return status;
      }
      case 'case': {
        this.step(c.line);
        const env = this.env(ctx);
        const subject = expandString(c.subject, env);
        let falling = false;
        for (let k = 0; k < c.items.length; k++) {
          const item = c.items[k];
          if (!falling && !item.patterns.some((p) => globMatch(expandPattern(p, env), subject))) continue;
          const status = this.list(item.body, ctx);
          if (item.next === ';;') return status;
          falling = item.next === ';&';
          if (!falling && k === c.items.length - 1) return status;
        }
        return 0;
      }
      case 'group': return this.list(c.body, ctx);
      case 'subshell': {
        this.step(c.line);
        const status = this.child(() => this.list(c.body, { ...ctx, trapOff: true }));
        if (status !== 0) this.failed(status, ctx, c.line);
        return status;
      }
      case 'arith': {
        this.step(c.line);
        const r = this.arith(expandText(c.text, this.env(ctx), c.line), c.line, this.arithVars());
        const status = !r.ok ? 1 : r.value === 0 ? 1 : 0;
        if (status !== 0) this.failed(status, ctx, c.line);
        return status;
      }
      case 'dtest': {
        this.step(c.line);
        const env = this.env(ctx);
        const args: string[] = [];
        const patterns = new Set<number>();
        c.words.forEach((w, k) => {
          const prev = k > 0 ? c.words[k - 1].parts.map((p) => p.text).join('') : '';
          if (prev === '==' || prev === '=' || prev === '!=') { patterns.add(args.length); args.push(expandPattern(w, env)); } else args.push(expandString(w, env));
        });
        const status = evalTest('[[', args, this.testEnv(ctx), true, patterns);
        if (status !== 0) this.failed(status, ctx, c.line);
        return status;
      }
    }
  }

  private loopBody(body: List, ctx: Ctx<S>): { status: number; stop: boolean } {
    try {
      return { status: this.list(body, { ...ctx, loopDepth: ctx.loopDepth + 1 }), stop: false };
    } catch (e) {
      if (e instanceof Break) {
        if (e.levels > 1) throw new Break(e.levels - 1);
        return { status: 0, stop: true };
      }
      if (e instanceof Continue) {
        if (e.levels > 1) throw new Continue(e.levels - 1);
        return { status: 0, stop: false };
      }
      throw e;
    }
  }

  arithVars() {
    return { get: (n: string) => this.get(n), set: (n: string, v: string) => { this.set(n, v); } };
  }

  arith(text: string, line: number, vars = this.arithVars()): { ok: boolean; value: number } {
    try {
      return { ok: true, value: evalArith(text, vars) };
    } catch (e) {
      if (e instanceof ArithError) locate(e, { file: this.loc.file, line });
      throw e;
    }
  }

  testEnv(ctx: Ctx<S>) {
    return {
      stat: (path: string) => (this.files.has(path) || this.files.has(path.replace(/^\.\//, '')) ? 'file' as const : this.host.stat(path, ctx.scope)),
      isSet: (name: string) => this.get(name) !== undefined,
      error: (m: string) => this.diag('error', m, 'test'),
    };
  }

  private simple(c: SimpleCommand, ctx: Ctx<S>): number {
    this.step(c.line);
    const env = this.env(ctx);
    let argv: string[];
    this.lastSubstitution = undefined;
    try {
      this.noteGlobs(c.words, c.line);
      argv = expandWords(c.words, env);
      if (!argv.length) for (const a of c.assigns) if (!this.assign(a, env)) return this.fail(1, ctx, c.line);
    } catch (e) {
      if (e instanceof ArithError) locate(e, this.loc);
      throw e;
    }
    if (!argv.length) {
      // Assignments alone set shell variables; the status is the last substitution's.
      const status = this.lastSubstitution ?? 0;
      if (c.redirects.length) this.withRedirects(c.redirects, c.line, ctx, () => 0);
      if (status !== 0) this.failed(status, ctx, c.line);
      return status;
    }
    // NAME=value before a command is in its environment only.
    const savedVars = c.assigns.map((a) => [a.name, this.vars.get(a.name)] as const);
    for (const a of c.assigns) this.assign(a, env);
    try {
      const status = this.withRedirects(c.redirects, c.line, ctx, (cx) => this.invoke(argv, cx, c.line));
      if (status !== 0) this.failed(status, ctx, c.line);
      return status;
    } finally {
      if (c.assigns.length && !(SPECIAL_BUILTINS.has(argv[0]))) for (const [k, v] of savedVars) { if (v === undefined) this.vars.delete(k); else this.vars.set(k, v); }
    }
  }

  private fail(status: number, ctx: Ctx<S>, line: number): number {
    this.failed(status, ctx, line);
    return status;
  }

  private assign(a: SimpleCommand['assigns'][number], env: ExpandEnv): boolean {
    if (a.array) {
      const items = expandWords(a.array, env);
      if (this.readonlyNames.has(a.name)) { this.diag('error', `${a.name}: readonly variable`); return false; }
      const prev = a.append ? this.arrays.get(a.name) ?? maybe(this.vars.get(a.name)) : [];
      this.vars.delete(a.name);
      this.arrays.set(a.name, [...prev, ...items]);
      return true;
    }
    const v = a.value ? expandString(a.value, env) : '';
    const arr = this.arrays.get(a.name);
    if (arr && !a.append) { arr[0] = v; return true; }
    if (arr && a.append) { arr[0] = (arr[0] ?? '') + v; return true; }
    return this.set(a.name, a.append ? (this.vars.get(a.name) ?? '') + v : v);
  }

  /** Runs a function, a builtin, or hands the command to the host. */
  invoke(argv: string[], ctx: Ctx<S>, line: number): number {
    const name = argv[0];
    const fn = this.functions.get(name);
    if (fn) return this.callFunction(name, fn, argv.slice(1), ctx);
    const b: Builtin<S> | undefined = builtin(name);
    if (b) return b(this, argv, ctx, line);
    this.host.at({ ...this.loc });
    return this.host.run(argv, { scope: ctx.scope, stdin: ctx.stdin.text.slice(ctx.stdin.pos), out: (t) => ctx.out?.(t), checked: ctx.checked }, this);
  }

  /** Runs a builtin or an outside command in `scope`, as `ip netns exec`/`sudo` do (no functions). */
  runExternal(argv: string[], scope: S, io: CommandIo<S>): number {
    const b = builtin<S>(argv[0]);
    const ctx: Ctx<S> = { scope, stdin: { text: io.stdin, pos: 0 }, out: io.out, checked: io.checked, trapOff: true, loopDepth: 0, inFunction: false };
    if (b && !SHELL_ONLY.has(argv[0])) return b(this, argv, ctx, this.loc.line);
    return this.host.run(argv, io, this);
  }

  private callFunction(name: string, body: Command, args: string[], ctx: Ctx<S>): number {
    if (this.depth >= this.limits.depth) {
      throw new Limit(`${name}: maximum function nesting level exceeded (${this.limits.depth}); the import stopped here`);
    }
    const savedPositional = this.positional;
    const savedLoc = this.loc;
    this.positional = args;
    this.frames.push({ locals: new Map() });
    this.depth++;
    try {
      return this.command(body, { ...ctx, trapOff: true, inFunction: true, loopDepth: 0 });
    } catch (e) {
      if (e instanceof Return) return e.status;
      throw e;
    } finally {
      this.depth--;
      const frame = this.frames.pop()!;
      for (const [k, v] of frame.locals) { if (v === undefined) this.vars.delete(k); else this.vars.set(k, v); }
      this.positional = savedPositional;
      this.loc = savedLoc;
    }
  }

  /** `local NAME[=value]`. */
  local(name: string, value: string | undefined): boolean {
    if (!this.frames.length) { this.diag('error', 'local: can only be used in a function'); return false; }
    this.declareLocal(name);
    if (value !== undefined) return this.set(name, value);
    if (!this.vars.has(name)) this.vars.set(name, '');
    return true;
  }

  inFunction(): boolean {
    return this.frames.length > 0;
  }

  /** `return`, `break`, `continue`, `exit` unwind through these. */
  doReturn(status: number): never { throw new Return(status); }
  doBreak(levels: number, ctx: Ctx<S>): number {
    if (ctx.loopDepth <= 0) return 0;
    throw new Break(Math.min(levels, ctx.loopDepth));
  }
  doContinue(levels: number, ctx: Ctx<S>): number {
    if (ctx.loopDepth <= 0) return 0;
    throw new Continue(Math.min(levels, ctx.loopDepth));
  }
  doExit(status: number): never {
    this.exitReason = 'exit';
    throw new Exit(status);
  }

  /** `source FILE ARGS…` / `. FILE`: runs a companion file in this shell. */
  source(path: string, args: string[], ctx: Ctx<S>): number {
    const file = this.findFile(path);
    if (file === undefined) {
      this.diag('warning', `"${path}" was not given with the script (add it as a companion file); its commands are skipped`, 'missing-source');
      return 0;
    }
    if (this.sourceDepth >= 32) {
      this.diag('error', `${path}: files source each other too deeply; skipped`, 'source-depth');
      return 1;
    }
    const [name, text] = file;
    const parsedAt = this.loc;
    const savedPositional = this.positional;
    if (args.length) this.positional = args;
    this.sourceDepth++;
    this.loc = { file: name, line: 1 };
    try {
      const parsed = this.parseText(text, 1);
      if (!parsed) return 2;
      try {
        let status = 0;
        for (const item of parsed) status = this.statement(item, ctx);
        return status;
      } catch (e) {
        if (e instanceof Return) return e.status;
        throw e;
      }
    } finally {
      this.sourceDepth--;
      this.loc = parsedAt;
      if (args.length) this.positional = savedPositional;
    }
  }

  /** A file of the script's virtual filesystem, found by path, `./name` or base name. */
  findFile(path: string): [string, string] | undefined {
    const tries = [path, path.replace(/^\.\//, ''), path.replace(/^.*\//, '')];
    for (const t of tries) {
      const text = this.files.get(t);
      if (text !== undefined) return [t, text];
    }
    return undefined;
  }

  /** `eval ARGS`: the words joined and run as shell text at this line. */
  evalText(text: string, ctx: Ctx<S>): number {
    const parsed = this.parseText(text, this.loc.line);
    if (!parsed) return 2;
    return this.list(parsed, ctx);
  }

  /** Runs a file given as a command (`bash setup.sh A B`, `./lib.sh`) as a child script; undefined if not given. */
  runFile(path: string, args: string[], scope: S, io: CommandIo<S>): number | undefined {
    const ctx = this.ctxFor(scope, io, true);
    const file = this.findFile(path);
    if (!file) return undefined;
    const saved = this.loc;
    const status = this.child(() => {
      this.positional = args;
      this.vars.set('0', file[0]);
      this.functions.clear();
      this.loc = { file: file[0], line: 1 };
      const parsed = this.parseText(file[1], 1);
      if (!parsed) return 2;
      return this.list(parsed, { ...ctx, trapOff: true, checked: false, loopDepth: 0 });
    });
    this.loc = saved;
    return status;
  }

  expandHereDoc(r: Redirect, ctx: Ctx<S>): string {
    const body = r.heredoc?.body ?? '';
    return r.heredoc?.literal ? body : expandText(body, this.env(ctx), r.line);
  }

  private withRedirects(redirects: Redirect[], line: number, ctx: Ctx<S>, run: (ctx: Ctx<S>) => number): number {
    if (!redirects.length) return run(ctx);
    let next = ctx;
    const writes: { path: string; append: boolean; text: string }[] = [];
    const env = this.env(ctx);
    for (const r of redirects) {
      const target = r.target ? expandString(r.target, env) : '';
      const op = r.op.replace(/^[0-9]/, '');
      const fd = /^[0-9]/.test(r.op) ? Number(r.op[0]) : op.startsWith('<') ? 0 : 1;
      if (r.heredoc) { next = { ...next, stdin: { text: this.expandHereDoc(r, ctx), pos: 0 } }; continue; }
      if (op === '<<<') { next = { ...next, stdin: { text: `${target}\n`, pos: 0 } }; continue; }
      if (op === '<' || op === '<>') {
        const f = this.findFile(target);
        const machine = this.host.stat(target, ctx.scope);
        if (f) next = { ...next, stdin: { text: f[1], pos: 0 } };
        else if (machine || target === '/dev/null') next = { ...next, stdin: { text: '', pos: 0 } };
        else {
          this.loc = { file: this.loc.file, line };
          this.diag('warning', `${target}: not a file given with the script; read as empty`, 'missing-file');
          next = { ...next, stdin: { text: '', pos: 0 } };
        }
        continue;
      }
      if (op.endsWith('&') || op === '>&' || op.startsWith('&')) {
        if (op === '&>' || op === '&>>') { if (target !== '/dev/null' && target) { const w = { path: target, append: op === '&>>', text: '' }; writes.push(w); next = { ...next, out: (t) => { w.text += t; } }; } else next = { ...next, out: undefined }; }
        continue;
      }
      if (fd !== 1) continue; // stderr goes nowhere the design can see
      if (target === '/dev/null' || target === '') { next = { ...next, out: undefined }; continue; }
      const w = { path: target, append: op === '>>', text: '' };
      writes.push(w);
      next = { ...next, out: (t) => { w.text += t; } };
    }
    const status = run(next);
    let result = status;
    for (const w of writes) {
      this.loc = { file: this.loc.file, line };
      const machine = this.host.writeMachineFile(w.path, w.text, ctx.scope);
      if (machine !== undefined) { if (machine !== 0) result = machine; continue; }
      const prev = w.append ? this.files.get(w.path) ?? '' : '';
      this.files.set(w.path, prev + w.text);
    }
    return result;
  }

  /** Reads a line from the command's input for `read`; undefined at end of input. */
  readLine(ctx: Ctx<S>): string | undefined {
    const s = ctx.stdin;
    if (s.pos >= s.text.length) return undefined;
    const e = s.text.indexOf('\n', s.pos);
    const lineText = s.text.slice(s.pos, e < 0 ? s.text.length : e);
    s.pos = e < 0 ? s.text.length : e + 1;
    return lineText;
  }
}

export type ShellCtx<S> = Ctx<S>;

/** Builtins whose leading assignments stay (POSIX special builtins). */
const SPECIAL_BUILTINS = new Set([':', '.', 'source', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'unset', 'break', 'continue']);
/** Builtins that only exist inside a shell: `ip netns exec NS local …` cannot run them. */
const SHELL_ONLY = new Set(['local', 'return', 'break', 'continue', 'shift', 'source', '.', 'eval', 'exit', 'set', 'export', 'readonly', 'declare', 'typeset', 'unset', 'let', 'read', 'cd', 'trap', 'shopt', 'alias', 'exec']);

function locate(e: ArithError, at: Location): void {
  const x = e as ArithError & { at?: Location };
  x.at ??= { ...at };
}

function maybe(v: string | undefined): string[] {
  return v === undefined ? [] : [v];
}

function lastLine(s: AndOr): number {
  let line = s.line;
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (typeof o.line === 'number' && o.line > line) line = o.line;
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  walk(s);
  return line;
}

export type { Word };
