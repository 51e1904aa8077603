import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import { runSavedTests } from './script-tests';

const LAB = `ip netns add a
ip netns add b
ip link add va type veth peer name vb
ip link set va netns a
ip link set vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 10.0.0.2
ip netns exec b ping -c 1 -W 1 10.0.0.9
ip -n a neigh flush dev va
ip netns exec b arp -d 10.0.0.1
`;

describe("a script's own tests run in order on one simulation", () => {
  it('pings, then the neighbour steps empty the tables they name', () => {
    const { design } = importScript(LAB, { file: 'lab.sh' });
    expect(design.tests?.map((t) => t.probe)).toEqual(['ping a 10.0.0.2 count=1', 'ping b 10.0.0.9 count=1 wait=1', 'neigh-flush a va', 'neigh-del b 10.0.0.1']);
    const { outcomes, sim } = runSavedTests(design, { seed: 1 });
    expect(outcomes.map((o) => o.result?.ok)).toEqual([true, false, undefined, undefined]);
    expect(outcomes.every((o) => !o.problem)).toBe(true);
    const learned = (ns: string) => [...sim.nsByLabel.get(ns)!.neigh.values()].filter((e) => e.lladdr).map((e) => e.dev.name);
    expect(learned('a')).toEqual([]);
    expect(learned('b')).toEqual([]);
  });

  it('keeps what the earlier pings taught when no step removes it', () => {
    const { design } = importScript(LAB.split('\n').slice(0, 10).join('\n'), { file: 'lab.sh' });
    const { sim } = runSavedTests(design, { seed: 1 });
    expect([...sim.nsByLabel.get('b')!.neigh.values()].filter((e) => e.lladdr).length).toBe(1);
  });
});
