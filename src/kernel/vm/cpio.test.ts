import { describe, expect, it } from 'vitest';
import { cpioArchive, cpioList } from './cpio';

describe('cpio newc archive', () => {
  it('holds directories, files, symlinks and device nodes, in order, and reads back', () => {
    const a = cpioArchive([
      { type: 'dir', path: 'bin' },
      { type: 'file', path: 'bin/busybox', data: Buffer.from('abcde'), mode: 0o755 },
      { type: 'symlink', path: 'bin/sh', target: 'busybox' },
      { type: 'char', path: 'dev/console', major: 5, minor: 1 },
    ]);
    expect(a.length % 4).toBe(0);
    const l = cpioList(a);
    expect(l.map((e) => e.path)).toEqual(['bin', 'bin/busybox', 'bin/sh', 'dev/console']);
    expect(l[0].mode).toBe(0o040755);
    expect(l[1].mode).toBe(0o100755);
    expect(l[1].data.toString()).toBe('abcde');
    expect(l[2].data.toString()).toBe('busybox');
    expect(l[3].mode).toBe(0o020600);
    expect(a.subarray(a.length - 124).toString('latin1')).toContain('TRAILER!!!');
  });

  it('is the same bytes for the same entries', () => {
    const e = [{ type: 'file' as const, path: 'init', data: Buffer.from('#!/bin/sh\n') }];
    expect(cpioArchive(e).equals(cpioArchive(e))).toBe(true);
  });

  it('refuses paths that climb out', () => {
    expect(() => cpioArchive([{ type: 'dir', path: '../etc' }])).toThrow(/bad archive path/);
  });
});
