import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffObservations } from '../../core/observation/diff';

function vnetlab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/vnetlab.mjs', ...args], { encoding: 'utf8', timeout: 600_000 });
}

describe('vnetlab simulate', () => {
  it('prints the kernel-shaped observation, setup failures included, that agrees with the measured case', () => {
    const dir = 'fixtures/conformance/macvlan-on-bridge-port';
    const r = vnetlab('simulate', `${dir}/topology.sh`, '--probes', `${dir}/probes.txt`, '--json');
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
    expect(diffObservations(expected, JSON.parse(r.stdout))).toEqual([]);
    expect(r.stderr).toMatch(/topology\.sh:8: error: RTNETLINK answers: Device or resource busy/);
  });

  it('prints a readable report with verdicts, tcpdump-style captures and drop reasons', () => {
    const dir = 'fixtures/conformance/macvlan-private-mac3';
    const r = vnetlab('simulate', `${dir}/topology.sh`, '--probes', `${dir}/probes.txt`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[0\] ping ns1 192\.168\.0\.200: FAILED: no_reply/);
    expect(r.stdout).toMatch(/ethertype ARP \(0x0806\), length 42: Request who-has 192\.168\.0\.200 tell 192\.168\.0\.100/);
    expect(r.stdout).toMatch(/Why frames were dropped/);
  });

  it('refuses a missing probes option with a usage message and status 2', () => {
    const r = vnetlab('simulate', 'fixtures/conformance/nat-masquerade/topology.sh');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: vnetlab simulate/);
  });
});
