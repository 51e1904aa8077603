import { describe, expect, it } from 'vitest';
import { highlightLine } from './highlight';

describe('script colouring', () => {
  it('colours the command, keywords, options and addresses and keeps the text intact', () => {
    const line = 'ip -n ns1 addr add 192.168.0.100/24 dev mac1  # child';
    const toks = highlightLine(line);
    expect(toks.map((t) => t.text).join('')).toBe(line);
    expect(toks.find((t) => t.text === 'ip')?.cls).toBe('command');
    expect(toks.find((t) => t.text === '-n')?.cls).toBe('option');
    expect(toks.find((t) => t.text === '192.168.0.100/24')?.cls).toBe('address');
    expect(toks.find((t) => t.text === 'dev')?.cls).toBe('keyword');
    expect(toks.at(-1)).toEqual({ text: '# child', cls: 'comment' });
  });

  it('recognises quoted addresses as the exporter writes them', () => {
    expect(highlightLine("ip addr add '10.0.0.1/24' dev 'br0'").find((t) => t.text === "'10.0.0.1/24'")?.cls).toBe('address');
  });

  it('treats a whole comment line as a comment', () => {
    expect(highlightLine('# phys: eth0')).toEqual([{ text: '# phys: eth0', cls: 'comment' }]);
  });
});
