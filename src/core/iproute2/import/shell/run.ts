/**
 * Runs parsed statements like bash without `set -e`: `&&`/`||` short-circuit, `for` loops
 * expand their variable, assignments set variables, and a failing command does not stop
 * the script. Commands themselves are handed to a callback.
 */
import type { Word } from './lexer';
import type { SimpleCommand, Statement } from './parser';

export interface RunHooks {
  vars: Map<string, string>;
  /** Sets the current line for reporting. */
  at(line: number): void;
  warn(message: string): void;
  info(message: string): void;
  /** Runs one expanded command; returns its success. */
  command(argv: string[], redirectTo: string | undefined, pipeTo: string[][] | undefined): boolean;
}

/** Upper bound on commands run, so a runaway loop cannot hang the import. */
export const MAX_COMMANDS = 50_000;

const SPECIAL_DEFAULTS: Record<string, string> = { '?': '0', '#': '0', '$': '1', '0': 'bash' };

/** Expands a word into fields: variables substituted, unquoted expansions split on blanks. */
export function expandWord(word: Word, hooks: RunHooks, unset: Set<string>): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  for (const p of word.parts) {
    if (!p.variable) { cur += p.text; has = true; if (p.quoted) has = true; continue; }
    let v = hooks.vars.get(p.variable);
    if (v === undefined) {
      v = SPECIAL_DEFAULTS[p.variable] ?? '';
      if (!(p.variable in SPECIAL_DEFAULTS)) unset.add(p.variable);
    }
    if (p.quoted) { cur += v; has = true; continue; }
    const pieces = v.split(/[ \t\n]+/);
    for (let k = 0; k < pieces.length; k++) {
      if (k > 0) { if (has || cur) fields.push(cur); cur = ''; has = false; }
      if (pieces[k]) { cur += pieces[k]; has = true; }
    }
  }
  if (has || cur) fields.push(cur);
  return fields;
}

/** `{1..3}` in a for list, the one brace expansion scripts use to count namespaces. */
function braceRange(s: string): string[] | undefined {
  const m = /^(.*)\{(-?\d+)\.\.(-?\d+)\}(.*)$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[2]);
  const b = Number(m[3]);
  if (Math.abs(b - a) > 1000) return undefined;
  const out: string[] = [];
  for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) out.push(`${m[1]}${k}${m[4]}`);
  return out;
}

/**
 * Runs statements; returns the status of the last one. `budget` limits the commands run
 * by one top-level loop (nested loops share it), so a runaway loop stops alone.
 */
export function runStatements(statements: Statement[], hooks: RunHooks, budget?: { left: number }): boolean {
  let status = true;
  for (const s of statements) {
    if (budget && budget.left <= 0) return status;
    if (s.join === '&&' && !status) continue;
    if (s.join === '||' && status) continue;
    const node = s.node;
    if (node.kind === 'skipped') {
      hooks.at(node.line);
      hooks.warn(`"${node.what}" blocks are not run by the importer; their commands are skipped`);
      status = true;
      continue;
    }
    if (node.kind === 'for') {
      hooks.at(node.line);
      const items: string[] = [];
      for (const w of node.items) {
        for (const f of expandWord(w, hooks, new Set())) items.push(...(braceRange(f) ?? [f]));
      }
      const loopBudget = budget ?? { left: MAX_COMMANDS };
      for (const item of items) {
        if (loopBudget.left <= 0) break;
        hooks.vars.set(node.variable, item);
        status = runStatements(node.body, hooks, loopBudget);
      }
      if (!budget && loopBudget.left <= 0) {
        hooks.at(node.line);
        hooks.warn(`loop stopped after ${MAX_COMMANDS} commands`);
      }
      continue;
    }
    if (budget) budget.left--;
    status = runSimple(node, hooks);
  }
  return status;
}

function runSimple(cmd: SimpleCommand, hooks: RunHooks): boolean {
  hooks.at(cmd.line);
  const unset = new Set<string>();
  const expand = (c: SimpleCommand) => c.words.flatMap((w) => expandWord(w, hooks, unset));
  let argv = expand(cmd);
  // Leading NAME=value words are assignments (alone they set shell variables).
  let k = 0;
  while (k < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[k])) k++;
  if (k === argv.length && k > 0) {
    for (const a of argv) {
      const eq = a.indexOf('=');
      hooks.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return true;
  }
  argv = argv.slice(k);
  for (const v of unset) hooks.warn(`variable $${v} is not set; it expands to nothing`);
  const out = cmd.redirects.find((r) => /^[1&]?>>?$/.test(r.op) && r.target);
  const redirectTo = out?.target ? expandWord(out.target, hooks, new Set()).join(' ') : undefined;
  const pipeTo = cmd.pipeTo?.map(expand);
  if (!argv.length) return true;
  return hooks.command(argv, redirectTo, pipeTo);
}
