/**
 * `vnetlab verify DESIGN.json` on a design whose exported script fails on the kernel: it
 * exits 1, names the line and the kernel's message, and compares nothing else. And
 * `vnetlab verify SCRIPT`: a failing helper command is not a network line, and a script's own
 * ping that gets no reply fails on both sides.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { run } from '../cli/commands/verify';
import { addAddress, addDevice, rename } from '../core/model/edit';
import { Bench } from '../core/model/edit/test-support';
import { describeAsRoot } from './root-suite';

const dir = mkdtempSync(join(tmpdir(), 'vnetlab-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeAsRoot('verify of a design whose exported script fails', () => {
  it('exits 1 naming the failed line and the kernel\'s message', async () => {
    const b = new Bench();
    const [a] = b.apply((d, ids) => addDevice(d, 'veth', b.rootNs, { x: 0, y: 0 }, ids));
    b.apply((d) => rename(d, a, 'help'));
    b.apply((d) => addAddress(d, a, { cidr: '10.0.0.1/24' }));
    // iproute2 refuses an alias of IFALIASZ (256) bytes or more; validation says so, and the
    // exporter writes the line anyway (only names and references block an export)
    const design = structuredClone(b.design);
    design.hosts[0].devices.find((x) => x.id === a)!.alias = 'x'.repeat(300);
    const file = join(dir, 'design.json');
    writeFileSync(file, JSON.stringify(design));
    writeFileSync(join(dir, 'probes.txt'), 'ping host 10.0.0.1\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await run([file, '--probes', join(dir, 'probes.txt')]);
    const text = err.mock.calls.flat().join('\n');
    err.mockRestore();
    out.mockRestore();
    expect(code).toBe(1);
    expect(text).toMatch(/the exported script failed on the kernel/);
    expect(text).toMatch(/line \d+: ip link set dev 'help' alias 'x{300}': .*alias too long/);
  });

  it('compares a script\'s failed lines as the kernel ran them: network commands, its own pings', async () => {
    const script = [
      '#!/bin/bash',
      'ip netns add red',
      'ip link add name v0 type veth peer name v1 netns red',
      'ip addr add 10.0.0.1/24 dev v0',
      'ip -n red addr add 10.0.0.2/24 dev v1',
      'ip link set v0 up',
      'ip -n red link set v1 up',
      'grep -q no-such-text /etc/hostname',
      // links come up asynchronously: people wait a moment before their first ping
      'sleep 1',
      'ping -c 2 -W 1 10.0.0.2',
      'ping -c 1 -W 1 10.0.0.9',
    ].join('\n') + '\n';
    const file = join(dir, 'topology.sh');
    writeFileSync(file, script);
    writeFileSync(join(dir, 'probes.txt'), 'ping host 10.0.0.2\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await run([file, '--probes', join(dir, 'probes.txt')]);
    const text = out.mock.calls.flat().join('\n');
    err.mockRestore();
    out.mockRestore();
    expect(text).toMatch(/ agree /);
    expect(code, text).toBe(0);
  });
});
