/**
 * ipip, GRE and gretap tunnels for the VM-kind fuzzer: two namespaces joined by a veth and a
 * tunnel between them, drawn with what the kernel matches on receive (a remote that is not
 * the peer, keys that differ, an end left down) so that lookups that fail are drawn as
 * often as ones that succeed. Returns the probes to add.
 */
import type { FuzzElement } from './generate';
import type { rng } from './generate';

type Rng = ReturnType<typeof rng>;

export function addTunnelPair(r: Rng, add: (e: FuzzElement) => string): string[] {
  if (!r.chance(0.4)) return [];
  const kind = r.pick(['ipip', 'gre', 'gretap'] as const);
  const nsA = add({ id: 'netns-ta', needs: [], ns: 'ta', lines: ['ip netns add ta'] });
  const nsB = add({ id: 'netns-tb', needs: [], ns: 'tb', lines: ['ip netns add tb'] });
  const under = add({
    id: 'veth-tun', needs: [nsA, nsB], lines: [
      'ip link add u0 netns ta type veth peer name u0 netns tb',
      'ip -n ta addr add 172.16.0.1/24 dev u0', 'ip -n tb addr add 172.16.0.2/24 dev u0',
      'ip -n ta link set u0 up', 'ip -n tb link set u0 up',
    ],
  });
  const key = kind !== 'ipip' && r.chance(0.5) ? r.int(1, 3) : undefined;
  const opts = (self: string, peer: string, k: number | undefined) =>
    ` local 172.16.0.${self} remote 172.16.0.${peer}${k !== undefined ? ` key ${k}` : ''}${r.chance(0.3) ? ` ttl ${r.int(1, 255)}` : ''}`;
  const remoteB = r.chance(0.8) ? '1' : '9';
  const keyB = key !== undefined && r.chance(0.3) ? key + 1 : key;
  add({
    id: 'tunnel-pair', needs: [under], lines: [
      `ip -n ta link add tun1 type ${kind}${opts('1', '2', key)}`,
      `ip -n tb link add tun1 type ${kind}${opts('2', remoteB, keyB)}`,
      'ip -n ta addr add 10.77.0.1/24 dev tun1', 'ip -n tb addr add 10.77.0.2/24 dev tun1',
      'ip -n ta link set tun1 up', ...(r.chance(0.85) ? ['ip -n tb link set tun1 up'] : []),
    ],
  });
  return ['capture ta u0', 'ping ta 10.77.0.2'];
}
