/** The interpreter wired to the design: exit statuses, queries, machine files, probes, stops. */
import { describe, expect, it } from 'vitest';
import { importScript } from './index';

const devs = (r: ReturnType<typeof importScript>, ns = 'host') => {
  const h = r.design.hosts[0];
  const n = ns === 'host' ? h.namespaces.find((x) => x.root) : h.namespaces.find((x) => x.name === ns);
  return h.devices.filter((d) => d.ns === n?.id).map((d) => d.name);
};

describe('network commands as commands of the shell', () => {
  it('reads set -euo pipefail as three options, keeping the script arguments', () => {
    const r = importScript('set -euo pipefail\n[ $# -lt 1 ] && exit 1\nN=$1\nfor i in $(seq 1 "$N"); do ip netns add "ct$i"; done\nset -o errexit -o nounset\nip netns add "last$N"\n', { args: ['3'] });
    expect(r.design.hosts[0].namespaces.map((n) => n.name).filter((n) => n !== 'host')).toEqual(['ct1', 'ct2', 'ct3', 'last3']);
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('answers ip link show from the design, so idempotent checks work', () => {
    const r = importScript('if ! ip link show br0 >/dev/null 2>&1; then ip link add br0 type bridge; fi\nip link show br0 > /dev/null && ip link add ok type dummy\nip link del nope 2>/dev/null || true\n');
    expect(devs(r)).toEqual(['lo', 'br0', 'ok']);
    expect(r.failedLines).toEqual([]);
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('gives $(ip netns identify) and ip netns list their kernel output', () => {
    const r = importScript('ip netns add red\nip netns add blue\nN=$(ip netns list | head -1)\nip netns exec red sh -c \'ip link add "$(ip netns identify)-d" type dummy\'\n');
    expect(devs(r, 'red')).toEqual(['lo', 'red-d']);
  });

  it('writes /proc/sys through echo, tee and sh -c in the namespace they run in', () => {
    const r = importScript('ip netns add r\necho 1 > /proc/sys/net/ipv4/ip_forward\necho 1 | sudo ip netns exec r tee /proc/sys/net/ipv4/ip_forward >/dev/null\nsudo sh -c "echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter"\n');
    const h = r.design.hosts[0];
    expect(h.namespaces.find((n) => n.root)?.sysctls).toMatchObject({ 'net.ipv4.ip_forward': 1, 'net.ipv4.conf.all.rp_filter': 0 });
    expect(h.namespaces.find((n) => n.name === 'r')?.sysctls).toMatchObject({ 'net.ipv4.ip_forward': 1 });
  });

  it('stops a set -e script at the first refusal, where bash stops, and says so', () => {
    const r = importScript('set -e\nip link add a type dummy\nip link add a type dummy\nip link add b type dummy\n', { file: 's.sh' });
    expect(devs(r)).toEqual(['lo', 'a']);
    expect(r.stoppedAt).toMatchObject({ file: 's.sh', line: 3, reason: 'errexit' });
    expect(r.exitStatus).toBe(2);
    expect(r.failedLines).toEqual([3]);
    expect(r.trappedLines).toEqual([3]);
  });

  it('counts a refusal inside a function as failed but not as an ERR-trap line', () => {
    const r = importScript('f() { ip link add "$1" type dummy; }\nf a\nf a\n');
    expect(r.failedLines).toEqual([1]);
    expect(r.trappedLines).toEqual([]);
  });

  it('saves the script\'s own probes as tests, at their line and step, and notes never-ending lines', () => {
    const r = importScript('ip netns add a\nip netns exec a ping -c 2 -W 1 10.0.0.2\nping 10.0.0.3\ntcpdump -i any\nip link add x type dummy\narping -c 1 -I lo 127.0.0.1\nip -n a neigh flush all\n', { file: 'p.sh' });
    expect(r.design.tests).toEqual([
      { id: 'test1', probe: 'ping a 10.0.0.2 count=2 wait=1', origin: 'script', line: 2, afterStep: 1 },
      { id: 'test2', probe: 'arping host lo 127.0.0.1', origin: 'script', line: 6, afterStep: 2 },
      { id: 'test3', probe: 'neigh-flush a', origin: 'script', line: 7, afterStep: 2 },
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'never-ends').map((d) => d.line)).toEqual([3, 4]);
    expect(r.diagnostics.filter((d) => d.code === 'test-order').map((d) => d.line)).toEqual([2, 6, 7]);
  });

  it('lets a probe outcome decide a ping under set -e', () => {
    const r = importScript('set -e\nping -c 1 10.9.9.9\nip link add never type dummy\n', { probe: () => 1 });
    expect(devs(r)).toEqual(['lo']);
    expect(r.stoppedAt?.line).toBe(2);
  });

  it('reads companion files and arguments', () => {
    const r = importScript('. ./vars.sh\n[ $# -lt 1 ] && exit 1\nfor i in $(seq 1 $1); do ip link add "$PREFIX$i" type dummy; done\n', { files: { 'vars.sh': 'PREFIX=dm' }, args: ['2'] });
    expect(devs(r)).toEqual(['lo', 'dm1', 'dm2']);
    const none = importScript('. ./vars.sh\n[ $# -lt 1 ] && exit 1\nip link add x type dummy\n');
    expect(devs(none)).toEqual(['lo']);
    expect(none.stoppedAt).toMatchObject({ line: 2, reason: 'exit' });
    expect(none.diagnostics).toContainEqual(expect.objectContaining({ level: 'warning', line: 1, code: 'missing-source' }));
  });

  it('runs a companion given as a command, with its arguments', () => {
    const r = importScript('bash ./mk.sh d7\n./mk.sh d8\n', { files: { 'mk.sh': 'ip link add "$1" type dummy\n' } });
    expect(devs(r)).toEqual(['lo', 'd7', 'd8']);
  });

  it('names the file of a problem in a sourced file', () => {
    const r = importScript('source lib.sh\n', { file: 'main.sh', files: { 'lib.sh': '\nip link set nope up\n' } });
    expect(r.diagnostics.find((d) => d.level === 'error')).toMatchObject({ file: 'lib.sh', line: 2 });
  });

  it('treats tunctl as ip tuntap', () => {
    const r = importScript('tunctl -t tap0\ntunctl -t tap1\ntunctl -d tap1\n');
    expect(devs(r)).toEqual(['lo', 'tap0']);
  });
});

describe('constructs the importer cannot fully run are located warnings, never throws', () => {
  const at = (r: ReturnType<typeof importScript>, code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => [d.level, d.line, d.column]);

  it('keeps a glob literal and says where it is', () => {
    const r = importScript('ip link add br0 type bridge\nfor f in /sys/class/net/*; do echo "$f"; done\nip link set eth? up 2>/dev/null || true\ncase x in *) ;; esac\n[[ br0 == br* ]] && echo ok\n');
    expect(at(r, 'glob')).toEqual([['warning', 2, 10], ['warning', 3, 13]]);
    expect(r.diagnostics.find((d) => d.code === 'glob')?.message).toMatch(/\/sys\/class\/net\/\*.*kept as the literal word/);
  });

  it('runs one s/// of sed on a pipe and warns, with the column, about other sed and awk programs', () => {
    const r = importScript('N=$(echo veth-1 | sed \'s/-/_/g\')\nip link add "$N" type dummy\nM=$(ip -o link | sed -n \'s/^[0-9]*: \\([^:]*\\).*/\\1/p\')\nip -o addr | awk \'$3 == "inet" {print $4}\'\nsed -i s/a/b/ /etc/hosts\n');
    expect(devs(r)).toEqual(['lo', 'veth_1']);
    expect(at(r, 'text-filter')).toEqual([['warning', 3, 18], ['warning', 4, 14], ['warning', 5, 1]]);
    expect(r.diagnostics.find((d) => d.line === 5)?.message).toMatch(/\/etc\/hosts is left as it is/);
  });

  it('runs <(…) as a file holding its output and says >(…) is not run', () => {
    const r = importScript('while read n; do ip netns add "$n"; done < <(printf "red\\nblue\\n")\ntee >(grep x) < /dev/null\n');
    expect(r.design.hosts[0].namespaces.map((n) => n.name)).toEqual(['host', 'red', 'blue']);
    expect(at(r, 'process-substitution')).toEqual([['info', 1, 44], ['warning', 2, 5]]);
  });

  it('runs ip -batch from a here-document with the options before it, stopping at the first failure', () => {
    const r = importScript('ip netns add red\nip -n red -batch - <<EOF\nlink add d0 type dummy\n# a comment\nlink set d9 up\nlink add d1 type dummy\nEOF\nip -force -b - <<EOF\nlink set nope up\nlink add h0 type dummy\nEOF\n');
    expect(devs(r, 'red')).toEqual(['lo', 'd0']);
    expect(devs(r)).toEqual(['lo', 'h0']);
    expect(r.diagnostics.filter((d) => d.code === 'batch-failed').map((d) => [d.line, d.message])).toEqual([[2, 'Command failed -:3'], [8, 'Command failed -:1']]);
    expect(r.failedLines).toEqual([2, 8]);
  });

  it('runs the EXIT trap when the script ends', () => {
    const r = importScript('set -e\ncleanup() { ip netns del scratch; }\ntrap cleanup EXIT\nip netns add keep\nip netns add scratch\nip link set nope up\nip netns add never\n');
    expect(r.design.hosts[0].namespaces.map((n) => n.name)).toEqual(['host', 'keep']);
    expect(r.exitStatus).toBe(1);
  });
});
