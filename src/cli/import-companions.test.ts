/** `vnetlab import MAIN.sh LIB.sh -- ARGS`: companion files by name, positional arguments. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDesign } from '../core/model/schema';

const tmp = mkdtempSync(join(tmpdir(), 'vnetlab-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function vnetlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/vnetlab.mjs'), ...args], { encoding: 'utf8', timeout: 60_000, cwd: tmp });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MAIN = `set -e
. ./vars.sh
[ $# -lt 1 ] && { echo "usage: $0 N"; exit 1; }
ip link add "$BR" type bridge
ip link set "$BR" up
for i in $(seq 1 "$1"); do
  ip netns add "ns$i"
  ip link add "v$i" type veth peer name eth0 netns "ns$i"
  ip link set "v$i" master "$BR" up
  ip -n "ns$i" addr add "10.10.0.$((i + 10))/24" dev eth0
  ip -n "ns$i" link set eth0 up
done
ip netns exec ns1 ping -c 1 -W 1 10.10.0.12
ip netns exec ns1 ping -c 1 -W 1 10.10.0.99
ip link add never type dummy
`;

describe('vnetlab import with companion files and arguments', () => {
  writeFileSync(join(tmp, 'lab.sh'), MAIN);
  writeFileSync(join(tmp, 'vars.sh'), 'BR=br-lab\n');

  it('sources the companion, takes the arguments, and stops where a failing ping stops set -e', () => {
    const r = vnetlab('import', 'lab.sh', 'vars.sh', '--', '2');
    expect(r.status, r.stderr).toBe(0);
    const d = parseDesign(r.stdout, 'stdout').design!;
    const names = d.hosts[0].devices.map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['br-lab', 'v1', 'v2']));
    expect(names).not.toContain('never');
    expect(d.tests?.map((t) => [t.probe, t.line])).toEqual([['ping ns1 10.10.0.12 count=1 wait=1', 13], ['ping ns1 10.10.0.99 count=1 wait=1', 14]]);
    expect(r.stderr).toMatch(/lab\.sh:14: info: "set -e"/);
  });

  it('warns, naming the file, when a sourced file is not given; the usage check exits without arguments', () => {
    const r = vnetlab('import', 'lab.sh');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/lab\.sh:2: warning: "\.\/vars\.sh" was not given/);
    expect(parseDesign(r.stdout, 'stdout').design!.hosts[0].devices.map((x) => x.name)).toEqual(['lo']);
  });

  it('fails with status 1 when a companion cannot be read', () => {
    const r = vnetlab('import', 'lab.sh', 'missing.sh', '--', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.sh: error: cannot read: no such file/);
  });
});
