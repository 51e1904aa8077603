/**
 * Shell builtins and the small utilities scripts lean on (`echo`, `printf`, `seq`, `cat`,
 * `tee`, `id -u` …). Output goes to the command's output (captured by `$(…)`, pipes and
 * redirections), never to the terminal.
 */
import type { Shell, ShellCtx } from './interp';
import { evalTest } from './test-builtin';
import { TEXT_TOOLS } from './text-tools';

export type Builtin<S> = (sh: Shell<S>, argv: string[], ctx: ShellCtx<S>, line: number) => number;

const write = <S>(ctx: ShellCtx<S>, text: string) => ctx.out?.(text);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function echo<S>(_sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  let k = 1;
  let newline = true;
  let escapes = false;
  while (k < argv.length && /^-[neE]+$/.test(argv[k])) {
    if (argv[k].includes('n')) newline = false;
    if (argv[k].includes('e')) escapes = true;
    if (argv[k].includes('E')) escapes = false;
    k++;
  }
  let text = argv.slice(k).join(' ');
  if (escapes) text = unescape(text);
  write(ctx, newline ? `${text}\n` : text);
  return 0;
}

function unescape(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };
  return s.replace(/\\([ntr\\abfve]|0[0-7]{0,3}|x[0-9a-fA-F]{1,2})/g, (_m, e: string) => {
    if (map[e] !== undefined) return map[e];
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
  });
}

/** `printf FORMAT ARGS…`: the format is reused until the arguments are used up. */
function printf<S>(sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  let k = 1;
  let target: string | undefined;
  if (argv[k] === '-v') { target = argv[k + 1]; k += 2; }
  if (argv[k] === '--') k++;
  const format = argv[k];
  if (format === undefined) { sh.diag('error', 'printf: usage: printf [-v var] format [arguments]'); return 2; }
  const args = argv.slice(k + 1);
  let out = '';
  let used = 0;
  let status = 0;
  for (let round = 0; round < 10_000; round++) {
    const before = used;
    out += unescape(format).replace(/%([-+ #0]*)(\d*|\*)(?:\.(\d*))?([sdiuxXocbqfeg%])/g, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[used++] ?? '';
      const w = Math.min(Number(width === '*' ? 0 : width) || 0, 1000);
      let v: string;
      if ('diuxXoc'.includes(conv) && conv !== 'c') {
        const n = /^[+-]?\d+$/.test(arg.trim()) ? Number(arg.trim()) : /^'./.test(arg) ? arg.charCodeAt(1) : arg === '' ? 0 : NaN;
        if (Number.isNaN(n)) { sh.diag('error', `printf: ${arg}: invalid number`); status = 1; }
        const num = Number.isNaN(n) ? 0 : Math.trunc(n);
        v = conv === 'x' ? num.toString(16) : conv === 'X' ? num.toString(16).toUpperCase() : conv === 'o' ? num.toString(8) : String(num);
        if (prec) v = v.padStart(Number(prec), '0');
      } else if ('feg'.includes(conv)) {
        const n = Number(arg) || 0;
        v = conv === 'f' ? n.toFixed(prec === undefined ? 6 : Number(prec)) : String(n);
      } else if (conv === 'c') v = arg.slice(0, 1);
      else if (conv === 'b') v = unescape(arg);
      else if (conv === 'q') v = /^[A-Za-z0-9_./=:,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
      else v = prec !== undefined ? arg.slice(0, Number(prec)) : arg;
      if (v.length < w) v = flags.includes('-') ? v.padEnd(w) : flags.includes('0') && /^[diuxXof]$/.test(conv) ? v.padStart(w, '0') : v.padStart(w);
      return v;
    });
    if (used >= args.length || used === before) break;
  }
  if (target) { if (!sh.set(target, out)) return 1; } else write(ctx, out);
  return status;
}

function setBuiltin<S>(sh: Shell<S>, argv: string[]): number {
  const args = argv.slice(1);
  const map: Record<string, keyof Shell<S>['options']> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
  const named = (opt: string, on: boolean) => {
    if (opt === 'errexit' || opt === 'pipefail' || opt === 'nounset' || opt === 'xtrace') sh.options[opt] = on;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') { sh.positional = args.slice(k + 1); return 0; }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      const on = a[0] === '-';
      // each `o` of a cluster takes the next word as an option name: `set -euo pipefail`
      for (const f of a.slice(1)) {
        if (f === 'o') {
          const opt = args[k + 1];
          if (opt === undefined) return 0;
          k++;
          named(opt, on);
        } else {
          const o = map[f];
          if (o) sh.options[o] = on;
        }
      }
      continue;
    }
    sh.positional = args.slice(k);
    return 0;
  }
  return 0;
}

function declare<S>(sh: Shell<S>, argv: string[], local: boolean): number {
  let ro = argv[0] === 'readonly';
  let array = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('r') && a[0] === '-') ro = true;
      if (a.includes('a') || a.includes('A')) array = true;
      if (a.includes('f') && a[0] === '-') return 0;
      if (a.includes('g')) local = false;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq).replace(/\+$/, '');
    if (!NAME.test(name)) { sh.diag('error', `${argv[0]}: \`${a}': not a valid identifier`); status = 1; continue; }
    const value = eq < 0 ? undefined : a.slice(eq + 1);
    if (local && sh.inFunction()) { if (!sh.local(name, value)) status = 1; } else if (value !== undefined) { if (!sh.set(name, value)) status = 1; } else if (array && !sh.arrays.has(name)) sh.arrays.set(name, []);
    if (ro) sh.readonlyNames.add(name);
  }
  return status;
}

function seq<S>(sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  let args = argv.slice(1);
  let sep = '\n';
  let width = false;
  while (args[0]?.startsWith('-') && !/^-\d/.test(args[0])) {
    if (args[0] === '-s') { sep = args[1] ?? '\n'; args = args.slice(2); continue; }
    if (args[0] === '-w') width = true;
    args = args.slice(1);
  }
  const nums = args.map(Number);
  if (!nums.length || nums.some((n) => !Number.isFinite(n))) { sh.diag('error', `seq: invalid argument`); return 1; }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
  if (step === 0) { sh.diag('error', 'seq: invalid Zero increment value'); return 1; }
  const items: string[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    items.push(String(v));
    if (items.length > 100_000) { sh.diag('error', 'seq: more than 100000 numbers; stopped'); break; }
  }
  const w = width ? Math.max(...items.map((s) => s.length)) : 0;
  if (items.length) write(ctx, `${items.map((s) => s.padStart(w, '0')).join(sep)}\n`);
  return 0;
}

function cat<S>(sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  const files = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  if (!files.length) { write(ctx, ctx.stdin.text.slice(ctx.stdin.pos)); ctx.stdin.pos = ctx.stdin.text.length; return 0; }
  for (const f of files) {
    if (f === '-') { write(ctx, ctx.stdin.text.slice(ctx.stdin.pos)); continue; }
    const found = sh.findFile(f);
    if (found) write(ctx, found[1]);
    else {
      sh.diag('info', `cat ${f}: the file is not part of the script; read as empty`, 'not-config');
    }
  }
  return 0;
}

function tee<S>(sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  const append = argv.includes('-a') || argv.includes('--append');
  const text = ctx.stdin.text.slice(ctx.stdin.pos);
  ctx.stdin.pos = ctx.stdin.text.length;
  let status = 0;
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const machine = sh.host.writeMachineFile(f, text, ctx.scope);
    if (machine !== undefined) { if (machine !== 0) status = machine; continue; }
    if (f === '/dev/null') continue;
    sh.files.set(f, (append ? sh.files.get(f) ?? '' : '') + text);
  }
  write(ctx, text);
  return status;
}

function read<S>(sh: Shell<S>, argv: string[], ctx: ShellCtx<S>): number {
  const names: string[] = [];
  let raw = false;
  let target: string | undefined;
  let prompt = false;
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '-r') raw = true;
    else if (a === '-p' || a === '-t' || a === '-n' || a === '-d' || a === '-u') { if (a === '-p') prompt = true; k++; }
    else if (a === '-a') target = argv[++k];
    else if (/^-[a-z]+$/.test(a)) { if (a.includes('r')) raw = true; if (a.includes('p')) { prompt = true; k++; } }
    else names.push(a);
  }
  let lineText = sh.readLine(ctx);
  if (lineText === undefined) {
    if (!ctx.stdin.text) sh.diag('info', `"read" waits for input from the terminal${prompt ? ' (a prompt)' : ''}; the importer reads nothing`, 'never-ends');
    return 1;
  }
  if (!raw) lineText = lineText.replace(/\\(.)/g, '$1');
  const fields = lineText.trim().split(/[ \t]+/).filter(Boolean);
  if (target) { sh.arrays.set(target, fields); return 0; }
  const vars = names.length ? names : ['REPLY'];
  vars.forEach((n, k) => sh.set(n, k === vars.length - 1 ? fields.slice(k).join(' ') : fields[k] ?? ''));
  return 0;
}

const KNOWN_TOOLS = new Set(['ip', 'bridge', 'brctl', 'sysctl', 'iptables', 'ifconfig', 'route', 'tunctl', 'ping', 'arping', 'arp', 'tcpdump', 'modprobe', 'sudo', 'bash', 'sh', 'echo', 'printf', 'seq', 'cat', 'tee', 'grep', 'awk', 'sed', 'cut', 'sleep', 'nc', 'ethtool', 'iptables-save']);

export function builtin<S>(name: string): Builtin<S> | undefined {
  return (BUILTINS as Record<string, Builtin<S>>)[name];
}

const BUILTINS: Record<string, Builtin<unknown>> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf,
  seq,
  cat,
  tee,
  read,
  set: (sh, argv) => setBuiltin(sh, argv),
  shopt: () => 0,
  shift: (sh, argv) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) { sh.diag('error', `shift: ${argv[1]}: numeric argument required`); return 1; }
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  local: (sh, argv) => declare(sh, argv, true),
  declare: (sh, argv) => declare(sh, argv, true),
  typeset: (sh, argv) => declare(sh, argv, true),
  export: (sh, argv) => declare(sh, argv.filter((a) => a !== '-n' && a !== '-p' && a !== '-f'), false),
  readonly: (sh, argv) => declare(sh, argv, false),
  unset: (sh, argv) => {
    const fn = argv.includes('-f');
    for (const n of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (fn) { sh.functions.delete(n); continue; }
      if (sh.readonlyNames.has(n)) { sh.diag('error', `unset: ${n}: cannot unset: readonly variable`); return 1; }
      sh.vars.delete(n);
      sh.arrays.delete(n);
      if (!argv.includes('-v')) sh.functions.delete(n);
    }
    return 0;
  },
  return: (sh, argv) => {
    if (!sh.inFunction() && !argv.length) return 1;
    const n = argv[1] === undefined ? sh.status : Number(argv[1]);
    if (!sh.inFunction()) {
      // `return` in a sourced file ends that file; at top level bash refuses it.
      return sh.doReturn(Number.isFinite(n) ? n & 255 : 2);
    }
    return sh.doReturn(Number.isFinite(n) ? n & 255 : 2);
  },
  exit: (sh, argv) => {
    const n = argv[1] === undefined ? sh.status : Number(argv[1]);
    return sh.doExit(Number.isFinite(n) ? n & 255 : 2);
  },
  break: (sh, argv, ctx) => sh.doBreak(Number(argv[1] ?? 1) || 1, ctx),
  continue: (sh, argv, ctx) => sh.doContinue(Number(argv[1] ?? 1) || 1, ctx),
  source: (sh, argv, ctx) => {
    if (!argv[1]) { sh.diag('error', `${argv[0]}: filename argument required`); return 2; }
    return sh.source(argv[1], argv.slice(2), ctx);
  },
  '.': (sh, argv, ctx) => BUILTINS.source(sh as Shell<unknown>, argv, ctx as ShellCtx<unknown>, 0),
  eval: (sh, argv, ctx) => sh.evalText(argv.slice(1).join(' '), ctx),
  test: (sh, argv, ctx) => evalTest('test', argv.slice(1), sh.testEnv(ctx)),
  '[': (sh, argv, ctx) => {
    if (argv[argv.length - 1] !== ']') { sh.diag('error', "[: missing `]'", 'test'); return 2; }
    return evalTest('[', argv.slice(1, -1), sh.testEnv(ctx));
  },
  let: (sh, argv) => {
    let v = 0;
    for (const e of argv.slice(1)) { const r = sh.arith(e, sh.loc.line); if (!r.ok) return 1; v = r.value; }
    return v === 0 ? 1 : 0;
  },
  cd: () => 0,
  pwd: (_sh, _a, ctx) => { write(ctx, '/root\n'); return 0; },
  sleep: (sh, argv) => {
    if (argv[1] === 'infinity' || argv[1] === 'inf') sh.diag('info', '"sleep infinity" never returns on a real machine; the importer goes on', 'never-ends');
    return 0;
  },
  wait: () => 0,
  trap: (sh, argv) => {
    const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
    if (args.length < 2) return 0;
    const [handler, ...signals] = args;
    const exit = signals.some((s) => /^(0|EXIT|SIGEXIT)$/i.test(s));
    if (exit) sh.setExitTrap(handler === '-' ? undefined : handler);
    const others = signals.filter((s) => !/^(0|EXIT|SIGEXIT)$/i.test(s));
    if (others.length && handler !== '-' && handler !== '') sh.diag('info', `"trap" on ${others.join(' ')}: no signal reaches an imported script, so its handler (${handler.slice(0, 40)}) is not run`, 'trap');
    return 0;
  },
  alias: () => 0,
  unalias: () => 0,
  hash: () => 0,
  umask: () => 0,
  exec: (sh, argv, ctx, line) => {
    if (argv.length === 1) return 0;
    const status = sh.invoke(argv.slice(1), ctx, line);
    return sh.doExit(status);
  },
  command: (sh, argv, ctx, line) => {
    if (argv[1] === '-v' || argv[1] === '-V') {
      const n = argv[2] ?? '';
      const known = sh.functions.has(n) || builtin(n) !== undefined || KNOWN_TOOLS.has(n.replace(/^.*\//, ''));
      if (known) write(ctx, `${builtin(n) || sh.functions.has(n) ? n : `/usr/sbin/${n}`}\n`);
      return known ? 0 : 1;
    }
    if (argv.length === 1) return 0;
    return sh.runExternal(argv.slice(1), ctx.scope, { scope: ctx.scope, stdin: ctx.stdin.text, out: (t) => write(ctx, t), checked: ctx.checked }) ?? line;
  },
  type: (sh, argv, ctx) => BUILTINS.command(sh, ['command', '-v', ...argv.slice(1).filter((a) => !a.startsWith('-'))], ctx, 0),
  which: (sh, argv, ctx) => BUILTINS.command(sh, ['command', '-v', ...argv.slice(1)], ctx, 0),
  id: (_sh, argv, ctx) => { write(ctx, argv.includes('-u') || argv.includes('-g') ? '0\n' : argv.includes('-un') || argv.includes('-n') ? 'root\n' : 'uid=0(root) gid=0(root) groups=0(root)\n'); return 0; },
  whoami: (_sh, _a, ctx) => { write(ctx, 'root\n'); return 0; },
  basename: (_sh, argv, ctx) => {
    const p = (argv[1] ?? '').replace(/\/+$/, '');
    let b = p.replace(/^.*\//, '');
    if (argv[2] && b.endsWith(argv[2]) && b !== argv[2]) b = b.slice(0, -argv[2].length);
    write(ctx, `${b}\n`);
    return 0;
  },
  dirname: (_sh, argv, ctx) => {
    const p = (argv[1] ?? '').replace(/\/+$/, '');
    const i = p.lastIndexOf('/');
    write(ctx, `${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
    return 0;
  },
  getopts: (sh, argv) => getopts(sh, argv),
  ...TEXT_TOOLS,
};

/** `getopts OPTSTRING NAME [ARGS]`: the next option in OPTIND order, its argument in OPTARG. */
function getopts<S>(sh: Shell<S>, argv: string[]): number {
  const spec = argv[1] ?? '';
  const name = argv[2];
  if (!name || !NAME.test(name)) { sh.diag('error', 'getopts: usage: getopts optstring name [arg ...]'); return 2; }
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  const silent = spec.startsWith(':');
  let ind = Number(sh.get('OPTIND') ?? '1') || 1;
  let pos = Number(sh.get('__OPTPOS') ?? '1') || 1;
  const arg = args[ind - 1];
  if (arg === undefined || arg === '-' || !arg.startsWith('-')) { sh.set(name, '?'); return 1; }
  if (arg === '--') { sh.set('OPTIND', String(ind + 1)); sh.set(name, '?'); return 1; }
  const c = arg[pos];
  const at = spec.indexOf(c);
  const next = () => { if (pos + 1 < arg.length) { pos++; } else { ind++; pos = 1; } };
  sh.vars.delete('OPTARG');
  if (at < 0 || c === ':') {
    next();
    sh.set(name, '?');
    if (silent) sh.set('OPTARG', c); else sh.diag('info', `getopts: illegal option -- ${c}`);
  } else if (spec[at + 1] === ':') {
    const rest = arg.slice(pos + 1);
    if (rest) { sh.set('OPTARG', rest); ind++; pos = 1; } else if (args[ind] !== undefined) { sh.set('OPTARG', args[ind]); ind += 2; pos = 1; } else {
      ind++; pos = 1;
      sh.set(name, silent ? ':' : '?');
      if (silent) sh.set('OPTARG', c);
      sh.set('OPTIND', String(ind)); sh.set('__OPTPOS', String(pos));
      return 0;
    }
    sh.set(name, c);
  } else { next(); sh.set(name, c); }
  sh.set('OPTIND', String(ind));
  sh.set('__OPTPOS', String(pos));
  return 0;
}

/** Names the shell runs itself when a wrapper (`sudo`, `ip netns exec`) names them. */
export const builtinNames: ReadonlySet<string> = new Set(Object.keys(BUILTINS));
