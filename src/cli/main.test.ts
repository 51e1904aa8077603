import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportScripts } from '../core/iproute2/export/index';
import { parseDesign, serializeDesign } from '../core/model/schema';
import { macvlanBridgeDesign } from '../core/iproute2/export/test-designs';

const FIXTURE = 'fixtures/conformance/macvlan-bridge-mac3-fieldnotes/topology.sh';
const tmp = mkdtempSync(join(tmpdir(), 'vnetlab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function vnetlab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/vnetlab.mjs', ...args], { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vnetlab command line', () => {
  it('lists its commands with --help, marking the ones not installed', () => {
    const r = vnetlab('--help');
    expect(r.status).toBe(0);
    for (const c of ['import', 'export', 'validate', 'simulate', 'verify', 'doctor']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('refuses an unknown command with exit status 2', () => {
    const r = vnetlab('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('imports a script to a design on stdout and to a file', () => {
    const r = vnetlab('import', FIXTURE);
    expect(r.status).toBe(0);
    const parsed = parseDesign(r.stdout, 'stdout');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.design?.hosts.find((h) => h.role === 'host')?.devices.map((d) => d.name)).toEqual(expect.arrayContaining(['eth0', 'mac1', 'mac2', 'mac3']));
    const out = join(tmp, 'd.json');
    expect(vnetlab('import', FIXTURE, '-o', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('exports one machine to stdout, from a design file or straight from a script', () => {
    const file = join(tmp, 'macvlan.json');
    writeFileSync(file, serializeDesign(macvlanBridgeDesign()));
    const r = vnetlab('export', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(exportScripts(macvlanBridgeDesign(), { mode: 'setup' })[0].text);
    const fromScript = vnetlab('export', FIXTURE, '--teardown');
    expect(fromScript.status).toBe(0);
    expect(fromScript.stdout).toMatch(/ip netns del 'ns1' \|\| true/);
  });

  it('writes executable files with -o', () => {
    const dir = join(tmp, 'out');
    const r = vnetlab('export', FIXTURE, '--sandbox', '-o', dir);
    expect(r.status, r.stderr).toBe(0);
    const path = join(dir, 'network-sandbox.sh');
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o111).not.toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/exec unshare --mount --propagation private --net --pid --fork --mount-proc --kill-child/);
  });

  it('validates, printing file:line: level: message and exiting 0', () => {
    const file = join(tmp, 'bad.json');
    const d = macvlanBridgeDesign();
    d.hosts[0].devices.find((x) => x.name === 'mac3')!.name = 'bad name';
    const text = serializeDesign(d);
    writeFileSync(file, text);
    const r = vnetlab('validate', file);
    expect(r.status).toBe(0);
    const line = text.split('\n').findIndex((l) => l.includes('"bad name"')) + 1;
    expect(r.stderr).toContain(`${file}:${line}: error: interface name "bad name" contains "/", ":" or whitespace`);
    expect(r.stderr).toMatch(/1 error\(s\)/);
  });

  it('reports an unreadable input with exit status 1 and a located JSON error', () => {
    expect(vnetlab('validate', join(tmp, 'missing.json')).status).toBe(1);
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{\n  "format": "vnetlab-design",\n  oops\n}\n');
    const r = vnetlab('export', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:3: error: invalid JSON at line 3`, 'm'));
  });

  it('answers usage errors with exit status 2', () => {
    expect(vnetlab('export').status).toBe(2);
    expect(vnetlab('export', FIXTURE, '--teardown', '--sandbox').status).toBe(2);
    expect(vnetlab('import', FIXTURE, '--bogus').status).toBe(2);
  });
});
