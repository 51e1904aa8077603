/**
 * An example is a plain script in `fixtures/examples/` whose comment lines carry its title
 * (`# title: …`) and its explanation (`# about: …`, one or more lines forming a paragraph).
 */

export interface ExampleMeta {
  /** File stem, e.g. `01-macvlan-bridge`; stable, used as the card's id. */
  id: string;
  title: string;
  about: string;
}

/** The title and explanation written in an example script's comments. */
export function exampleMeta(id: string, text: string): ExampleMeta {
  let title = id;
  const about: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^#\s*(title|about):\s?(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'title') title = m[2].trim();
    else about.push(m[2].trim());
  }
  return { id, title, about: about.join(' ') };
}

/** The file stem of a path: `/a/b/01-x.sh` → `01-x`. */
export function stemOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.sh$/, '');
}
