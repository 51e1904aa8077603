/**
 * An example is a plain script in `fixtures/examples/` whose comment lines carry its title
 * (`# title: …`), its explanation (`# about: …`, one or more lines forming a paragraph) and
 * what to try: suggested tests (`# test: ping ns1 10.0.0.2 => reply`). A lab adds its task
 * (`# task: …`), goal tests (`# goal: PROBE => reply`) and the faults it starts with
 * (`# fault: link-down NS DEV`, `wrong-mask NS DEV PREFIX`, `missing-route NS DST`,
 * `hairpin-off NS DEV`, `rp-filter NS`).
 */

export interface ExampleTest { probe: string; expect: 'reply' | 'no-reply'; goal: boolean }

export interface ExampleMeta {
  /** File stem, e.g. `01-macvlan-bridge`; stable, used as the card's id. */
  id: string;
  title: string;
  about: string;
  tests: ExampleTest[];
  task?: string;
  /** Fault lines as written, e.g. `link-down ns1 veth0`. */
  faults: string[];
}

/** The title, explanation, tests and lab written in an example script's comments. */
export function exampleMeta(id: string, text: string): ExampleMeta {
  let title = id;
  const about: string[] = [];
  const task: string[] = [];
  const tests: ExampleTest[] = [];
  const faults: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^#\s*(title|about|test|goal|task|fault):\s?(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2].trim();
    if (m[1] === 'title') title = value;
    else if (m[1] === 'about') about.push(value);
    else if (m[1] === 'task') task.push(value);
    else if (m[1] === 'fault') faults.push(value);
    else {
      const t = /^(.*?)\s*=>\s*(reply|no-reply)$/.exec(value);
      if (t) tests.push({ probe: t[1], expect: t[2] as ExampleTest['expect'], goal: m[1] === 'goal' });
    }
  }
  const meta: ExampleMeta = { id, title, about: about.join(' '), tests, faults };
  if (task.length) meta.task = task.join(' ');
  return meta;
}

/** The file stem of a path: `/a/b/01-x.sh` → `01-x`. */
export function stemOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.sh$/, '');
}
