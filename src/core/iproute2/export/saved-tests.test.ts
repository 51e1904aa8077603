import { describe, expect, it } from 'vitest';
import { importScript } from '../import/index';
import { exportScripts } from './index';
import { savedTestCommand, savedTestLines } from './saved-tests';

const SCRIPT = [
  'set -e',
  'ip netns add a',
  'ip link add d type dummy',
  'ip netns exec a ping -c 2 -W 1 10.0.0.2',
  'ping -c 1 -I d 10.0.0.3',
  'arping -c 1 -w 2 -I d 10.0.0.4',
  'ip -n a neigh flush dev lo',
  '',
].join('\n');

describe('saved tests as script lines again', () => {
  it('renders each probe in the namespace it ran in, quoted, and imports back to the same tests', () => {
    const first = importScript(SCRIPT).design.tests ?? [];
    const lines = savedTestLines(first);
    expect(lines).toEqual([
      "ip netns exec 'a' ping -n -c 2 -W 1 '10.0.0.2'",
      "ping -n -c 1 -I 'd' '10.0.0.3'",
      "arping -c 1 -w 2 -I 'd' '10.0.0.4'",
      "ip netns exec 'a' ip neigh flush dev 'lo'",
    ]);
    const again = importScript(`ip netns add a\nip link add d type dummy\n${lines.join('\n')}\n`).design.tests ?? [];
    expect(again.map((t) => t.probe)).toEqual(first.map((t) => t.probe));
  });

  it('leaves out what is not a script line', () => {
    expect(savedTestLines([{ id: 't', probe: 'ping host' }, { id: 'u', probe: 'capture host eth0' }, { id: 'v', probe: 'neigh-del b 10.0.0.1' }])).toEqual(["ip netns exec 'b' arp -d '10.0.0.1'"]);
  });

  it('never stops a set -e script: a failed probe prints a notice, an expected silence is negated', () => {
    expect(savedTestCommand({ id: 't', probe: 'ping ns1 10.0.0.2 count=1' })).toBe("ip netns exec 'ns1' ping -n -c 1 '10.0.0.2' || echo 'test failed: ping ns1 10.0.0.2 count=1' >&2");
    expect(savedTestCommand({ id: 't', probe: 'ping ns1 10.0.0.9', expect: 'no-reply' })).toMatch(/^! ip netns exec 'ns1' ping .* \|\| echo 'test failed: ping ns1 10.0.0.9 \(expected no reply\)' >&2$/);
    expect(savedTestCommand({ id: 't', probe: 'neigh-flush ns1' })).toBe("ip netns exec 'ns1' ip neigh flush all || true");
  });

  it("exports the script's own checks after the configuration, and export(import(export)) is byte-identical", () => {
    const { design } = importScript('# phys: eth0 10.0.0.1/24\nip netns add a\nip link add v0 type veth peer name v1\nip link set v1 netns a\nip addr add 10.1.0.1/24 dev v0\nip link set v0 up\nip -n a addr add 10.1.0.2/24 dev v1\nip -n a link set v1 up\nping -c 1 10.1.0.2\nip netns exec a ip neigh flush all\n');
    const first = exportScripts(design)[0].text;
    const body = first.split("# The script's own checks")[1];
    expect(body).toContain("ping -n -c 1 '10.1.0.2' || echo");
    expect(body).toContain("ip netns exec 'a' ip neigh flush all || true");
    const second = exportScripts(importScript(first).design)[0].text;
    expect(second).toBe(first);
    expect(exportScripts(design, { mode: 'teardown' })[0].text).not.toContain('ping');
  });
});
