import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, name, usage } from './verify';

afterEach(() => vi.restoreAllMocks());

describe('vnetlab verify', () => {
  it('is registered as verify with a usage text', () => {
    expect(name).toBe('verify');
    expect(usage).toMatch(/^usage: vnetlab verify FILE\.sh\|FILE\.json \[COMPANION\.sh…\] --probes/);
  });

  it('refuses to run without root, with a clear message and exit status 2', async () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['design.sh', '--probes', 'probes.txt'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/needs root/);
  });

  it('runs without root when asked for the VM (qemu needs no root; the sandboxes are in the guest)', async () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['no-such-design.sh', '--probes', 'no-such-probes.txt', '--vm'])).toBe(2);
    const text = err.mock.calls.flat().join('\n');
    expect(text).not.toMatch(/needs root/);
    expect(text).toMatch(/no-such-design\.sh/);
    expect(usage).toMatch(/--vm +run it in a throw-away VM/);
  });

  it('rejects missing probes and unknown options as usage errors', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['design.sh'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/missing --probes/);
    expect(await run(['design.sh', '--probes', 'p.txt', '--frobnicate'])).toBe(2);
    expect(await run(['design.sh', '--probes', 'p.txt', '--seed', 'x'])).toBe(2);
  });

  it('takes companion files and -- arguments for a script only', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['design.json', 'lib.sh', '--probes', 'p.txt'])).toBe(2);
    expect(await run(['design.json', '--probes', 'p.txt', '--', 'a'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/companion files and arguments are for a script/);
  });
});
