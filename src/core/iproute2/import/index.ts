/**
 * The script importer: runs a bash script as bash would (see `shell/`), with a Linux kernel
 * behind it, giving the design (final configuration, plus the script's own probes as saved
 * tests), located diagnostics, the lines behind each object, and the lines the kernel would
 * refuse.
 */
import { allIds } from '../../model/design';
import type { Diagnostic } from '../../model/diagnostics';
import type { Design, Id } from '../../model/types';
import { parseWorldHeader } from '../../world/header';
import { dispatch } from './dispatch';
import type { ProbeOutcome } from './probes';
import { Shell, type ShellHost, type ShellLimits } from './shell/interp';
import { stripPrompts } from './shell/prompts';
import { ImportState, type Scope } from './state';
import { LinkWatch } from './link-watch';
import { writeSysctl } from './sysctl';
import { buildWorld } from './world';

export interface ImportResult {
  design: Design;
  diagnostics: Diagnostic[];
  /** Object id → script lines that created or changed it (for cross-highlighting). */
  sources: Record<Id, number[]>;
  /** Lines of the main script whose command the kernel or the tools refused, untested. */
  failedLines: number[];
  /**
   * Lines of the main script where bash's ERR trap fires (`trap … ERR`, as the kernel
   * harness records `setup.failed`): untested failures outside functions and subshells.
   */
  trappedLines: number[];
  /** Exit status of the script as bash would end it. */
  exitStatus: number;
  /** Where the script stopped early (`exit`, `set -e`, the step limit), if it did. */
  stoppedAt?: { file: string; line: number; reason: string };
}

export interface ImportOptions {
  /** File name used in diagnostics; default "script". */
  file?: string;
  /** Companion files by name, for `source`/`.` and `bash FILE` (name → text). */
  files?: Record<string, string>;
  /** Positional parameters `$1 $2 …`. */
  args?: string[];
  /** Decides the exit status of the script's own probes while it runs (default: success). */
  probe?: ProbeOutcome;
  /** Interpreter limits (tests use small ones). */
  limits?: Partial<ShellLimits>;
}

const ODD_SPACE = /[\u00a0\u2000-\u200b\u3000]/;

/** Imports a bash script into a design. Never throws. */
export function importScript(text: string, opts: ImportOptions = {}): ImportResult {
  const file = opts.file ?? 'script';
  const raw = typeof text === 'string' ? text.replace(/^\ufeff/, '') : '';
  const { header, diagnostics: headerDiags } = parseWorldHeader(raw, file);
  const world = buildWorld(header);
  const st = new ImportState(world.design, world.ids, world.main, file);
  st.diagnostics.push(...headerDiags);
  const watch = new LinkWatch(world.main);
  const shell = new Shell<Scope>(host(st, opts, watch), { steps: 100_000, depth: 200, chars: 1_000_000, ...opts.limits });
  const prepare = (name: string, body: string): string => {
    // Web pages turn spaces into no-break or ideographic spaces; bash would see one long word.
    const oddLine = body.split('\n').findIndex((l) => ODD_SPACE.test(l));
    let source = body.replace(/^\ufeff/, '');
    if (oddLine >= 0) {
      st.diagnostics.push({ level: 'warning', message: 'no-break or ideographic spaces (from a web page) were read as plain spaces', file: name, line: oddLine + 1, code: 'odd-space' });
      source = source.replace(/[\u00a0\u2000-\u200b\u3000]/g, ' ');
    }
    const prompts = stripPrompts(source);
    if (prompts.stripped.length) {
      st.diagnostics.push({ level: 'info', message: `shell prompts pasted with the commands were removed on ${prompts.stripped.length} line(s)`, file: name, line: prompts.stripped[0], code: 'prompt' });
    }
    if (prompts.output.length) {
      st.diagnostics.push({ level: 'info', message: `a terminal transcript: ${prompts.output.length} line(s) without a prompt are output and were not run`, file: name, line: prompts.output[0], code: 'prompt' });
    }
    return prompts.text;
  };
  for (const [name, body] of Object.entries(opts.files ?? {})) {
    if (typeof body === 'string' && name !== file) shell.files.set(name, prepare(name, body));
  }
  const outcome = shell.runScript(prepare(file, raw), file, (opts.args ?? []).map(String), st.rootScope());
  watch.finish();

  const live = new Set(allIds(world.design));
  const sources = Object.fromEntries(Object.entries(st.sources()).filter(([id]) => live.has(id)));
  if (st.tests.length) {
    world.design.tests = [...(world.design.tests ?? []), ...st.tests];
    noteLaterChanges(st, world.design);
  }
  const diagnostics = dedupe(st.diagnostics);
  diagnostics.sort((a, b) => (a.file === b.file ? 0 : a.file === file ? -1 : b.file === file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0));
  const trapped = [...new Set(shell.trapped.filter((l) => l.file === file).map((l) => l.line))].sort((a, b) => a - b);
  return {
    design: world.design,
    diagnostics,
    sources,
    failedLines: st.failedLines(),
    trappedLines: trapped.filter((l) => st.failedLines().includes(l)),
    exitStatus: outcome.status,
    ...(outcome.stopped ? { stoppedAt: outcome.stopped } : {}),
  };
}

/** The interpreter's view of the design: commands, machine files, and diagnostics. */
function host(st: ImportState, opts: ImportOptions, watch: LinkWatch): ShellHost<Scope> {
  return {
    at: (loc) => { st.file = loc.file; st.line = loc.line; },
    diag: (level, message, code, at) => { st.diagnostics.push({ level, message, file: at.file, line: at.line, ...(at.column ? { column: at.column } : {}), code }); },
    run: (argv, io, shell) => {
      const before = st.diagnostics.length;
      const status = dispatch(st, io.scope, argv, { stdin: io.stdin, out: io.out, checked: io.checked, shell, probe: opts.probe });
      // a probe or a sleep lasts long enough for link_watch's delayed run
      watch.update(false, argv.slice(0, 8).some((a) => a === 'ping' || a === 'arping' || a === 'sleep'));
      // A refusal the script tests for (`if ip link show X`, `ip link del X || true`) is expected.
      if (io.checked && status !== 0) {
        for (const d of st.diagnostics.slice(before)) {
          if (d.level === 'error') { d.level = 'info'; d.message = `${d.message} (the script tests for this)`; }
        }
        st.retractFailure(st.line);
      }
      return status;
    },
    writeMachineFile: (path, text, scope) => {
      if (path.startsWith('/proc/sys/')) return writeSysctl(st, scope, path, text.trim(), 'proc') ? 0 : 1;
      if (path.startsWith('/sys/')) { st.warn(`writing ${path} is not modelled; ignored`, 'unmodelled'); return 0; }
      if (path === '/dev/null' || path === '/dev/stderr' || path === '/dev/stdout' || path === '/dev/tty') return 0;
      return undefined;
    },
    stat: (path, scope) => {
      const dev = /^\/sys\/class\/net\/([^/]+)\/?$/.exec(path);
      if (dev) return st.device(scope, dev[1]) ? 'dir' : undefined;
      const ns = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(path);
      if (ns) return st.netns(ns[1]) && st.netns(ns[1])!.host === st.main ? 'file' : undefined;
      if (/^\/(?:var\/)?run\/netns\/?$/.test(path) || path === '/proc' || path === '/sys' || path === '/sys/class/net') return 'dir';
      if (/^\/proc\/sys\/net\//.test(path) || path === '/dev/null') return 'file';
      return undefined;
    },
  };
}

/**
 * The simulator runs a script's tests after the whole setup. Where the script changed the
 * design after a test's line, that test saw another network on the kernel: say so.
 */
function noteLaterChanges(st: ImportState, design: Design): void {
  const total = st.configSteps;
  for (const t of st.tests) {
    if (t.afterStep === undefined || t.afterStep >= total) continue;
    st.diagnostics.push({
      level: 'info',
      message: `"${t.probe}" ran before ${total - t.afterStep} later configuration command(s); vnetlab runs the script's tests after the whole setup`,
      file: st.file,
      line: t.line,
      code: 'test-order',
    });
  }
  void design;
}

/** The same message at the same place once (a loop repeats its lines' notes). */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    if (d.level === 'error') return true;
    const key = `${d.file}:${d.line}:${d.level}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { lex } from './shell/lexer';
export type { Token, Word, WordPart } from './shell/lexer';
export { parse } from './shell/parser';
export { stripPrompts } from './shell/prompts';
export type { ProbeOutcome } from './probes';

export { findNamespace, linkView, routeKeys, routeKeyFromText, type LinkView } from './compare';
