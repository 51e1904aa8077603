import { describe, expect, it } from 'vitest';
import { exampleMeta, stemOf } from './example-meta';

const examples = import.meta.glob('/fixtures/examples/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('example scripts', () => {
  it('reads the title and joins the explanation lines into one paragraph', () => {
    const m = exampleMeta('x', '#!/bin/bash\n# title: A title\n# about: first line\n# about: second line\nip link add d type dummy\n');
    expect(m).toEqual({ id: 'x', title: 'A title', about: 'first line second line' });
  });

  it('gives every example in fixtures/examples a title and an explanation', () => {
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(10);
    for (const [path, text] of Object.entries(examples)) {
      const m = exampleMeta(stemOf(path), text);
      expect(m.title, path).not.toBe(m.id);
      expect(m.about.length, path).toBeGreaterThan(80);
    }
  });
});
