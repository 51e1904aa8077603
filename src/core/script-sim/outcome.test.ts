import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import { simulatedProbeOutcome } from './outcome';

const SCRIPT = [
  'set -e',
  'ip netns add srv',
  'ip link add veth-srv type veth peer name eth0 netns srv',
  'ip addr add 10.70.0.1/24 dev veth-srv',
  'ip link set veth-srv up',
  'ip -n srv addr add 10.70.0.2/24 dev eth0',
  'ping -c 1 -W 1 10.70.0.2 && echo up || echo "srv is down"',
  'ping -c 1 -W 1 10.70.0.2',
  'ip -n srv link set eth0 up',
].join('\n');

describe('a script\'s own probes answer as the simulated design so far answers', () => {
  it('stops a set -e script at a ping that fails at that point of the script', () => {
    const { design } = importScript(SCRIPT, { probe: simulatedProbeOutcome(1) });
    const eth0 = design.hosts[0].devices.find((d) => d.name === 'eth0');
    expect(eth0?.up).toBe(false);
    expect(design.tests?.map((t) => t.line)).toEqual([7, 8]);
  });

  it('without it every probe is taken to succeed, and the script runs to its end', () => {
    const { design } = importScript(SCRIPT);
    expect(design.hosts[0].devices.find((d) => d.name === 'eth0')?.up).toBe(true);
  });

  it('a ping that works at that point lets the script go on', () => {
    const ok = SCRIPT.replace('ip -n srv addr add 10.70.0.2/24 dev eth0', 'ip -n srv addr add 10.70.0.2/24 dev eth0\nip -n srv link set eth0 up');
    const { design } = importScript(ok, { probe: simulatedProbeOutcome(1) });
    expect(design.hosts[0].devices.find((d) => d.name === 'eth0')?.up).toBe(true);
  });

  it('each saved ping test expects what the line got when the script ran', () => {
    const { design } = importScript(SCRIPT, { probe: simulatedProbeOutcome(1) });
    expect(design.tests?.map((t) => t.expect)).toEqual(['no-reply', 'no-reply']);
    const ok = SCRIPT.replace('ip -n srv addr add 10.70.0.2/24 dev eth0', 'ip -n srv addr add 10.70.0.2/24 dev eth0\nip -n srv link set eth0 up');
    expect(importScript(ok, { probe: simulatedProbeOutcome(1) }).design.tests?.map((t) => t.expect)).toEqual(['reply', 'reply']);
  });
});
