/**
 * Operstate of a device whose link is down (link_watch default_operstate), each case measured
 * on Linux 6.18 in a sandbox: the iflink is looked up in the device's own namespace at its
 * last carrier event, by per-namespace ifindex.
 */
import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import { buildSim } from './build';
import { nsLinks } from './observe/links';
import type { KernelVersion } from './kernel-version';

function stateOf(script: string, ns: string, dev: string, kernel?: KernelVersion): string | undefined {
  const { design } = importScript(script, { file: 'x.sh' });
  const sim = buildSim(design, { seed: 1, kernel });
  return nsLinks(sim.nsByLabel.get(ns)!, sim).find((l) => l.name === dev)?.operstate;
}

describe('operstate of a veth without carrier', () => {
  const moved = 'ip netns add a\nip link add a0 type veth peer name a1\nip link set a1 netns a\nip link set a0 up\n';
  const madeThere = 'ip netns add b\nip link add b0 type veth peer name b1 netns b\nip -n b link set b1 up\n';

  it('the peer made with the pair keeps LOWERLAYERDOWN after it moves away (no carrier event since)', () => {
    expect(stateOf('ip netns add n\nip link add p0 type veth peer name q0\nip link set q0 netns n\nip -n n link set q0 up\n', 'n', 'q0')).toBe('LOWERLAYERDOWN');
  });

  it('the device end\'s verdict is taken later: a peer moved meanwhile is not found', () => {
    expect(stateOf(moved, 'host', 'a0')).toBe('DOWN');
    expect(stateOf('ip netns add n\nip link add cc type veth peer name dd\nip link add x type veth peer name y\nip link set dd netns n\nip link set cc up\n', 'host', 'cc')).toBe('DOWN');
  });

  it('moving the device end takes its verdict before the move', () => {
    expect(stateOf('ip netns add n\nip link add v0 type veth peer name v1\nip link set v0 netns n\nip -n n link set v0 up\n', 'n', 'v0')).toBe('LOWERLAYERDOWN');
  });

  it('an end made in another netns looks its peer\'s number up there: nothing, so DOWN', () => {
    expect(stateOf(madeThere, 'b', 'b1')).toBe('DOWN');
  });

  it('the same number in its own netns may be an unrelated device without carrier: LOWERLAYERDOWN', () => {
    // c0 is 2 in the root namespace; in c, 2 is cy, a veth that is down
    const s = 'ip netns add c\nip -n c link add cx type veth peer name cy\nip link add c0 type veth peer name c1 netns c\nip -n c link set c1 up\n';
    expect(stateOf(s, 'c', 'c1')).toBe('LOWERLAYERDOWN');
  });

  it('a carrier loss after the move is computed in the new netns', () => {
    const s = 'ip netns add d\nip link add d0 type veth peer name d1\nip link set d1 netns d\nip link set d0 up\nip -n d link set d1 up\nip link set d0 down\n';
    expect(stateOf(s, 'd', 'd1')).toBe('DOWN');
  });

  it('before Linux 6.2 a device whose iflink is not its own ifindex is LOWERLAYERDOWN', () => {
    const k61 = { major: 6, minor: 1 };
    expect(stateOf(moved, 'host', 'a0', k61)).toBe('LOWERLAYERDOWN');
    // the two numbers are of different namespaces: b1 is 2 in b, its peer b0 is 2 in the root
    expect(stateOf(madeThere, 'b', 'b1', k61)).toBe('DOWN');
  });
});
