/**
 * Reading a command's input file: a design (`.json`) or a script (`.sh`, or anything that is
 * not JSON), with every diagnostic located by file and line where possible.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../core/model/diagnostics';
import { formatDiagnostic } from '../core/model/diagnostics';
import { parseDesign } from '../core/model/schema';
import { jsonPathOffsets, lineColumnAt } from '../core/model/schema-locate';
import type { Design, Id } from '../core/model/types';
import { importScript } from '../core/iproute2/import/index';
import { simulatedProbeOutcome } from '../core/sim/script-outcome';

export interface Input {
  file: string;
  kind: 'design' | 'script';
  /** Undefined when the input could not be read as a design. */
  design?: Design;
  diagnostics: Diagnostic[];
  /** Puts `file` and a line on a diagnostic about the design (from its id or JSON path). */
  locate(d: Diagnostic): Diagnostic;
}

export interface ScriptOptions {
  /** Companion files for `source` (paths; found by the script under their base name too). */
  companions?: string[];
  /** Positional parameters `$1 $2 …`. */
  args?: string[];
  /** Decide the script's own pings by simulating them (a `set -e` script stops at a failing one). */
  simulateProbes?: boolean;
}

/** Reads `file` (`-` is stdin). Never throws; an unreadable file gives an error diagnostic. */
export function readInput(file: string, script: ScriptOptions = {}): Input {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { file, kind: 'design', diagnostics: [{ level: 'error', file, message: `cannot read: ${why}` }], locate: (d) => d };
  }
  const isJson = file.endsWith('.json') || (!file.endsWith('.sh') && text.trimStart().startsWith('{'));
  if (isJson) {
    const r = parseDesign(text, file);
    const offsets = jsonPathOffsets(text);
    const locate = (d: Diagnostic): Diagnostic => {
      if (d.file) return d;
      const at = d.path === undefined ? undefined : offsets.get(d.path) ?? offsets.get(d.path.replace(/\.[^.[\]]+$/, ''));
      return { ...d, file, line: at === undefined ? undefined : lineColumnAt(text, at).line };
    };
    return { file, kind: 'design', design: r.design, diagnostics: r.diagnostics, locate };
  }
  const files: Record<string, string> = {};
  const problems: Diagnostic[] = [];
  for (const c of script.companions ?? []) {
    try {
      const body = readFileSync(c, 'utf8');
      files[c] = body;
      files[c.replace(/^.*\//, '')] ??= body;
    } catch (e) {
      problems.push({ level: 'error', file: c, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}` });
    }
  }
  const r = importScript(text, { file, files, args: script.args, ...(script.simulateProbes ? { probe: simulatedProbeOutcome(1) } : {}) });
  r.diagnostics.unshift(...problems);
  const sources: Record<Id, number[]> = r.sources ?? {};
  const locate = (d: Diagnostic): Diagnostic => {
    if (d.file) return d;
    const lines = d.object ? sources[d.object] : undefined;
    return { ...d, file, line: lines?.length ? Math.min(...lines) : undefined };
  };
  return { file, kind: 'script', design: r.design, diagnostics: r.diagnostics, locate };
}

/** Writes diagnostics to stderr as `file:line: level: message`. */
export function report(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Splits `-o VALUE` / `--output VALUE` / `--output=VALUE` out of args. */
export function takeOption(args: string[], names: string[]): { value?: string; rest: string[]; error?: string } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = names.find((n) => n.startsWith('--') && a.startsWith(`${n}=`));
    if (eq) value = a.slice(eq.length + 1);
    else if (names.includes(a)) {
      if (i + 1 >= args.length) return { rest, error: `${a} needs a value` };
      value = args[++i];
    } else rest.push(a);
  }
  return { value, rest };
}
