import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import { validateDesign } from './validate';

// Every conformance script the kernel ran without a failing line is a design the kernel
// accepts: validation must not call any part of it an error.
const scripts = import.meta.glob('/fixtures/{conformance,conformance-debian-6.1}/*/topology.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const expected = import.meta.glob('/fixtures/{conformance,conformance-debian-6.1}/*/expected.json', { import: 'default', eager: true }) as Record<string, { setup?: { failed?: unknown[] } }>;
const accepted = Object.keys(scripts).sort().filter((f) => (expected[f.replace(/topology\.sh$/, 'expected.json')]?.setup?.failed ?? []).length === 0);

describe('validateDesign on designs the kernel accepted', () => {
  it('finds the cases', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(70);
  });

  it.each(accepted)('%s has no errors', (file) => {
    const { design } = importScript(scripts[file], { file });
    expect(validateDesign(design).filter((d) => d.level === 'error')).toEqual([]);
  });

  it('warns about vepa siblings exactly where no hairpin reflects them', () => {
    const codes = (name: string) => {
      const file = Object.keys(scripts).find((f) => f.includes(`/${name}/`))!;
      return validateDesign(importScript(scripts[file], { file }).design).map((d) => d.code);
    };
    expect(codes('vlan-macvlan-vepa-no-hairpin')).toContain('vepa-no-hairpin');
    expect(codes('vlan-macvlan-vepa-hairpin-fieldnotes')).not.toContain('vepa-no-hairpin');
    expect(codes('macvlan-vepa-mac3')).toContain('vepa-no-hairpin');
    expect(codes('macvlan-vepa-mac3-hairpin')).not.toContain('vepa-no-hairpin');
  });
});
