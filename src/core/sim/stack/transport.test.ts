import { describe, expect, it } from 'vitest';
import { importScript } from '../../iproute2/import/index';
import { parseProbes } from '../../world/probes';
import { simulate } from '../simulate';
import { formatTcpdump } from '../../capture/tcpdump';

const PAIR = `ip netns add a
ip netns add b
ip link add v0 netns a type veth peer name v1 netns b
ip -n a addr add 10.0.0.1/24 dev v0
ip -n a link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1
ip -n b link set v1 up
ip netns exec b nc -l -p 80 &
`;

function run(script: string, probes: string) {
  const imp = importScript(script);
  const { observation, trace } = simulate(imp.design, parseProbes(probes).probes, { seed: 3 });
  const text: string[] = [];
  trace.forEachFrame((t, kind, at, frame) => {
    if (kind === 'frame-tx' && at.dev === 'v0') text.push(formatTcpdump(frame, t).replace(/^\S+ /, ''));
  });
  return { imp, observation, text };
}

describe('TCP and UDP endpoints', () => {
  it('reads the listener from the script and shows the handshake and close as tcpdump does', () => {
    const { imp, observation, text } = run(PAIR, 'tcp a 10.0.0.2 80\ntcp a 10.0.0.2 80');
    expect(imp.design.hosts[0].namespaces.find((n) => n.name === 'b')!.listeners).toEqual([{ proto: 'tcp', port: 80 }]);
    expect(observation.probes.map((p) => p.error)).toEqual([null, 'connection_refused']);
    const tcp = text.filter((l) => l.includes('Flags'));
    expect(tcp[0]).toMatch(/ 10\.0\.0\.1\.\d+ > 10\.0\.0\.2\.80: Flags \[S\], seq \d+, win 64240, options \[mss 1460\], length 0$/);
    expect(tcp.map((l) => /Flags \[([^\]]+)\]/.exec(l)![1])).toEqual(['S', '.', 'F.', '.', 'S']);
  });

  it('forwards a published port with DNAT and de-NATs the reply; without the rule the host resets', () => {
    const script = `${PAIR}ip netns exec b sysctl -w net.ipv4.ip_forward=1
ip netns add c
ip link add w0 netns b type veth peer name w1 netns c
ip -n b addr add 10.0.9.1/24 dev w0
ip -n b link set w0 up
ip -n c addr add 10.0.9.2/24 dev w1
ip -n c link set w1 up
ip -n c route add default via 10.0.9.1
ip netns exec c nc -k -l -p 8000 &
ip netns exec b iptables -t nat -A PREROUTING -i v1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.9.2:8000
`;
    const { observation, text } = run(script, 'tcp a 10.0.0.2 8080\ntcp a 10.0.0.2 8081\nudp a 10.0.0.2 8080');
    expect(observation.probes.map((p) => p.error)).toEqual([null, 'connection_refused', 'connection_refused']);
    // the client only ever sees the published address
    expect(text.filter((l) => l.includes('Flags')).every((l) => !l.includes('10.0.9.'))).toBe(true);
  });

  it('refuses NAT rules the way iptables and the kernel do', () => {
    const imp = importScript('iptables -t nat -A POSTROUTING -p tcp -j DNAT --to-destination 10.0.0.2\niptables -t nat -A PREROUTING --dport 80 -j DNAT --to-destination 10.0.0.2\niptables -t nat -A PREROUTING -p tcp -j DNAT');
    const errors = imp.diagnostics.filter((d) => d.level === 'error').map((d) => d.message);
    expect(errors).toEqual([
      'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain POSTROUTING',
      'iptables v1.8.9 (nf_tables): unknown option "--dport"',
      'iptables v1.8.9 (nf_tables): DNAT: option "--to-destination" must be specified',
    ]);
  });
});
