/**
 * The script importer: reads a bash script as people write and paste it and replays it
 * like a shell with a Linux kernel behind it, giving the design (final configuration),
 * located diagnostics, the lines behind each object, and the lines the kernel would refuse.
 */
import { allIds } from '../../model/design';
import type { Diagnostic } from '../../model/diagnostics';
import type { Design, Id } from '../../model/types';
import { parseWorldHeader } from '../../world/header';
import { dispatch } from './dispatch';
import { lex } from './shell/lexer';
import { parse } from './shell/parser';
import { stripPrompts } from './shell/prompts';
import { runStatements } from './shell/run';
import { ImportState } from './state';
import { buildWorld } from './world';

export interface ImportResult {
  design: Design;
  diagnostics: Diagnostic[];
  /** Object id → script lines that created or changed it (for cross-highlighting). */
  sources: Record<Id, number[]>;
  /** Lines the kernel or the tools would refuse. */
  failedLines: number[];
}

export interface ImportOptions {
  /** File name used in diagnostics; default "script". */
  file?: string;
}

/** Imports a bash script into a design. Never throws. */
export function importScript(text: string, opts: ImportOptions = {}): ImportResult {
  const file = opts.file ?? 'script';
  const raw = typeof text === 'string' ? text.replace(/^\ufeff/, '') : '';
  // Web pages turn spaces into no-break or ideographic spaces; bash would see one long word.
  const oddSpace = /[\u00a0\u2000-\u200b\u3000]/;
  const oddLine = raw.split('\n').findIndex((l) => oddSpace.test(l));
  const source = oddLine < 0 ? raw : raw.replace(/[\u00a0\u2000-\u200b\u3000]/g, ' ');
  const { header, diagnostics: headerDiags } = parseWorldHeader(source, file);
  const world = buildWorld(header);
  const st = new ImportState(world.design, world.ids, world.main, file);
  st.diagnostics.push(...headerDiags);

  if (oddLine >= 0) {
    st.line = oddLine + 1;
    st.warn('no-break or ideographic spaces (from a web page) were read as plain spaces', 'odd-space');
  }
  const prompts = stripPrompts(source);
  if (prompts.stripped.length) {
    st.line = prompts.stripped[0];
    st.info(`shell prompts pasted with the commands were removed on ${prompts.stripped.length} line(s)`, 'prompt');
  }
  const lexed = lex(prompts.text);
  const parsed = parse(lexed.tokens);
  const syntaxBad = new Set<number>();
  for (const p of [...lexed.problems, ...parsed.problems]) {
    st.line = p.line;
    if (p.level === 'error') { syntaxBad.add(p.line); st.fail(p.message, 'syntax'); } else st.warn(p.message, 'shell');
  }

  st.subshell = (scope, text) => {
    const line = st.line;
    const inner = parse(lex(text).tokens);
    return runStatements(inner.statements, {
      vars: st.vars,
      at: () => { st.line = line; },
      warn: (m) => st.warn(m, 'shell'),
      info: (m) => st.info(m, 'shell'),
      command: (argv, redirectTo, pipeTo) => dispatch(st, scope, argv, { redirectTo, pipeTo }),
    }, { left: 10_000 });
  };

  runStatements(parsed.statements, {
    vars: st.vars,
    at: (line) => { st.line = line; },
    warn: (m) => st.warn(m, 'shell'),
    info: (m) => st.info(m, 'shell'),
    command: (argv, redirectTo, pipeTo) => {
      // bash refuses a line with a syntax error; its command never runs.
      if (syntaxBad.has(st.line)) return false;
      return dispatch(st, st.rootScope(), argv, { redirectTo, pipeTo });
    },
  });

  const live = new Set(allIds(world.design));
  const sources = Object.fromEntries(Object.entries(st.sources()).filter(([id]) => live.has(id)));
  st.diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { design: world.design, diagnostics: st.diagnostics, sources, failedLines: st.failedLines() };
}

export { lex } from './shell/lexer';
export type { Token, Word, WordPart } from './shell/lexer';
export { parse } from './shell/parser';
export { stripPrompts } from './shell/prompts';
export { findNamespace, linkView, routeKeys, routeKeyFromText, type LinkView } from './compare';
