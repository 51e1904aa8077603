/**
 * `ip -batch FILE` / `ip -b -` (commands on standard input, usually a here-document): each line
 * is one `ip` command line, run with the options given before `-batch`. As iproute2's `batch()`
 * (ip/ip.c): `#` starts a comment, a trailing `\` joins the next line, words split on blanks
 * with quotes kept together; the first failing line stops the batch ("Command failed FILE:N")
 * unless `-force` is given, and the exit status is 1 if any line failed.
 */
import { matches } from './args';
import type { ImportState } from './state';

export interface Batch {
  /** The global options before `-batch`, given to every line (`-n NS`, `-4` …). */
  globals: string[];
  /** `-` for standard input, or a file name. */
  file: string;
  force: boolean;
}

/** Finds `-batch FILE` among `ip`'s leading options; undefined when the command is not a batch. */
export function batchOf(argv: string[]): Batch | undefined {
  const globals: string[] = [];
  let file: string | undefined;
  let force = false;
  for (let i = 0; i < argv.length && argv[i].startsWith('-') && argv[i].length > 1; i++) {
    const o = argv[i].startsWith('--') ? argv[i].slice(1) : argv[i];
    if (o === '-b' || (o.length > 3 && matches(o, '-batch'))) { file = argv[++i] ?? ''; continue; }
    if (o === '-force') { force = true; continue; }
    globals.push(argv[i]);
    // options that take a value
    if (o === '-n' || o === '-f' || (o.length >= 4 && (matches(o, '-netns') || matches(o, '-family'))) || (o.length > 3 && (matches(o, '-rcvbuf') || matches(o, '-loops')))) {
      if (argv[i + 1] !== undefined) globals.push(argv[++i]);
    }
  }
  return file === undefined ? undefined : { globals, file, force };
}

/** The batch text's command lines: [line number, words]. */
export function batchLines(text: string): [number, string[]][] {
  const out: [number, string[]][] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const first = n + 1;
    let line = raw[n];
    while (line.endsWith('\\') && n + 1 < raw.length) line = line.slice(0, -1) + raw[++n];
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    const words = splitWords(line);
    if (words.length) out.push([first, words]);
  }
  return out;
}

/** iproute2's makeargs: blanks separate words; a quoted run is one word without its quotes. */
function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (const c of line) {
    if (quote) { if (c === quote) quote = undefined; else cur += c; continue; }
    if (c === '"' || c === "'") { quote = c; cur = cur ?? ''; continue; }
    if (/\s/.test(c)) { if (cur !== undefined) words.push(cur); cur = undefined; continue; }
    cur = (cur ?? '') + c;
  }
  if (cur !== undefined) words.push(cur);
  return words;
}

/** Runs a batch; `run` runs one `ip` command line and returns its status. */
export function runBatch(st: ImportState, b: Batch, text: string | undefined, run: (argv: string[]) => number): number {
  if (text === undefined) {
    st.fail(`Cannot open file "${b.file}" for reading: No such file or directory`, 'missing-file');
    return 1;
  }
  let status = 0;
  for (const [n, words] of batchLines(text)) {
    if (run([...b.globals, ...words]) === 0) continue;
    // iproute2's own line on stderr after the tool's refusal (said at the `ip -batch` line)
    st.warn(`Command failed ${b.file}:${n}`, 'batch-failed');
    status = 1;
    if (!b.force) break;
  }
  return status;
}
