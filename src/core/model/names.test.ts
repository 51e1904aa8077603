import { describe, expect, it } from 'vitest';
import { interfaceNameProblem, macProblem, namespaceNameProblem } from './names';

describe('kernel naming rules', () => {
  it('accepts names the kernel accepts, however odd', () => {
    for (const n of ['eth0', 'a$(id)', 'b;c', 'mac1@eth0', "it's", '123456789012345', 'é', 'ü0', 'a@b', 'a.b', '-x', 'a=b', 'help', 'br']) expect(interfaceNameProblem(n)).toBeUndefined();
  });
  it('refuses names the kernel refuses', () => {
    for (const n of ['', '.', '..', 'a/b', 'a:b', 'a b', 'a\tb', '1234567890123456', 'ééééééééé', 'à', 'Š', 'a%d', 'x%', 'all', 'default']) expect(interfaceNameProblem(n)).toBeDefined();
  });
  it('checks namespace names and MACs', () => {
    expect(namespaceNameProblem('ns1')).toBeUndefined();
    expect(namespaceNameProblem('a/b')).toBeDefined();
    expect(macProblem('02:00:00:00:00:01')).toBeUndefined();
    expect(macProblem('01:00:5e:00:00:01')).toBeDefined();
    expect(macProblem('zz:00:00:00:00:01')).toBeDefined();
  });
});
